//! The customer journey: its ordered stages (touchpoints) and everything shown with them.
//!
//! A stage owns its emotion points and ratings; notes only refer to it. So deleting a stage
//! deletes its points and ratings but merely unlinks its notes, all in one undoable step,
//! and reordering stages never moves a score to another stage.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::change::{undo_redo_labels, Change};
use crate::dependents::release_dependents;
use crate::emotions::{ratings_summary, scale_of, EmotionPoint, RatingSummary, Scale};
use crate::error::Result;
use crate::history::revision_of;
use crate::ids::new_id;
use crate::model::Stage;
use crate::model::{MAX_CHANNELS, MAX_CHANNEL_CHARS};
use crate::ordering;
use crate::personas::Persona;
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
    pub undo: Option<String>,
    pub redo: Option<String>,
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
}

fn stage_text(field: &str, value: &str) -> Result<String> {
    validate::text(field, value, MAX_STAGE_TEXT_CHARS)
}

impl Library {
    pub fn get_journey(&self, workshop_id: &str) -> Result<Journey> {
        self.read(|conn| {
            let revision = revision_of(conn, workshop_id)?;
            let (undo, redo) = undo_redo_labels(conn, workshop_id)?;
            Ok(Journey {
                workshop_id: workshop_id.to_owned(),
                revision,
                scale: scale_of(conn, workshop_id)?,
                stages: rows_of(conn, Table::Stages, workshop_id)?,
                personas: rows_of(conn, Table::Personas, workshop_id)?,
                emotions: rows_of(conn, Table::Emotions, workshop_id)?,
                ratings: ratings_summary(conn, workshop_id)?,
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
            recorder.touch(Table::Stages, &edit.id)?;
            conn.execute(
                "UPDATE stages SET title = coalesce(?2, title),
                        description = coalesce(?3, description),
                        pain_points = coalesce(?4, pain_points),
                        opportunities = coalesce(?5, opportunities),
                        channels = coalesce(?6, channels),
                        moment_of_truth = coalesce(?7, moment_of_truth)
                 WHERE id = ?1",
                params![
                    edit.id,
                    title,
                    description,
                    pain_points,
                    opportunities,
                    channels,
                    edit.moment_of_truth
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
