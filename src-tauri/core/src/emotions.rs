//! Emotion curves: how each persona feels at each stage, now and in the target experience.
//!
//! The facilitator sets one point per (persona, stage, variant). Participants may add their
//! own ratings from their phones; those are aggregated (mean, median, spread) and never put
//! in the facilitator's undo history. Scores live on the workshop's scale; changing the
//! scale rescales every point and rating linearly, end to end, in one undoable step.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::change::Change;
use crate::error::{Error, Result};
use crate::history::Step;
use crate::ids::{new_id, now};
use crate::rows::Table;
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use ts_rs::TS;

pub const MAX_NOTE_CHARS: usize = 500;

/// The scales a workshop can rate feelings on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
pub enum Scale {
    #[default]
    #[serde(rename = "-2..2")]
    MinusTwoToTwo,
    #[serde(rename = "-3..3")]
    MinusThreeToThree,
    #[serde(rename = "1..10")]
    OneToTen,
}

impl Scale {
    /// The lowest (worst) and highest (best) score.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Scale::MinusTwoToTwo => (-2.0, 2.0),
            Scale::MinusThreeToThree => (-3.0, 3.0),
            Scale::OneToTen => (1.0, 10.0),
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Scale::MinusTwoToTwo => "-2..2",
            Scale::MinusThreeToThree => "-3..3",
            Scale::OneToTen => "1..10",
        }
    }

    fn parse(text: &str) -> Option<Scale> {
        [
            Scale::MinusTwoToTwo,
            Scale::MinusThreeToThree,
            Scale::OneToTen,
        ]
        .into_iter()
        .find(|scale| scale.as_str() == text)
    }

    /// Maps `score` from `self` onto `to`, worst to worst and best to best.
    pub fn rescale(self, score: f64, to: Scale) -> f64 {
        let ((from_min, from_max), (to_min, to_max)) = (self.bounds(), to.bounds());
        one_decimal(to_min + (score - from_min) * (to_max - to_min) / (from_max - from_min))
    }
}

fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    Current,
    Target,
}

impl Variant {
    fn as_str(self) -> &'static str {
        match self {
            Variant::Current => "current",
            Variant::Target => "target",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EmotionPoint {
    pub id: String,
    pub workshop_id: String,
    pub persona_id: String,
    pub stage_id: String,
    pub variant: Variant,
    pub score: f64,
    pub note: String,
    pub updated_at: String,
}

/// One participant's own rating of a stage; `persona_id` none means "as myself".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Rating {
    pub id: String,
    pub workshop_id: String,
    pub participant_id: String,
    pub persona_id: Option<String>,
    pub stage_id: String,
    pub variant: Variant,
    pub score: f64,
    /// What the participant felt there: up to two keys of the feelings vocabulary (only
    /// with a rating of the current experience).
    #[serde(default)]
    pub feelings: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The participants' ratings of one (persona, stage, variant), aggregated.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RatingSummary {
    pub persona_id: Option<String>,
    pub stage_id: String,
    pub variant: Variant,
    pub count: usize,
    pub mean: f64,
    pub median: f64,
    pub min: f64,
    pub max: f64,
    /// The population standard deviation.
    pub stddev: f64,
}

/// The arguments of `set_emotion`; a `score` of none removes the point.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EmotionInput {
    pub persona_id: String,
    pub stage_id: String,
    pub variant: Variant,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub score: Option<f64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

/// A participant's rating of a stage, as a phone sends it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    /// Whom the stage is rated as: a persona, or (none) the participant as a customer.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub persona_id: Option<String>,
    pub stage_id: String,
    pub variant: Variant,
    pub score: f64,
    /// Keys of the feelings vocabulary: what was felt there (at most two).
    #[serde(default)]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub feelings: Vec<String>,
}

impl RatingInput {
    /// A rating with no feelings picked.
    pub fn new(persona_id: Option<&str>, stage_id: &str, variant: Variant, score: f64) -> Self {
        RatingInput {
            persona_id: persona_id.map(str::to_owned),
            stage_id: stage_id.to_owned(),
            variant,
            score,
            feelings: Vec::new(),
        }
    }
}

