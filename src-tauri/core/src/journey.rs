//! The customer journey: its ordered stages (touchpoints) and everything shown with them.
//!
//! A stage owns its emotion points and ratings; notes only refer to it. So deleting a stage
//! deletes its points and ratings but merely unlinks its notes, all in one undoable step,
//! and reordering stages never moves a score to another stage.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::change::{undo_redo_labels, Change};
use crate::dependents::release_dependents;
use crate::emotions::{scale_of, summarise, EmotionPoint, Rating, RatingSummary, Scale, Variant};
use crate::error::Result;
use crate::feelings::{checked_keys, stage_feelings, vocabulary_of, Feeling, StageFeelings};
use crate::figures::StageFigure;
use crate::history::revision_of;
use crate::ids::new_id;
use crate::lanes::{Lane, LaneCell};
use crate::model::Stage;
use crate::model::{MAX_CHANNELS, MAX_CHANNEL_CHARS, MAX_DESIGNED_FEELINGS};
use crate::ordering;
use crate::personas::Persona;
use crate::questions::{question_results, QuestionResult};
use crate::rows::{rows_of, Table};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use crate::workshops::MAX_TITLE_CHARS;
use ts_rs::TS;

pub const MAX_STAGE_TEXT_CHARS: usize = 2_000;

/// Everything the journey screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Journey {
    pub workshop_id: String,
    pub revision: i64,
    pub scale: Scale,
    pub stages: Vec<Stage>,
    pub personas: Vec<Persona>,
    pub emotions: Vec<EmotionPoint>,
    pub ratings: Vec<RatingSummary>,
    /// The map's lanes, top to bottom, and the cells of its text and image lanes.
    pub lanes: Vec<Lane>,
    pub cells: Vec<LaneCell>,
    /// The feelings vocabulary in the workshop's language, its own words last.
    pub feelings: Vec<Feeling>,
    /// Per stage, the designed feelings beside those felt (stages with neither left out).
    pub stage_feelings: Vec<StageFeelings>,
    /// Figures typed in from surveys outside the room.
    pub figures: Vec<StageFigure>,
    /// The questions asked from the room, with their results.
    pub questions: Vec<QuestionResult>,
    /// Where the customer changes channel between one stage and the next.
    pub switches: Vec<ChannelSwitch>,
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// What each rating of the current experience says was felt: (stage, feelings).
fn felt(ratings: &[Rating]) -> Vec<(&str, &[String])> {
    ratings
        .iter()
        .filter(|r| r.variant == Variant::Current)
        .map(|r| (r.stage_id.as_str(), r.feelings.as_slice()))
        .collect()
}

/// A change of channel between two neighbouring stages: the next stage has channels, none
/// of which the one before used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChannelSwitch {
    pub from_stage_id: String,
    pub to_stage_id: String,
    pub from: Vec<String>,
    pub to: Vec<String>,
}

/// The channel switches along `stages` (in journey order). Channels compare without regard
/// to case, as people type them.
pub fn channel_switches(stages: &[Stage]) -> Vec<ChannelSwitch> {
    stages
        .windows(2)
        .filter(|pair| {
            let before: Vec<String> = pair[0].channels.iter().map(|c| c.to_lowercase()).collect();
            !before.is_empty()
                && !pair[1].channels.is_empty()
                && pair[1]
                    .channels
                    .iter()
                    .all(|c| !before.contains(&c.to_lowercase()))
        })
        .map(|pair| ChannelSwitch {
            from_stage_id: pair[0].id.clone(),
            to_stage_id: pair[1].id.clone(),
            from: pair[0].channels.clone(),
            to: pair[1].channels.clone(),
        })
        .collect()
}

/// Changes to a stage: absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StageEdit {
    pub id: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub title: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub description: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub pain_points: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub opportunities: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub channels: Option<Vec<String>>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub moment_of_truth: Option<bool>,
    /// Keys of the feelings vocabulary (at most three).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub designed_feelings: Option<Vec<String>>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub explain_again: Option<bool>,
}

fn stage_text(field: &str, value: &str) -> Result<String> {
    validate::text(field, value, MAX_STAGE_TEXT_CHARS)
}

