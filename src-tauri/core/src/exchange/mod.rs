//! The open workshop file (`.fiilis.json`): a whole workshop, photos included, as one JSON
//! document that moves between laptops. See docs/workshop-format.md.
//!
//! Reading a file is all or nothing: it is parsed and checked completely (format, version,
//! types, limits, references) before anything is written, and then written in one
//! transaction. Every row remembers its *origin*, the id it had in the workshop it was first
//! made in, and files carry those origins; merging a file therefore recognises rows it
//! already has, whether it is the same file again or one from a breakout laptop that
//! started from the same workshop.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use base64::Engine;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::board::{checked_colour, checked_note_text, checked_size, Cluster, Note};
use crate::change::Change;
use crate::emotions::{checked_score, scale_of, EmotionPoint, Rating, Scale};
use crate::error::{Error, Result};
use crate::feelings::OwnFeeling;
use crate::figures::StageFigure;
use crate::ids::{new_id, now};
use crate::images::{images_of, store_image, verify, Prepared};
use crate::journey::MAX_STAGE_TEXT_CHARS;
use crate::lanes::{Lane, LaneCell};
use crate::model::{LaneKind, Language, Stage, TemplateId, Workshop};
use crate::model::{MAX_CHANNELS, MAX_CHANNEL_CHARS};
use crate::participants::{Participant, MAX_NAME_CHARS as MAX_PARTICIPANT_NAME_CHARS};
use crate::personas::{apply as apply_persona_fields, Persona, PersonaFields};
use crate::questions::{Answer, Question};
use crate::rows::{record_origin, recorded_origins, remap, restore, rows_of, Row, Table};
use crate::sections::{frame_around, Grid, MAX_COLUMNS};
use crate::store::Library;
use crate::validate;
use crate::voting::{checked_vote_weight, refuse_rule_breaks, Vote, VotingRound};
use crate::workshops::{
    insert_lanes, load_workshop, MAX_FACILITATOR_CHARS, MAX_GOAL_CHARS, MAX_TITLE_CHARS,
};

mod experience;
use ts_rs::TS;

/// What the `format` field of every workshop file says.
pub const FORMAT: &str = "fiilis-workshop";
/// The version this build writes and the newest it reads. Version 2 added the experience
/// model (lanes, feelings, questions, survey figures); a version 1 file gets its template's
/// lanes on import. Version 3 added face-down notes and sections with a frame (a version 2
/// file's clusters get a frame around their notes, laid out in its grid, on import).
pub const VERSION: u32 = 3;
/// The largest file read, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The file, as written and read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorkshopFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub app_version: String,
    pub workshop: FileWorkshop,
    pub stages: Vec<Stage>,
    pub participants: Vec<Participant>,
    pub personas: Vec<Persona>,
    pub clusters: Vec<Cluster>,
    pub notes: Vec<Note>,
    pub emotions: Vec<EmotionPoint>,
    pub ratings: Vec<Rating>,
    pub images: Vec<FileImage>,
    #[serde(default)]
    pub voting_rounds: Vec<VotingRound>,
    #[serde(default)]
    pub votes: Vec<Vote>,
    #[serde(default)]
    pub round_done: Vec<RoundDone>,
    #[serde(default)]
    pub feelings: Vec<OwnFeeling>,
    #[serde(default)]
    pub lanes: Vec<Lane>,
    #[serde(default)]
    pub lane_cells: Vec<LaneCell>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub answers: Vec<Answer>,
    #[serde(default)]
    pub stage_figures: Vec<StageFigure>,
    /// Row id → the id it was first made under, for rows that came from another workshop.
    #[serde(default)]
    pub origins: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FileWorkshop {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub goal: String,
    pub facilitator: String,
    pub language: Language,
    pub template: TemplateId,
    pub emotion_scale: Scale,
    pub created_at: String,
    pub updated_at: String,
}

