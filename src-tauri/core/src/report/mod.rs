//! The session report: one model of what a workshop produced, rendered as self-contained
//! HTML, Markdown, CSV and PDF, in the workshop's language.
//!
//! The model is built once from the store; each renderer only lays it out. Text from people
//! is escaped by each renderer for its own format (HTML entities, Markdown backslashes, CSV
//! quoting with formula cells neutralised), so nothing they typed can become markup or a
//! spreadsheet formula.

mod bundle;
mod csv;
mod experience;
mod html;
mod labels;
mod markdown;
mod pdf;

use serde::{Deserialize, Serialize};

use crate::board::{Cluster, Note};
use crate::emotions::{EmotionPoint, RatingSummary, Variant};
use crate::error::Result;
use crate::journey::Journey;
use crate::model::{Stage, Workshop};
use crate::participants::{Participant, Role};
use crate::personas::{Persona, SectionBody};
use crate::store::Library;
use crate::voting::{NoteResult, Viewer, VotingRound};
use ts_rs::TS;

pub use experience::{figure_text, QuestionSection};
pub use labels::Labels;
pub use markdown::CHART_FILE;

/// The formats a report is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Html,
    Md,
    Csv,
}

/// The page size of a PDF report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    #[default]
    A4,
    Letter,
}

/// Texts with their labels: (label, text).
pub type Labelled<'a> = Vec<(&'static str, &'a str)>;

/// Everything a report shows, gathered from the store.
#[derive(Debug, Clone)]
pub struct Report {
    pub workshop: Workshop,
    pub labels: &'static Labels,
    /// The library's accent colour and logo.
    pub style: crate::branding::ReportStyle,
    pub participants: Vec<Participant>,
    pub stages: Vec<Stage>,
    pub personas: Vec<Persona>,
    /// Photo data URLs by image id: the personas' photos and the face-up photo notes'.
    pub photos: std::collections::HashMap<String, String>,
    pub clusters: Vec<Cluster>,
    /// The notes that are face up: a face-down note is nobody's to read yet, so a report
    /// counts it (`face_down`) and shows nothing of it.
    pub notes: Vec<Note>,
    pub face_down: usize,
    pub ratings: Vec<RatingSummary>,
    /// Every emotion point set on the journey (personas × stages × current/target).
    pub emotions: Vec<EmotionPoint>,
    pub chart_svg: String,
    pub has_emotions: bool,
    /// Every voting round, oldest first, with its results ranked (voters named only in
    /// rounds that were not anonymous).
    pub rounds: Vec<(VotingRound, Vec<NoteResult>)>,
    /// The experience model (see [`experience`]).
    pub lanes: Vec<crate::lanes::Lane>,
    pub cells: Vec<crate::lanes::LaneCell>,
    pub feelings: Vec<crate::feelings::Feeling>,
    pub stage_feelings: Vec<crate::feelings::StageFeelings>,
    pub figures: Vec<crate::figures::StageFigure>,
    pub questions: Vec<crate::questions::QuestionResult>,
    pub switches: Vec<crate::journey::ChannelSwitch>,
}

/// The report's first page after the cover: see [`Report::summary`].
pub struct Summary<'a> {
    /// (what, how many), leaving out what the workshop has none of.
    pub figures: Vec<(&'static str, String)>,
    /// The latest round with votes: its heading and its top results.
    pub top: Option<(String, Vec<RankedResult<'a>>)>,
    /// The titles of the stages marked as moments of truth.
    pub truths: Vec<&'a str>,
}

/// One ranked line of a round's results: rank (ties share one), note, votes, voters.
pub struct RankedResult<'a> {
    /// The rank as shown: "=2" when another note shares it.
    pub rank: String,
    pub text: &'a str,
    pub votes: i64,
    pub voters: String,
}

