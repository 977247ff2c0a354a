//! Figures measured outside the room: a stage's NPS, CSAT or CES from a customer survey,
//! typed in with how many answered and where it came from, so the journey's metrics lane
//! shows them beside what the room answered.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change::Change;
use crate::error::{Error, Result};
use crate::ids::{new_id, now};
use crate::metrics::{QuestionKind, SMALL_N};
use crate::rows::Table;
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};

/// The longest source ("Customer survey Q3 2026").
pub const MAX_SOURCE_CHARS: usize = 200;
/// The most respondents a figure may claim.
pub const MAX_RESPONDENTS: i64 = 100_000_000;

/// One figure of a stage, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageFigure {
    pub id: String,
    pub workshop_id: String,
    pub stage_id: String,
    /// NPS, CSAT or CES.
    pub kind: QuestionKind,
    /// NPS −100..100, CSAT % satisfied 0..100, CES 1..7.
    pub value: f64,
    /// How many answered.
    pub n: i64,
    pub source: String,
    pub created_at: String,
}

impl StageFigure {
    /// Fewer respondents than a figure can rest on (see [`SMALL_N`]).
    pub fn small_n(&self) -> bool {
        self.n < SMALL_N
    }
}

/// The arguments of `set_stage_figure`: a new figure, or (with `id`) a change to one.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FigureInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<String>,
    pub stage_id: String,
    pub kind: QuestionKind,
    pub value: f64,
    pub n: i64,
    #[serde(default)]
    #[ts(as = "Option<String>", optional)]
    pub source: String,
}

/// `input` checked: a scored kind, its value in the kind's range, at least one respondent.
pub(crate) fn checked(input: &FigureInput) -> Result<(f64, String)> {
    let Some((min, max)) = input.kind.figure_range() else {
        return Err(Error::invalid(
            "kind must be nps, csat or ces: only those have a figure",
        ));
    };
    if !input.value.is_finite() || input.value < min || input.value > max {
        return Err(Error::invalid(format!(
            "value must be from {min} to {max} for {}, not {}",
            input.kind.as_str().to_uppercase(),
            input.value
        )));
    }
    if !(1..=MAX_RESPONDENTS).contains(&input.n) {
        return Err(Error::invalid(format!(
            "n must be from 1 to {MAX_RESPONDENTS}, not {}",
            input.n
        )));
    }
    let source = validate::text("source", &input.source, MAX_SOURCE_CHARS)?;
    Ok(((input.value * 10.0).round() / 10.0, source))
}

impl Library {
    pub fn set_stage_figure(&self, workshop_id: &str, input: &FigureInput) -> Result<Change> {
        let (value, source) = checked(input)?;
        self.edit(workshop_id, "set_stage_figure", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Stage, &input.stage_id, workshop_id)?;
            let id = match &input.id {
                Some(id) => {
                    belongs_to_workshop(conn, Owned::Figure, id, workshop_id)?;
                    id.clone()
                }
                None => new_id(),
            };
            recorder.touch(Table::StageFigures, &id)?;
            conn.execute(
                "INSERT INTO stage_figures (id, workshop_id, stage_id, kind, value, n, source, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(id) DO UPDATE SET stage_id = excluded.stage_id, kind = excluded.kind,
                     value = excluded.value, n = excluded.n, source = excluded.source",
                params![
                    id,
                    workshop_id,
                    input.stage_id,
                    input.kind.as_str(),
                    value,
                    input.n,
                    source,
                    now()
                ],
            )?;
            Ok(())
        })
    }

    pub fn delete_stage_figure(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit(workshop_id, "delete_stage_figure", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Figure, id, workshop_id)?;
            recorder.touch(Table::StageFigures, id)?;
            conn.execute("DELETE FROM stage_figures WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