/// That a participant said they had finished voting in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoundDone {
    pub id: String,
    pub workshop_id: String,
    pub round_id: String,
    pub participant_id: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FileImage {
    pub id: String,
    pub mime: String,
    pub data_base64: String,
}

fn row_of<T: Serialize>(value: &T) -> Row {
    match serde_json::to_value(value).expect("content rows serialise to JSON") {
        Value::Object(row) => row,
        _ => unreachable!("content rows are JSON objects"),
    }
}

/// Gives the clusters of a file from before sections (no frame) a frame around their notes,
/// and lays their notes out in its grid, top to bottom and left to right as they were.
fn frame_old_clusters(file: &mut WorkshopFile) {
    for cluster in file.clusters.iter_mut().filter(|c| c.width <= 0.0) {
        let mut members: Vec<&mut Note> = file
            .notes
            .iter_mut()
            .filter(|n| n.cluster_id.as_deref() == Some(cluster.id.as_str()))
            .collect();
        let places: Vec<(f64, f64)> = members.iter().map(|n| (n.x, n.y)).collect();
        let (x, y, columns) = frame_around(&places);
        members.sort_by(|a, b| {
            a.y.total_cmp(&b.y)
                .then(a.x.total_cmp(&b.x))
                .then(a.id.cmp(&b.id))
        });
        let grid = Grid::of_section(x, y, columns);
        for (index, note) in members.iter_mut().enumerate() {
            (note.x, note.y) = grid.cell(index);
        }
        (cluster.x, cluster.y, cluster.columns) = (x, y, columns);
        (cluster.width, cluster.height) = grid.frame(members.len(), cluster.collapsed);
    }
}