impl Report {
    /// Participants per role, in a fixed order, leaving out roles nobody has.
    pub fn roles(&self) -> Vec<(Role, usize)> {
        [Role::Customer, Role::Employee, Role::Stakeholder]
            .into_iter()
            .map(|role| {
                (
                    role,
                    self.participants.iter().filter(|p| p.role == role).count(),
                )
            })
            .filter(|(_, count)| *count > 0)
            .collect()
    }

    /// Clusters with their notes, then the notes in no cluster (under `None`).
    pub fn groups(&self) -> Vec<(Option<&Cluster>, Vec<&Note>)> {
        let mut groups: Vec<(Option<&Cluster>, Vec<&Note>)> = self
            .clusters
            .iter()
            .map(|cluster| {
                let notes = self
                    .notes
                    .iter()
                    .filter(|note| note.cluster_id.as_deref() == Some(cluster.id.as_str()))
                    .collect();
                (Some(cluster), notes)
            })
            .collect();
        let loose: Vec<&Note> = self
            .notes
            .iter()
            .filter(|n| n.cluster_id.is_none())
            .collect();
        if !loose.is_empty() {
            groups.push((None, loose));
        }
        groups
    }

    pub fn cluster_title(&self, id: Option<&str>) -> &str {
        id.and_then(|id| self.clusters.iter().find(|c| c.id == id))
            .map_or("", |c| c.title.as_str())
    }

    pub fn stage_title(&self, id: Option<&str>) -> &str {
        id.and_then(|id| self.stages.iter().find(|s| s.id == id))
            .map_or("", |s| s.title.as_str())
    }

    pub fn persona_name(&self, id: Option<&str>) -> &str {
        id.and_then(|id| self.personas.iter().find(|p| p.id == id))
            .map_or("", |p| p.name.as_str())
    }

    /// A note's author as the report may name them: anonymous participants stay anonymous.
    pub fn author_name(&self, id: Option<&str>) -> &str {
        id.and_then(|id| self.participants.iter().find(|p| p.id == id))
            .and_then(|p| p.name.as_deref())
            .unwrap_or(self.labels.anonymous)
    }

    /// The cover's facts that have a value: (label, value).
    pub fn cover_facts(&self) -> Vec<(&'static str, String)> {
        let workshop = &self.workshop;
        [
            (self.labels.date, workshop.date.clone().unwrap_or_default()),
            (self.labels.facilitator, workshop.facilitator.clone()),
            (self.labels.goal, workshop.goal.clone()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .collect()
    }

    /// "3 (customers: 2, employees: 1)", or a line saying nobody was recorded.
    pub fn participants_summary(&self) -> String {
        let roles: Vec<String> = self
            .roles()
            .into_iter()
            .map(|(role, count)| format!("{}: {count}", self.labels.role(role)))
            .collect();
        if roles.is_empty() {
            self.labels.no_participants.to_owned()
        } else {
            format!("{} ({})", self.participants.len(), roles.join(", "))
        }
    }

    /// A persona's short facts (age, occupation) and longer texts (background to
    /// expectations), each as (label, text) and only those that have a value.
    pub fn persona_details<'p>(&self, persona: &'p Persona) -> (Labelled<'p>, Labelled<'p>) {
        let labels = self.labels;
        let filled = |pairs: Vec<(&'static str, &'p String)>| {
            pairs
                .into_iter()
                .filter(|(_, value)| !value.is_empty())
                .map(|(label, value)| (label, value.as_str()))
                .collect::<Vec<_>>()
        };
        (
            filled(vec![
                (labels.age, &persona.age),
                (labels.occupation, &persona.occupation),
            ]),
            filled(vec![
                (labels.background, &persona.background),
                (labels.goals, &persona.goals),
                (labels.needs, &persona.needs),
                (labels.pains, &persona.pains),
                (labels.expectations, &persona.expectations),
            ]),
        )
    }

    /// The appendix header and one row per note: text, cluster, colour, stage, persona,
    /// author.
    pub fn appendix(&self) -> ([&'static str; 6], Vec<[&str; 6]>) {
        let labels = self.labels;
        let rows = self
            .notes
            .iter()
            .map(|note| {
                [
                    note.text.as_str(),
                    self.cluster_title(note.cluster_id.as_deref()),
                    self.colour_name(&note.colour),
                    self.stage_title(note.stage_id.as_deref()),
                    self.persona_name(note.persona_id.as_deref()),
                    self.author_name(note.author_id.as_deref()),
                ]
            })
            .collect();
        (
            [
                labels.note,
                labels.cluster,
                labels.colour,
                labels.stage,
                labels.persona,
                labels.author,
            ],
            rows,
        )
    }

    /// The summary up front: the workshop in numbers, the top ideas of the latest round that
    /// has votes (at most five, with their shared ranks) and the moments of truth.
    pub fn summary(&self) -> Summary<'_> {
        let labels = self.labels;
        let figures = [
            (labels.ideas, self.notes.len()),
            (labels.face_down, self.face_down),
            (labels.participants, self.participants.len()),
            (labels.personas, self.personas.len()),
            (labels.stages, self.stages.len()),
        ]
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(label, count)| (label, count.to_string()))
        .collect();
        let top = self
            .rounds
            .iter()
            .rev()
            .find(|(_, results)| results.iter().any(|r| r.votes > 0))
            .map(|(round, results)| {
                let mut ranked = self.ranked(results);
                ranked.truncate(5);
                (self.round_title(round), ranked)
            });
        let truths = self
            .stages
            .iter()
            .filter(|stage| stage.moment_of_truth)
            .map(|stage| stage.title.as_str())
            .collect();
        Summary {
            figures,
            top,
            truths,
        }
    }