impl Library {
    pub fn get_journey(&self, workshop_id: &str) -> Result<Journey> {
        self.read(|conn| {
            let revision = revision_of(conn, workshop_id)?;
            let (undo, redo) = undo_redo_labels(conn, workshop_id)?;
            let stages: Vec<Stage> = rows_of(conn, Table::Stages, workshop_id)?;
            let ratings: Vec<Rating> = rows_of(conn, Table::Ratings, workshop_id)?;
            let feelings = vocabulary_of(conn, workshop_id)?;
            Ok(Journey {
                workshop_id: workshop_id.to_owned(),
                revision,
                scale: scale_of(conn, workshop_id)?,
                personas: rows_of(conn, Table::Personas, workshop_id)?,
                emotions: rows_of(conn, Table::Emotions, workshop_id)?,
                ratings: summarise(&ratings),
                lanes: rows_of(conn, Table::Lanes, workshop_id)?,
                cells: rows_of(conn, Table::LaneCells, workshop_id)?,
                stage_feelings: stage_feelings(&stages, &felt(&ratings), &feelings),
                feelings,
                figures: rows_of(conn, Table::StageFigures, workshop_id)?,
                questions: question_results(conn, workshop_id)?,
                switches: channel_switches(&stages),
                stages,
                undo,
                redo,
            })
        })
    }

    /// Adds a stage at `position` (default: last).
    pub fn create_stage(
        &self,
        workshop_id: &str,
        title: &str,
        position: Option<i64>,
    ) -> Result<Change> {
        let title = validate::required_text("title", title, MAX_TITLE_CHARS)?;
        self.edit(workshop_id, "create_stage", |conn, recorder| {
            let id = new_id();
            let last = ordering::count(conn, Table::Stages, workshop_id)?;
            recorder.touch(Table::Stages, &id)?;
            conn.execute(
                "INSERT INTO stages (id, workshop_id, position, title) VALUES (?1, ?2, ?3, ?4)",
                params![id, workshop_id, last, title],
            )?;
            if let Some(position) = position {
                ordering::move_to(conn, recorder, Table::Stages, workshop_id, &id, position)?;
            }
            Ok(())
        })
    }

    pub fn update_stage(&self, workshop_id: &str, edit: &StageEdit) -> Result<Change> {
        let title = edit
            .title
            .as_deref()
            .map(|title| validate::required_text("title", title, MAX_TITLE_CHARS))
            .transpose()?;
        let description = edit
            .description
            .as_deref()
            .map(|t| stage_text("description", t))
            .transpose()?;
        let pain_points = edit
            .pain_points
            .as_deref()
            .map(|t| stage_text("pain_points", t))
            .transpose()?;
        let opportunities = edit
            .opportunities
            .as_deref()
            .map(|t| stage_text("opportunities", t))
            .transpose()?;
        let channels = edit
            .channels
            .as_deref()
            .map(|c| validate::list("channels", c, MAX_CHANNELS, MAX_CHANNEL_CHARS))
            .transpose()?
            .map(|c| serde_json::to_string(&c).expect("strings serialise"));
        self.edit(workshop_id, "update_stage", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Stage, &edit.id, workshop_id)?;
            let designed = edit
                .designed_feelings
                .as_deref()
                .map(|keys| {
                    checked_keys(
                        conn,
                        workshop_id,
                        "designed_feelings",
                        keys,
                        MAX_DESIGNED_FEELINGS,
                    )
                })
                .transpose()?
                .map(|keys| serde_json::to_string(&keys).expect("strings serialise"));
            recorder.touch(Table::Stages, &edit.id)?;
            conn.execute(
                "UPDATE stages SET title = coalesce(?2, title),
                        description = coalesce(?3, description),
                        pain_points = coalesce(?4, pain_points),
                        opportunities = coalesce(?5, opportunities),
                        channels = coalesce(?6, channels),
                        moment_of_truth = coalesce(?7, moment_of_truth),
                        designed_feelings = coalesce(?8, designed_feelings),
                        explain_again = coalesce(?9, explain_again)
                 WHERE id = ?1",
                params![
                    edit.id,
                    title,
                    description,
                    pain_points,
                    opportunities,
                    channels,
                    edit.moment_of_truth,
                    designed,
                    edit.explain_again
                ],
            )?;
            Ok(())
        })
    }

    pub fn move_stage(&self, workshop_id: &str, id: &str, position: i64) -> Result<Change> {
        self.edit(workshop_id, "move_stage", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Stage, id, workshop_id)?;
            ordering::move_to(conn, recorder, Table::Stages, workshop_id, id, position)
        })
    }

    pub fn delete_stage(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit(workshop_id, "delete_stage", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Stage, id, workshop_id)?;
            release_dependents(conn, recorder, "stage_id", id)?;
            recorder.touch(Table::Stages, id)?;
            conn.execute("DELETE FROM stages WHERE id = ?1", [id])?;
            ordering::renumber(conn, recorder, Table::Stages, workshop_id)
        })
    }
}