/// Reads the text of a file: JSON, the right format and version, every field typed.
pub fn parse(text: &str) -> Result<WorkshopFile> {
    if text.len() > MAX_FILE_BYTES {
        return Err(Error::invalid(format!(
            "the file is {:.1} MB; the limit is {} MB",
            text.len() as f64 / 1024.0 / 1024.0,
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    // Editors on Windows may start a UTF-8 file with a byte order mark, which JSON allows a
    // reader to ignore (RFC 8259, 8.1); refused, the file would look like it is not JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Two passes over the text, neither building a tree of it: the header alone first, to say
    // what is wrong with a file that is not ours in plain words; then the typed file, which
    // stops at the first field it does not know. Memory stays a small multiple of the file.
    let header: Header = match serde_json::from_str(text) {
        Ok(header) => header,
        // JSON, but not an object: someone else's file.
        Err(error) if error.classify() == serde_json::error::Category::Data => Header::default(),
        Err(error) => return Err(Error::invalid(format!("the file is not JSON: {error}"))),
    };
    if header.format != Scalar::Text(FORMAT.to_owned()) {
        return Err(Error::invalid(format!(
            "this is not a Fiilis workshop file (its \u{201c}format\u{201d} is not \u{201c}{FORMAT}\u{201d})"
        )));
    }
    match header.version {
        Scalar::Number(version) if version > u64::from(VERSION) => {
            return Err(Error::invalid(format!(
                "the file was written by a newer Fiilis (format version {version}; this one reads up to {VERSION})"
            )))
        }
        Scalar::Number(version) if version > 0 => {}
        _ => return Err(Error::invalid("the file has no valid \u{201c}version\u{201d}")),
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let file = serde_path_to_error::deserialize(&mut reader).map_err(|error| {
        let (place, inner) = (error.path().to_string(), error.inner());
        if inner.is_data() {
            Error::invalid(format!("at {place}: {inner}"))
        } else {
            Error::invalid(format!("the file is not JSON (at {place}): {inner}"))
        }
    })?;
    reader
        .end()
        .map_err(|error| Error::invalid(format!("the file is not JSON: {error}")))?;
    Ok(file)
}

/// The two fields of a file that say what it is; everything else is skipped unread.
#[derive(Default, Deserialize)]
struct Header {
    #[serde(default)]
    format: Scalar,
    #[serde(default)]
    version: Scalar,
}

/// A header field as found: text, a whole number, or anything else (skipped without being
/// kept, however large).
#[derive(Default, PartialEq)]
enum Scalar {
    Text(String),
    Number(u64),
    #[default]
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, text: &str) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Text(text.to_owned()))
            }
            fn visit_u64<E>(self, number: u64) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Number(number))
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E>(self) -> std::result::Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Scalar, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Scalar, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Scalar::Other)
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// Checks every text of a file against the same rules as the editing operations, and writes
/// it back as they would store it (trimmed; lists without repeats), so an imported workshop
/// holds what one typed in would.
fn tidy_texts(file: &mut WorkshopFile) -> Result<()> {
    let workshop = &mut file.workshop;
    workshop.title = validate::required_text("workshop.title", &workshop.title, MAX_TITLE_CHARS)?;
    workshop.goal = validate::text("workshop.goal", &workshop.goal, MAX_GOAL_CHARS)?;
    workshop.facilitator = validate::text(
        "workshop.facilitator",
        &workshop.facilitator,
        MAX_FACILITATOR_CHARS,
    )?;
    workshop.date = validate::date("workshop.date", workshop.date.as_deref())?;
    for (index, stage) in file.stages.iter_mut().enumerate() {
        let field = |name: &str| format!("stages[{index}].{name}");
        stage.title = validate::required_text(&field("title"), &stage.title, MAX_TITLE_CHARS)?;
        for (name, text) in [
            ("description", &mut stage.description),
            ("pain_points", &mut stage.pain_points),
            ("opportunities", &mut stage.opportunities),
        ] {
            *text = validate::text(&field(name), text, MAX_STAGE_TEXT_CHARS)?;
        }
        stage.channels = validate::list(
            &field("channels"),
            &stage.channels,
            MAX_CHANNELS,
            MAX_CHANNEL_CHARS,
        )?;
    }
    for (index, participant) in file.participants.iter_mut().enumerate() {
        if let Some(name) = &participant.name {
            participant.name = Some(validate::text(
                &format!("participants[{index}].name"),
                name,
                MAX_PARTICIPANT_NAME_CHARS,
            )?);
        }
    }
    for (index, persona) in file.personas.iter_mut().enumerate() {
        let fields = PersonaFields::from(&*persona);
        apply_persona_fields(persona, &fields)
            .map_err(|error| Error::invalid(format!("personas[{index}]: {error}")))?;
    }
    for (index, cluster) in file.clusters.iter_mut().enumerate() {
        cluster.title = validate::required_text(
            &format!("clusters[{index}].title"),
            &cluster.title,
            MAX_TITLE_CHARS,
        )?;
    }
    for (index, note) in file.notes.iter_mut().enumerate() {
        note.text = checked_note_text(&format!("notes[{index}].text"), &note.text)?;
    }
    for (index, point) in file.emotions.iter_mut().enumerate() {
        point.note = validate::text(
            &format!("emotions[{index}].note"),
            &point.note,
            crate::emotions::MAX_NOTE_CHARS,
        )?;
    }
    for (index, round) in file.voting_rounds.iter_mut().enumerate() {
        round.title = validate::text(
            &format!("voting_rounds[{index}].title"),
            &round.title,
            MAX_TITLE_CHARS,
        )?;
    }
    experience::tidy_texts(file)
}

/// Checks everything a file says against the same rules as the editing operations (its texts
/// tidied as they store them, see [`tidy_texts`]), and that every reference points to a row
/// of the file. Returns the decoded images.
pub(crate) fn check(file: &mut WorkshopFile) -> Result<HashMap<String, Prepared>> {
    tidy_texts(file)?;
    let prepared = check_rows(file)?;
    frame_old_clusters(file);
    Ok(prepared)
}

fn check_rows(file: &WorkshopFile) -> Result<HashMap<String, Prepared>> {
    let workshop = &file.workshop;

    let mut ids: HashSet<String> = HashSet::new();
    let mut unique = |field: String, id: &str| -> Result<()> {
        if id.is_empty() || !ids.insert(id.to_owned()) {
            return Err(Error::invalid(format!(
                "{field} is empty or repeats an id used earlier in the file"
            )));
        }
        Ok(())
    };
    let images: HashSet<&str> = file.images.iter().map(|i| i.id.as_str()).collect();
    let stages: HashSet<&str> = file.stages.iter().map(|s| s.id.as_str()).collect();
    let participants: HashSet<&str> = file.participants.iter().map(|p| p.id.as_str()).collect();
    let personas: HashSet<&str> = file.personas.iter().map(|p| p.id.as_str()).collect();
    let clusters: HashSet<&str> = file.clusters.iter().map(|c| c.id.as_str()).collect();
    let refers =
        |field: String, id: Option<&str>, kind: &str, known: &HashSet<&str>| -> Result<()> {
            match id {
                Some(id) if !known.contains(id) => Err(Error::invalid(format!(
                    "{field} refers to {id}, which is no {kind} in the file"
                ))),
                _ => Ok(()),
            }
        };

    let mut decoded = HashMap::new();
    for (index, image) in file.images.iter().enumerate() {
        unique(format!("images[{index}].id"), &image.id)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&image.data_base64)
            .map_err(|error| {
                Error::invalid(format!(
                    "images[{index}].data_base64 is not base64: {error}"
                ))
            })?;
        let prepared =
            verify(&bytes).map_err(|error| Error::invalid(format!("images[{index}]: {error}")))?;
        decoded.insert(image.id.clone(), prepared);
    }
    for (index, stage) in file.stages.iter().enumerate() {
        let field = |name: &str| format!("stages[{index}].{name}");
        unique(field("id"), &stage.id)?;
    }
    for (index, participant) in file.participants.iter().enumerate() {
        unique(format!("participants[{index}].id"), &participant.id)?;
    }
    for (index, persona) in file.personas.iter().enumerate() {
        unique(format!("personas[{index}].id"), &persona.id)?;
        refers(
            format!("personas[{index}].photo_id"),
            persona.photo_id.as_deref(),
            "image",
            &images,
        )?;
    }
    for (index, cluster) in file.clusters.iter().enumerate() {
        let field = |name: &str| format!("clusters[{index}].{name}");
        unique(field("id"), &cluster.id)?;
        for (name, value) in [
            ("x", cluster.x),
            ("y", cluster.y),
            ("width", cluster.width),
            ("height", cluster.height),
        ] {
            validate::coordinate(&field(name), value)?;
        }
        if !(1..=MAX_COLUMNS).contains(&cluster.columns) {
            return Err(Error::invalid(format!(
                "{} must be from 1 to {MAX_COLUMNS}, not {}",
                field("columns"),
                cluster.columns
            )));
        }
    }
    for (index, note) in file.notes.iter().enumerate() {
        let field = |name: &str| format!("notes[{index}].{name}");
        unique(field("id"), &note.id)?;
        checked_colour(&field("colour"), &note.colour)?;
        validate::coordinate(&field("x"), note.x)?;
        validate::coordinate(&field("y"), note.y)?;
        refers(
            field("cluster_id"),
            note.cluster_id.as_deref(),
            "cluster",
            &clusters,
        )?;
        refers(
            field("stage_id"),
            note.stage_id.as_deref(),
            "stage",
            &stages,
        )?;
        refers(
            field("persona_id"),
            note.persona_id.as_deref(),
            "persona",
            &personas,
        )?;
        refers(
            field("author_id"),
            note.author_id.as_deref(),
            "participant",
            &participants,
        )?;
        refers(
            field("image_id"),
            note.image_id.as_deref(),
            "image",
            &images,
        )?;
        checked_size(&field("size"), (note.width, note.height))?;
    }
    let scale = workshop.emotion_scale;
    // The store holds one point per place on a curve, one vote per client id and one
    // "done" per voter; a file repeating one would otherwise fail mid-write on a constraint.
    let mut places = BTreeSet::new();
    for (index, point) in file.emotions.iter().enumerate() {
        let field = |name: &str| format!("emotions[{index}].{name}");
        unique(field("id"), &point.id)?;
        if !places.insert((&point.persona_id, &point.stage_id, point.variant)) {
            return Err(Error::invalid(format!(
                "emotions[{index}] is a second point for the same persona, stage and variant"
            )));
        }
        checked_score(scale, point.score)
            .map_err(|error| Error::invalid(format!("{}: {error}", field("score"))))?;
        refers(
            field("persona_id"),
            Some(&point.persona_id),
            "persona",
            &personas,
        )?;
        refers(field("stage_id"), Some(&point.stage_id), "stage", &stages)?;
    }
    for (index, rating) in file.ratings.iter().enumerate() {
        let field = |name: &str| format!("ratings[{index}].{name}");
        unique(field("id"), &rating.id)?;
        checked_score(scale, rating.score)
            .map_err(|error| Error::invalid(format!("{}: {error}", field("score"))))?;
        refers(
            field("participant_id"),
            Some(&rating.participant_id),
            "participant",
            &participants,
        )?;
        refers(
            field("persona_id"),
            rating.persona_id.as_deref(),
            "persona",
            &personas,
        )?;
        refers(field("stage_id"), Some(&rating.stage_id), "stage", &stages)?;
    }
    let notes: HashSet<&str> = file.notes.iter().map(|n| n.id.as_str()).collect();
    let rounds: HashSet<&str> = file.voting_rounds.iter().map(|r| r.id.as_str()).collect();
    for (index, round) in file.voting_rounds.iter().enumerate() {
        unique(format!("voting_rounds[{index}].id"), &round.id)?;
        for (name, value) in [
            ("votes_per_participant", round.votes_per_participant),
            ("max_per_note", round.max_per_note),
        ] {
            if !(1..=99).contains(&value) {
                return Err(Error::invalid(format!(
                    "voting_rounds[{index}].{name} must be from 1 to 99, not {value}"
                )));
            }
        }
    }
    let mut ballots = HashSet::new();
    for (index, vote) in file.votes.iter().enumerate() {
        let field = |name: &str| format!("votes[{index}].{name}");
        unique(field("id"), &vote.id)?;
        refers(
            field("round_id"),
            Some(&vote.round_id),
            "voting round",
            &rounds,
        )?;
        refers(field("note_id"), Some(&vote.note_id), "note", &notes)?;
        checked_vote_weight(
            &field("weight"),
            vote.participant_id.as_deref(),
            vote.weight,
        )?;
        // Paper votes have no participant, and the store lets those repeat.
        if let Some(participant) = &vote.participant_id {
            if !ballots.insert((&vote.round_id, participant, &vote.client_id)) {
                return Err(Error::invalid(format!(
                    "votes[{index}] repeats the round, participant and client_id of an earlier vote"
                )));
            }
        }
        refers(
            field("participant_id"),
            vote.participant_id.as_deref(),
            "participant",
            &participants,
        )?;
    }
    let mut finished = HashSet::new();
    for (index, done) in file.round_done.iter().enumerate() {
        let field = |name: &str| format!("round_done[{index}].{name}");
        unique(field("id"), &done.id)?;
        if !finished.insert((&done.round_id, &done.participant_id)) {
            return Err(Error::invalid(format!(
                "round_done[{index}] repeats the round and participant of an earlier entry"
            )));
        }
        refers(
            field("round_id"),
            Some(&done.round_id),
            "voting round",
            &rounds,
        )?;
        refers(
            field("participant_id"),
            Some(&done.participant_id),
            "participant",
            &participants,
        )?;
    }
    experience::check(file, &mut unique, &refers, &stages, &participants, &images)?;
    Ok(decoded)
}