/// Aggregates ratings per (persona, stage, variant), in a stable order.
pub fn summarise(ratings: &[Rating]) -> Vec<RatingSummary> {
    let mut groups: BTreeMap<(Option<&str>, &str, Variant), Vec<f64>> = BTreeMap::new();
    for rating in ratings {
        groups
            .entry((
                rating.persona_id.as_deref(),
                &rating.stage_id,
                rating.variant,
            ))
            .or_default()
            .push(rating.score);
    }
    groups
        .into_iter()
        .map(|((persona_id, stage_id, variant), mut scores)| {
            scores.sort_by(f64::total_cmp);
            let count = scores.len();
            let mean = scores.iter().sum::<f64>() / count as f64;
            let median = if count % 2 == 1 {
                scores[count / 2]
            } else {
                (scores[count / 2 - 1] + scores[count / 2]) / 2.0
            };
            let variance = scores.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / count as f64;
            RatingSummary {
                persona_id: persona_id.map(str::to_owned),
                stage_id: stage_id.to_owned(),
                variant,
                count,
                mean,
                median,
                min: scores[0],
                max: scores[count - 1],
                stddev: variance.sqrt(),
            }
        })
        .collect()
}

/// The workshop's scale; the default until one is chosen.
pub(crate) fn scale_of(conn: &Connection, workshop_id: &str) -> Result<Scale> {
    let text: Option<String> = conn
        .prepare_cached("SELECT emotion_scale FROM journey_settings WHERE workshop_id = ?1")?
        .query_row([workshop_id], |row| row.get(0))
        .optional()?;
    Ok(text.as_deref().and_then(Scale::parse).unwrap_or_default())
}

pub(crate) fn checked_score(scale: Scale, score: f64) -> Result<f64> {
    let (min, max) = scale.bounds();
    if !score.is_finite() || score < min || score > max {
        return Err(Error::invalid(format!(
            "score must be between {min} and {max} on this workshop's scale, not {score}"
        )));
    }
    Ok(one_decimal(score))
}

