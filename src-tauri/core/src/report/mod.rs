//! The session report: one model of what a workshop produced, rendered as self-contained
//! HTML, Markdown, CSV and PDF, in the workshop's language.
//!
//! The model is built once from the store; each renderer only lays it out. Text from people
//! is escaped by each renderer for its own format (HTML entities, Markdown backslashes, CSV
//! quoting with formula cells neutralised), so nothing they typed can become markup or a
//! spreadsheet formula.

mod csv;
mod html;
mod labels;
mod markdown;
mod pdf;

use serde::{Deserialize, Serialize};

use crate::board::{Cluster, Note};
use crate::emotions::RatingSummary;
use crate::error::Result;
use crate::journey::Journey;
use crate::model::{Stage, Workshop};
use crate::participants::{Participant, Role};
use crate::personas::Persona;
use crate::store::Library;
use crate::voting::{NoteResult, Viewer, VotingRound};
use ts_rs::TS;

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
    pub participants: Vec<Participant>,
    pub stages: Vec<Stage>,
    pub personas: Vec<Persona>,
    /// Photo data URLs by image id.
    pub photos: std::collections::HashMap<String, String>,
    pub clusters: Vec<Cluster>,
    pub notes: Vec<Note>,
    pub ratings: Vec<RatingSummary>,
    pub chart_svg: String,
    pub has_emotions: bool,
    /// Every voting round, oldest first, with its results ranked (voters named only in
    /// rounds that were not anonymous).
    pub rounds: Vec<(VotingRound, Vec<NoteResult>)>,
}

/// One ranked line of a round's results: rank (ties share one), note, votes, voters.
pub struct RankedResult<'a> {
    pub rank: usize,
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

    /// The appendix header and one row per note: text, cluster, stage, persona, author.
    pub fn appendix(&self) -> ([&'static str; 5], Vec<[&str; 5]>) {
        let labels = self.labels;
        let rows = self
            .notes
            .iter()
            .map(|note| {
                [
                    note.text.as_str(),
                    self.cluster_title(note.cluster_id.as_deref()),
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
                labels.stage,
                labels.persona,
                labels.author,
            ],
            rows,
        )
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

    /// A round's results with ranks, notes without votes left out.
    pub fn ranked<'r>(&self, results: &'r [NoteResult]) -> Vec<RankedResult<'r>> {
        let mut ranked = Vec::new();
        let mut rank = 0;
        for (index, result) in results.iter().filter(|r| r.votes > 0).enumerate() {
            if index == 0
                || ranked
                    .last()
                    .is_some_and(|r: &RankedResult| r.votes != result.votes)
            {
                rank = index + 1;
            }
            ranked.push(RankedResult {
                rank,
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
            });
        }
        ranked
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
            ..
        } = self.get_journey(workshop_id)?;
        let mut photos = std::collections::HashMap::new();
        for photo in personas.iter().filter_map(|p| p.photo_id.as_deref()) {
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
            rounds,
            labels: Labels::of(workshop.language),
            chart_svg: self.emotion_chart_svg(workshop_id, &[])?,
            has_emotions: !emotions.is_empty() || !ratings.is_empty(),
            participants: board.participants,
            clusters: board.clusters,
            notes: board.notes,
            workshop,
            stages,
            personas,
            photos,
            ratings,
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