/// The file's content rows, table by table, parents first.
fn file_rows(file: &WorkshopFile) -> Vec<(Table, Row)> {
    let mut rows = Vec::new();
    // The workshop's own feelings first: stages and ratings name them.
    rows.extend(file.feelings.iter().map(|r| (Table::Feelings, row_of(r))));
    rows.extend(file.stages.iter().map(|r| (Table::Stages, row_of(r))));
    rows.extend(
        file.participants
            .iter()
            .map(|r| (Table::Participants, row_of(r))),
    );
    rows.extend(file.personas.iter().map(|r| (Table::Personas, row_of(r))));
    rows.extend(file.lanes.iter().map(|r| (Table::Lanes, row_of(r))));
    rows.extend(
        file.lane_cells
            .iter()
            .map(|r| (Table::LaneCells, row_of(r))),
    );
    rows.extend(file.clusters.iter().map(|r| (Table::Clusters, row_of(r))));
    rows.extend(file.notes.iter().map(|r| (Table::Notes, row_of(r))));
    rows.extend(file.emotions.iter().map(|r| (Table::Emotions, row_of(r))));
    rows.extend(file.ratings.iter().map(|r| (Table::Ratings, row_of(r))));
    rows.extend(
        file.stage_figures
            .iter()
            .map(|r| (Table::StageFigures, row_of(r))),
    );
    rows.extend(file.questions.iter().map(|r| (Table::Questions, row_of(r))));
    rows.extend(file.answers.iter().map(|r| (Table::Answers, row_of(r))));
    rows.extend(
        file.voting_rounds
            .iter()
            .map(|r| (Table::VotingRounds, row_of(r))),
    );
    rows.extend(file.votes.iter().map(|r| (Table::Votes, row_of(r))));
    rows.extend(
        file.round_done
            .iter()
            .map(|r| (Table::RoundDone, row_of(r))),
    );
    rows
}