    /// A round's heading: its title, or "Round 2" by its place among the rounds (oldest
    /// first, as the app numbers them) when it has none.
    pub fn round_title(&self, round: &VotingRound) -> String {
        if !round.title.trim().is_empty() {
            return round.title.clone();
        }
        let number = self
            .rounds
            .iter()
            .position(|(r, _)| r.id == round.id)
            .map_or(0, |index| index + 1);
        format!("{} {number}", self.labels.round)
    }

    /// A persona's own sections as (title, text): a list or tags one item per line, a slider
    /// as "3 / 5". Sections without a title are called by their kind's word.
    pub fn persona_sections<'p>(&self, persona: &'p Persona) -> Vec<(&'p str, String)> {
        persona
            .sections
            .iter()
            .map(|section| {
                let text = match &section.body {
                    SectionBody::Text { text } => text.clone(),
                    SectionBody::List { items } => items
                        .iter()
                        .map(|item| format!("• {item}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    SectionBody::Tags { items } => items.join(", "),
                    SectionBody::Slider { value } => format!("{value} / 5"),
                };
                (section.title.as_str(), text)
            })
            .filter(|(_, text)| !text.trim().is_empty())
            .collect()
    }

    /// The header and one row per emotion point people wrote a note on: persona, stage,
    /// current or target, score, note; in persona and stage order.
    pub fn point_notes(&self) -> ([&'static str; 5], Vec<[String; 5]>) {
        let labels = self.labels;
        let mut rows = Vec::new();
        for persona in &self.personas {
            for stage in &self.stages {
                for variant in [Variant::Current, Variant::Target] {
                    let Some(point) = self.emotions.iter().find(|p| {
                        p.persona_id == persona.id && p.stage_id == stage.id && p.variant == variant
                    }) else {
                        continue;
                    };
                    if point.note.trim().is_empty() {
                        continue;
                    }
                    rows.push([
                        persona.name.clone(),
                        stage.title.clone(),
                        self.variant_label(variant).to_owned(),
                        score_text(point.score),
                        point.note.clone(),
                    ]);
                }
            }
        }
        (
            [
                labels.persona,
                labels.stage,
                labels.emotions_variant,
                labels.score,
                labels.point_note,
            ],
            rows,
        )
    }

    fn variant_label(&self, variant: Variant) -> &'static str {
        crate::chart::variant_word(self.workshop.language, variant)
    }

    /// The chart's figures as a table, for readers who cannot see it: one row per persona and
    /// variant, one column per stage ("" where no point is set).
    pub fn chart_table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut header = vec![self.labels.persona.to_owned()];
        header.extend(self.stages.iter().map(|s| s.title.clone()));
        let mut rows = Vec::new();
        for persona in &self.personas {
            for variant in [Variant::Current, Variant::Target] {
                let scores: Vec<String> = self
                    .stages
                    .iter()
                    .map(|stage| {
                        self.emotions
                            .iter()
                            .find(|p| {
                                p.persona_id == persona.id
                                    && p.stage_id == stage.id
                                    && p.variant == variant
                            })
                            .map_or(String::new(), |p| score_text(p.score))
                    })
                    .collect();
                if scores.iter().all(String::is_empty) {
                    continue;
                }
                let mut row = vec![format!(
                    "{} ({})",
                    persona.name,
                    self.variant_label(variant)
                )];
                row.extend(scores);
                rows.push(row);
            }
        }
        (header, rows)
    }

    /// A persona's photo as a file beside the Markdown: its name ("photos/persona-2.jpg", by
    /// the persona's place) and bytes. None without a photo or with an unreadable one.
    pub fn photo_file(&self, persona: &Persona) -> Option<(String, Vec<u8>)> {
        let (extension, bytes) = self.image_file(persona.photo_id.as_deref()?)?;
        let place = self.personas.iter().position(|p| p.id == persona.id)? + 1;
        Some((format!("photos/persona-{place}.{extension}"), bytes))
    }

    /// A photo note's photo as a data URL; None for a note without one.
    pub fn note_photo(&self, note: &Note) -> Option<&str> {
        self.photos
            .get(note.image_id.as_deref()?)
            .map(String::as_str)
    }

    /// A photo note's photo as a file beside the Markdown, like a persona's ("photos/note-3.jpg",
    /// by the note's place among the report's notes).
    pub fn note_photo_file(&self, note: &Note) -> Option<(String, Vec<u8>)> {
        let (extension, bytes) = self.image_file(note.image_id.as_deref()?)?;
        let place = self.notes.iter().position(|n| n.id == note.id)? + 1;
        Some((format!("photos/note-{place}.{extension}"), bytes))
    }

    /// A stored image's file extension and bytes, from its data URL.
    fn image_file(&self, image_id: &str) -> Option<(&'static str, Vec<u8>)> {
        use base64::Engine;
        let url = self.photos.get(image_id)?;
        let (head, data) = url.split_once(";base64,")?;
        let extension = match head.strip_prefix("data:image/")? {
            "jpeg" => "jpg",
            "png" => "png",
            "webp" => "webp",
            _ => return None,
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .ok()?;
        Some((extension, bytes))
    }

    /// The logo's bytes (PNG or JPEG), if the library has one.
    pub fn logo_bytes(&self) -> Option<Vec<u8>> {
        use base64::Engine;
        let (_, data) = self.style.logo.as_deref()?.split_once(";base64,")?;
        base64::engine::general_purpose::STANDARD.decode(data).ok()
    }

    /// A note colour as people see it, in the report's language.
    pub fn colour_name(&self, colour: &str) -> &'static str {
        let swatch = crate::palette::note_swatch(colour);
        match self.workshop.language {
            crate::model::Language::En => swatch.en,
            crate::model::Language::Fi => swatch.fi,
        }
    }

    /// A round's settings in one line: "5 votes each, at most 3 per note, anonymous".
    pub fn round_settings(&self, round: &VotingRound) -> String {
        let labels = self.labels;
        format!(
            "{} {}, {} {} {}, {}",
            round.votes_per_participant,
            labels.votes_each,
            labels.at_most,
            round.max_per_note,
            labels.per_note,
            if round.anonymous {
                labels.anonymous_round
            } else {
                labels.named_round
            }
        )
    }

    /// A round's results with their shared ranks, notes without votes left out.
    pub fn ranked<'r>(&self, results: &'r [NoteResult]) -> Vec<RankedResult<'r>> {
        results
            .iter()
            .filter(|r| r.votes > 0)
            .map(|result| RankedResult {
                rank: format!("{}{}", if result.tied { "=" } else { "" }, result.rank),
                text: &result.text,
                votes: result.votes,
                voters: result
                    .voters
                    .iter()
                    .map(|name| match name.as_str() {
                        "" => self.labels.anonymous,
                        name => name,
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect()
    }

    /// The report as a PDF on `paper`.
    pub fn pdf(&self, paper: PaperSize) -> Result<Vec<u8>> {
        pdf::render(
            self,
            match paper {
                PaperSize::A4 => fiilis_pdf::Paper::A4,
                PaperSize::Letter => fiilis_pdf::Paper::Letter,
            },
        )
    }

    pub fn render(&self, format: ReportFormat) -> String {
        match format {
            ReportFormat::Html => html::render(self),
            ReportFormat::Md => markdown::render(self, markdown::CHART_FILE),
            ReportFormat::Csv => csv::render(self),
        }
    }
}

/// A score as written in the reports: whole numbers without decimals, halves with one.
fn score_text(score: f64) -> String {
    if score.fract() == 0.0 {
        format!("{score:.0}")
    } else {
        format!("{score:.1}")
    }
}

impl Library {
    /// Gathers a workshop's report.
    pub fn report(&self, workshop_id: &str) -> Result<Report> {
        let workshop = self.get_workshop(workshop_id)?;
        let board = self.get_board(workshop_id)?;
        let Journey {
            stages,
            personas,
            emotions,
            ratings,
            lanes,
            cells,
            feelings,
            stage_feelings,
            figures,
            questions,
            switches,
            ..
        } = self.get_journey(workshop_id)?;
        // A face-down note is nobody's to see yet: neither its text nor its photo is gathered.
        let face_down = board.notes.iter().filter(|n| n.hidden).count();
        let notes: Vec<Note> = board.notes.into_iter().filter(|n| !n.hidden).collect();
        let mut photos = std::collections::HashMap::new();
        let persona_photos = personas.iter().filter_map(|p| p.photo_id.as_deref());
        let note_photos = notes.iter().filter_map(|n| n.image_id.as_deref());
        for photo in persona_photos.chain(note_photos) {
            photos.insert(
                photo.to_owned(),
                self.get_image(workshop_id, photo)?.data_url,
            );
        }
        let mut rounds = Vec::new();
        for round in self.list_rounds(workshop_id)? {
            let results = self.round_results(workshop_id, &round.id, Viewer::Facilitator)?;
            rounds.push((round, results));
        }
        Ok(Report {
            style: self.get_report_style()?,
            rounds,
            has_emotions: !emotions.is_empty() || !ratings.is_empty(),
            emotions,
            labels: Labels::of(workshop.language),
            chart_svg: self.emotion_chart_svg(workshop_id, &[])?,
            participants: board.participants,
            clusters: board.clusters,
            face_down,
            notes,
            workshop,
            stages,
            personas,
            photos,
            ratings,
            lanes,
            cells,
            feelings,
            stage_feelings,
            figures,
            questions,
            switches,
        })
    }

    /// A workshop's report rendered in `format`.
    pub fn export_report(&self, workshop_id: &str, format: ReportFormat) -> Result<String> {
        Ok(self.report(workshop_id)?.render(format))
    }

    /// A workshop's report as a PDF.
    pub fn export_pdf(&self, workshop_id: &str, paper: PaperSize) -> Result<Vec<u8>> {
        self.report(workshop_id)?.pdf(paper)
    }
}