fn scores_of(conn: &Connection, table: Table, workshop_id: &str) -> Result<Vec<(String, f64)>> {
    let sql = format!(
        "SELECT id, score FROM {} WHERE workshop_id = ?1",
        table.name()
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_map([workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

impl Library {
    /// Sets (or, with no score, removes) one point of a persona's curve.
    pub fn set_emotion(&self, workshop_id: &str, input: &EmotionInput) -> Result<Change> {
        let note = input
            .note
            .as_deref()
            .map(|note| validate::text("note", note, MAX_NOTE_CHARS))
            .transpose()?;
        self.edit(workshop_id, "set_emotion", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Persona, &input.persona_id, workshop_id)?;
            belongs_to_workshop(conn, Owned::Stage, &input.stage_id, workshop_id)?;
            let existing: Option<String> = conn
                .prepare_cached(
                    "SELECT id FROM emotions WHERE persona_id = ?1 AND stage_id = ?2 AND variant = ?3",
                )?
                .query_row(
                    params![input.persona_id, input.stage_id, input.variant.as_str()],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(score) = input.score else {
                if let Some(id) = existing {
                    recorder.touch(Table::Emotions, &id)?;
                    conn.execute("DELETE FROM emotions WHERE id = ?1", [id])?;
                }
                return Ok(());
            };
            let score = checked_score(scale_of(conn, workshop_id)?, score)?;
            let id = existing.unwrap_or_else(new_id);
            recorder.touch(Table::Emotions, &id)?;
            conn.execute(
                "INSERT INTO emotions (id, workshop_id, persona_id, stage_id, variant, score, note,
                                       updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, ''), ?8)
                 ON CONFLICT(id) DO UPDATE SET score = excluded.score,
                     note = coalesce(?7, note), updated_at = excluded.updated_at",
                params![
                    id,
                    workshop_id,
                    input.persona_id,
                    input.stage_id,
                    input.variant.as_str(),
                    score,
                    note,
                    now()
                ],
            )?;
            Ok(())
        })
    }

    /// Switches the workshop to `scale`, rescaling every point and rating.
    pub fn set_emotion_scale(&self, workshop_id: &str, scale: Scale) -> Result<Change> {
        self.edit(workshop_id, "set_emotion_scale", |conn, recorder| {
            let old = scale_of(conn, workshop_id)?;
            let settings: Option<String> = conn
                .prepare_cached("SELECT id FROM journey_settings WHERE workshop_id = ?1")?
                .query_row([workshop_id], |row| row.get(0))
                .optional()?;
            let id = settings.unwrap_or_else(new_id);
            recorder.touch(Table::JourneySettings, &id)?;
            conn.execute(
                "INSERT INTO journey_settings (id, workshop_id, emotion_scale) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET emotion_scale = excluded.emotion_scale",
                params![id, workshop_id, scale.as_str()],
            )?;
            if old == scale {
                return Ok(());
            }
            for table in [Table::Emotions, Table::Ratings] {
                let sql = format!("UPDATE {} SET score = ?2 WHERE id = ?1", table.name());
                for (id, score) in scores_of(conn, table, workshop_id)? {
                    recorder.touch(table, &id)?;
                    conn.prepare_cached(&sql)?
                        .execute(params![id, old.rescale(score, scale)])?;
                }
            }
            Ok(())
        })
    }

    /// Records (or replaces) a participant's own rating of a stage, with the feelings they
    /// had there (none, or up to two with a rating of the current experience). Not an undo
    /// step: it is the participant's, not the facilitator's.
    pub fn record_rating(
        &self,
        workshop_id: &str,
        participant_id: &str,
        rating: &RatingInput,
    ) -> Result<Change> {
        if rating.variant == Variant::Target && !rating.feelings.is_empty() {
            return Err(Error::invalid(
                "feelings go with a rating of the current experience, not the target",
            ));
        }
        let (owner, participant_id, persona_id, stage_id, variant, score, feelings) = (
            workshop_id.to_owned(),
            participant_id.to_owned(),
            rating.persona_id.clone(),
            rating.stage_id.clone(),
            rating.variant,
            rating.score,
            rating.feelings.clone(),
        );
        let (_, change) = self.edit_grouped(workshop_id, "record_rating", Step::NotUndoable, move |conn, recorder| {
            let (workshop_id, participant_id, persona_id, stage_id) =
                (&*owner, &*participant_id, persona_id.as_deref(), &*stage_id);
            crate::room::check_open(crate::room::room_in(conn, workshop_id)?.rating_open, "emotion rating")?;
            belongs_to_workshop(conn, Owned::Participant, participant_id, workshop_id)?;
            belongs_to_workshop(conn, Owned::Stage, stage_id, workshop_id)?;
            if let Some(persona_id) = persona_id {
                belongs_to_workshop(conn, Owned::Persona, persona_id, workshop_id)?;
            }
            let score = checked_score(scale_of(conn, workshop_id)?, score)?;
            let feelings = crate::feelings::checked_keys(conn, workshop_id, "feelings", &feelings, crate::feelings::MAX_FELT)?;
            let feelings = serde_json::to_string(&feelings).expect("strings serialise");
            // `IS` rather than `=`, so that "as myself" (no persona) matches too.
            let existing: Option<String> = conn
                .prepare_cached(
                    "SELECT id FROM ratings WHERE participant_id = ?1 AND persona_id IS ?2
                       AND stage_id = ?3 AND variant = ?4",
                )?
                .query_row(
                    params![participant_id, persona_id, stage_id, variant.as_str()],
                    |row| row.get(0),
                )
                .optional()?;
            let id = existing.unwrap_or_else(new_id);
            let now = now();
            recorder.touch(Table::Ratings, &id)?;
            conn.execute(
                "INSERT INTO ratings (id, workshop_id, participant_id, persona_id, stage_id, variant,
                                      score, feelings, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
                 ON CONFLICT(id) DO UPDATE SET score = excluded.score, feelings = excluded.feelings,
                     updated_at = excluded.updated_at",
                params![id, workshop_id, participant_id, persona_id, stage_id, variant.as_str(), score, feelings, now],
            )?;
            Ok(())
        })?;
        Ok(change)
    }
}