fn origin_of<'f>(file: &'f WorkshopFile, id: &'f str) -> &'f str {
    file.origins.get(id).map_or(id, String::as_str)
}

/// Origin → local id of every content row a workshop has.
fn local_origins(conn: &Connection, workshop_id: &str) -> Result<HashMap<String, String>> {
    let mut recorded = recorded_origins(conn, workshop_id)?;
    let mut by_origin = HashMap::new();
    for table in Table::ALL.into_iter().filter(|table| table.is_content()) {
        for row in crate::rows::workshop_rows(conn, table, workshop_id)? {
            let id = row["id"].as_str().unwrap_or_default().to_owned();
            let origin = recorded.remove(&id).unwrap_or_else(|| id.clone());
            by_origin.insert(origin, id);
        }
    }
    Ok(by_origin)
}

/// Local id → the file's id, to name rows in a refusal as the file names them.
fn file_ids_of(new_ids: &HashMap<String, String>) -> HashMap<String, String> {
    new_ids
        .iter()
        .map(|(file_id, local_id)| (local_id.clone(), file_id.clone()))
        .collect()
}

/// Writes an image of the file under a new id, unless an earlier row already did.
fn import_image(
    conn: &Connection,
    workshop_id: &str,
    images: &HashMap<String, Prepared>,
    new_ids: &mut HashMap<String, String>,
    id: &str,
) -> Result<()> {
    if new_ids.contains_key(id) {
        return Ok(());
    }
    let copy = new_id();
    store_image(conn, workshop_id, &copy, &images[id])?;
    new_ids.insert(id.to_owned(), copy);
    Ok(())
}

/// Writes a checked file as a new workshop, on the caller's transaction so that the caller
/// may record more in the same commit; every row gets a new id and remembers its origin.
pub(crate) fn import_into(
    tx: &Transaction,
    file: &WorkshopFile,
    images: &HashMap<String, Prepared>,
) -> Result<Workshop> {
    let header = &file.workshop;
    let workshop_id = new_id();
    let stamp = now();
    tx.execute(
        "INSERT INTO workshops (id, title, date, goal, facilitator, language, template,
                                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            workshop_id,
            header.title.trim(),
            header.date,
            header.goal.trim(),
            header.facilitator.trim(),
            header.language.as_str(),
            header.template.as_str(),
            header.created_at,
            stamp
        ],
    )?;
    tx.execute(
        "INSERT INTO journey_settings (id, workshop_id, emotion_scale) VALUES (?1, ?2, ?3)",
        params![new_id(), workshop_id, header.emotion_scale.as_str()],
    )?;
    let mut new_ids = HashMap::new();
    for image in &file.images {
        import_image(tx, &workshop_id, images, &mut new_ids, &image.id)?;
    }
    for (table, mut row) in file_rows(file) {
        let old_id = row["id"].as_str().unwrap_or_default().to_owned();
        let id = new_id();
        new_ids.insert(old_id.clone(), id.clone());
        remap(&mut row, &workshop_id, &new_ids);
        row.insert("id".to_owned(), Value::from(id.as_str()));
        restore(tx, table, &id, Some(&row))?;
        record_origin(tx, &workshop_id, &id, origin_of(file, &old_id))?;
    }
    if file.version < 2 {
        insert_lanes(tx, &workshop_id, header.template, header.language)?;
    }
    refuse_rule_breaks(tx, &workshop_id, &file_ids_of(&new_ids))?;
    load_workshop(tx, &workshop_id)
}

impl Library {
    /// The whole workshop as a file.
    pub fn export_workshop(&self, workshop_id: &str) -> Result<WorkshopFile> {
        self.read(|conn| {
            let workshop = load_workshop(conn, workshop_id)?;
            let origins = conn
                .prepare_cached(
                    "SELECT local_id, origin_id FROM row_origins WHERE workshop_id = ?1 ORDER BY local_id",
                )?
                .query_map([workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let images = images_of(conn, workshop_id)?;
            let mimes: HashMap<String, String> = conn
                .prepare_cached("SELECT id, mime FROM images WHERE workshop_id = ?1")?
                .query_map([workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(WorkshopFile {
                format: FORMAT.to_owned(),
                version: VERSION,
                exported_at: now(),
                app_version: env!("CARGO_PKG_VERSION").to_owned(),
                workshop: FileWorkshop {
                    emotion_scale: scale_of(conn, workshop_id)?,
                    id: workshop.id,
                    title: workshop.title,
                    date: workshop.date,
                    goal: workshop.goal,
                    facilitator: workshop.facilitator,
                    language: workshop.language,
                    template: workshop.template,
                    created_at: workshop.created_at,
                    updated_at: workshop.updated_at,
                },
                stages: rows_of(conn, Table::Stages, workshop_id)?,
                participants: rows_of(conn, Table::Participants, workshop_id)?,
                personas: rows_of(conn, Table::Personas, workshop_id)?,
                clusters: rows_of(conn, Table::Clusters, workshop_id)?,
                notes: rows_of(conn, Table::Notes, workshop_id)?,
                emotions: rows_of(conn, Table::Emotions, workshop_id)?,
                ratings: rows_of(conn, Table::Ratings, workshop_id)?,
                voting_rounds: rows_of(conn, Table::VotingRounds, workshop_id)?,
                votes: rows_of(conn, Table::Votes, workshop_id)?,
                round_done: rows_of(conn, Table::RoundDone, workshop_id)?,
                feelings: rows_of(conn, Table::Feelings, workshop_id)?,
                lanes: rows_of(conn, Table::Lanes, workshop_id)?,
                lane_cells: rows_of(conn, Table::LaneCells, workshop_id)?,
                questions: rows_of(conn, Table::Questions, workshop_id)?,
                answers: rows_of(conn, Table::Answers, workshop_id)?,
                stage_figures: rows_of(conn, Table::StageFigures, workshop_id)?,
                images: images
                    .into_iter()
                    .map(|(id, data)| FileImage {
                        mime: mimes[&id].clone(),
                        data_base64: base64::engine::general_purpose::STANDARD.encode(data),
                        id,
                    })
                    .collect(),
                origins,
            })
        })
    }

    /// Reads a workshop file into a new workshop of the library.
    pub fn import_workshop(&self, text: &str) -> Result<Workshop> {
        let mut file = parse(text)?;
        let images = check(&mut file)?;
        self.write(|tx| import_into(tx, &file, &images))
    }

    /// Adds what a workshop file has and this workshop lacks: rows whose origin the
    /// workshop already holds are recognised and left as they are. One undoable step.
    pub fn merge_workshop(&self, workshop_id: &str, text: &str) -> Result<Change> {
        let mut file = parse(text)?;
        let images = check(&mut file)?;
        self.edit(workshop_id, "merge_workshop", |conn, recorder| {
            let scale = scale_of(conn, workshop_id)?;
            let mut local = local_origins(conn, workshop_id)?;
            let mut new_ids: HashMap<String, String> = HashMap::new();
            let mut positions: HashMap<Table, i64> = HashMap::new();
            for (table, mut row) in file_rows(&file) {
                let old_id = row["id"].as_str().unwrap_or_default().to_owned();
                let origin = origin_of(&file, &old_id).to_owned();
                if let Some(existing) = local.get(&origin) {
                    new_ids.insert(old_id, existing.clone());
                    continue;
                }
                if let Some(photo) = row
                    .get("photo_id")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                {
                    import_image(conn, workshop_id, &images, &mut new_ids, &photo)?;
                }
                let id = new_id();
                new_ids.insert(old_id, id.clone());
                remap(&mut row, workshop_id, &new_ids);
                row.insert("id".to_owned(), Value::from(id.as_str()));
                if table == Table::Lanes && lane_shown(conn, workshop_id, &row)? {
                    continue;
                }
                if table == Table::Questions {
                    // One question is open at a time: the workshop's own stays the open one.
                    row.insert("status".to_owned(), Value::from("closed"));
                }
                if matches!(table, Table::Stages | Table::Personas | Table::Lanes) {
                    let next = match positions.get(&table) {
                        Some(next) => *next,
                        None => crate::ordering::count(conn, table, workshop_id)?,
                    };
                    row.insert("position".to_owned(), Value::from(next));
                    positions.insert(table, next + 1);
                }
                if let Some(score) = row
                    .get("score")
                    .and_then(Value::as_f64)
                    .filter(|_| matches!(table, Table::Emotions | Table::Ratings))
                {
                    let rescaled = file.workshop.emotion_scale.rescale(score, scale);
                    row.insert("score".to_owned(), Value::from(rescaled));
                }
                if table == Table::Emotions && point_exists(conn, &row)? {
                    continue;
                }
                recorder.touch(table, &id)?;
                restore(conn, table, &id, Some(&row))?;
                record_origin(conn, workshop_id, &id, &origin)?;
                local.insert(origin, id);
            }
            refuse_rule_breaks(conn, workshop_id, &file_ids_of(&new_ids))
        })
    }
}

/// Whether the workshop already shows a lane of this kind that appears only once.
fn lane_shown(conn: &Connection, workshop_id: &str, row: &Row) -> Result<bool> {
    let kind: LaneKind = serde_json::from_value(row["kind"].clone())
        .map_err(|_| Error::Corrupt("a lane's kind".into()))?;
    if kind.repeats() {
        return Ok(false);
    }
    Ok(conn
        .prepare_cached("SELECT 1 FROM lanes WHERE workshop_id = ?1 AND kind = ?2")?
        .exists(params![workshop_id, kind.as_str()])?)
}

/// Whether the workshop already has a point for this (persona, stage, variant).
fn point_exists(conn: &Connection, row: &Row) -> Result<bool> {
    let text = |column: &str| {
        row.get(column)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM emotions WHERE persona_id = ?1 AND stage_id = ?2 AND variant = ?3",
        )?
        .query_row(
            params![text("persona_id"), text("stage_id"), text("variant")],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
