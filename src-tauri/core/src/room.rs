//! The room: what the phones show right now (brainstorming, emotion rating) and the
//! facilitator's countdown.
//!
//! It is live state of a running workshop, not content: it is never an undo step, never
//! exported and never copied with a workshop. A workshop without a row has the defaults
//! (everything open, timer stopped), so older libraries need no backfill.
//!
//! The timer stores when it ends while running and how much was left while paused. Time left
//! is worked out on every read, so every screen and phone agrees without a ticking writer.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::history::Step;
use crate::rows::Table;
use crate::store::Library;
use crate::validate::{belongs_to_workshop, Owned};
use crate::workshops::load_workshop;
use ts_rs::TS;

/// The longest countdown: a workshop day.
pub const MAX_TIMER_SECONDS: i64 = 24 * 60 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TimerStatus {
    Stopped,
    Running,
    Paused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Timer {
    pub status: TimerStatus,
    pub duration_seconds: i64,
    /// Whole seconds left, rounded up, as of the moment this was read.
    pub remaining_seconds: i64,
    /// When a running timer reaches zero.
    pub ends_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Room {
    pub workshop_id: String,
    /// Phones may write notes.
    pub brainstorm_open: bool,
    /// Notes written on phones are shown face down on shared screens until revealed.
    pub notes_hidden: bool,
    /// Phones may rate the journey's stages.
    pub rating_open: bool,
    /// Whom phones rate the stages as: a persona, or (`None`) themselves as customers.
    pub rating_persona_id: Option<String>,
    pub timer: Timer,
}

/// The arguments of `update_room`: only what is given changes.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RoomUpdate {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub brainstorm_open: Option<bool>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub notes_hidden: Option<bool>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub rating_open: Option<bool>,
    /// Absent: unchanged; `null`: yourself as a customer; an id: that persona.
    #[serde(default, deserialize_with = "present")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub rating_persona_id: Option<Option<String>>,
}

/// Tells a field given as `null` apart from a missing one.
fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimerAction {
    Start,
    Pause,
    Resume,
    AddMinute,
    Reset,
}

/// A room row as stored.
struct Stored {
    brainstorm_open: bool,
    notes_hidden: bool,
    rating_open: bool,
    rating_persona_id: Option<String>,
    status: TimerStatus,
    duration_ms: i64,
    left_ms: i64,
    ends_at: Option<DateTime<Utc>>,
}

impl Default for Stored {
    fn default() -> Self {
        Stored {
            brainstorm_open: true,
            notes_hidden: false,
            rating_open: true,
            rating_persona_id: None,
            status: TimerStatus::Stopped,
            duration_ms: 0,
            left_ms: 0,
            ends_at: None,
        }
    }
}

impl Stored {
    fn read(conn: &Connection, workshop_id: &str) -> Result<Stored> {
        let row = conn
            .prepare_cached(
                "SELECT brainstorm_open, notes_hidden, rating_open, rating_persona_id,
                        timer_status, timer_duration_ms, timer_left_ms, timer_ends_at
                 FROM room WHERE id = ?1",
            )?
            .query_row([workshop_id], |row| {
                Ok((
                    row.get::<_, bool>(0)?,
                    row.get::<_, bool>(1)?,
                    row.get::<_, bool>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, i64>(5)?,
                    row.get::<_, i64>(6)?,
                    row.get::<_, Option<String>>(7)?,
                ))
            })
            .optional()?;
        let Some((brainstorm, hidden, rating, persona, status, duration, left, ends)) = row else {
            return Ok(Stored::default());
        };
        let status = serde_json::from_value(serde_json::Value::String(status))
            .map_err(|_| Error::Corrupt("a room's timer status".into()))?;
        let ends_at = ends
            .map(|ends| {
                DateTime::parse_from_rfc3339(&ends)
                    .map(|ends| ends.with_timezone(&Utc))
                    .map_err(|_| Error::Corrupt("a room's timer end".into()))
            })
            .transpose()?;
        Ok(Stored {
            brainstorm_open: brainstorm,
            notes_hidden: hidden,
            rating_open: rating,
            rating_persona_id: persona,
            status,
            duration_ms: duration,
            left_ms: left,
            ends_at,
        })
    }

    fn write(&self, conn: &Connection, workshop_id: &str) -> Result<()> {
        let status = match self.status {
            TimerStatus::Stopped => "stopped",
            TimerStatus::Running => "running",
            TimerStatus::Paused => "paused",
        };
        conn.execute(
            "INSERT INTO room (id, workshop_id, brainstorm_open, notes_hidden, rating_open,
                 rating_persona_id, timer_status, timer_duration_ms, timer_left_ms, timer_ends_at)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (id) DO UPDATE SET
                 brainstorm_open = excluded.brainstorm_open,
                 notes_hidden = excluded.notes_hidden,
                 rating_open = excluded.rating_open,
                 rating_persona_id = excluded.rating_persona_id,
                 timer_status = excluded.timer_status,
                 timer_duration_ms = excluded.timer_duration_ms,
                 timer_left_ms = excluded.timer_left_ms,
                 timer_ends_at = excluded.timer_ends_at",
            params![
                workshop_id,
                self.brainstorm_open,
                self.notes_hidden,
                self.rating_open,
                self.rating_persona_id,
                status,
                self.duration_ms,
                self.left_ms,
                self.ends_at.map(stamp),
            ],
        )?;
        Ok(())
    }

    /// Milliseconds left at `now`; a running timer that has passed its end shows zero.
    fn left_at(&self, now: DateTime<Utc>) -> i64 {
        match (self.status, self.ends_at) {
            (TimerStatus::Running, Some(ends)) => (ends - now).num_milliseconds().max(0),
            _ => self.left_ms,
        }
    }

    fn shown(&self, workshop_id: &str, now: DateTime<Utc>) -> Room {
        let left = self.left_at(now);
        Room {
            workshop_id: workshop_id.to_owned(),
            brainstorm_open: self.brainstorm_open,
            notes_hidden: self.notes_hidden,
            rating_open: self.rating_open,
            rating_persona_id: self.rating_persona_id.clone(),
            timer: Timer {
                status: self.status,
                duration_seconds: self.duration_ms / 1000,
                remaining_seconds: (left + 999) / 1000,
                ends_at: match self.status {
                    TimerStatus::Running => self.ends_at.map(stamp),
                    _ => None,
                },
            },
        }
    }

    /// Applies a timer button at `now`.
    fn press(
        &mut self,
        action: TimerAction,
        seconds: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let left = self.left_at(now);
        match action {
            TimerAction::Start => {
                let seconds = seconds.ok_or_else(|| Error::invalid("start needs seconds"))?;
                if !(1..=MAX_TIMER_SECONDS).contains(&seconds) {
                    return Err(Error::invalid(format!(
                        "seconds must be from 1 to {MAX_TIMER_SECONDS}, not {seconds}"
                    )));
                }
                self.duration_ms = seconds * 1000;
                self.run_for(self.duration_ms, now);
            }
            TimerAction::Pause => {
                if self.status == TimerStatus::Running {
                    self.status = TimerStatus::Paused;
                    self.left_ms = left;
                    self.ends_at = None;
                }
            }
            TimerAction::Resume => {
                if self.status == TimerStatus::Paused {
                    self.run_for(self.left_ms, now);
                }
            }
            TimerAction::AddMinute => {
                let more = (left + 60_000).min(MAX_TIMER_SECONDS * 1000);
                self.duration_ms = (self.duration_ms + 60_000).min(MAX_TIMER_SECONDS * 1000);
                match self.status {
                    TimerStatus::Running => self.run_for(more, now),
                    // A minute on a stopped timer starts a one-minute countdown.
                    TimerStatus::Stopped => {
                        self.duration_ms = 60_000;
                        self.run_for(60_000, now);
                    }
                    TimerStatus::Paused => self.left_ms = more,
                }
            }
            TimerAction::Reset => {
                self.status = TimerStatus::Stopped;
                self.left_ms = 0;
                self.duration_ms = 0;
                self.ends_at = None;
            }
        }
        Ok(())
    }

    fn run_for(&mut self, ms: i64, now: DateTime<Utc>) {
        self.status = TimerStatus::Running;
        self.left_ms = 0;
        self.ends_at = Some(now + Duration::milliseconds(ms));
    }
}

fn stamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The room of a workshop as shown now, read inside another read or write.
pub(crate) fn room_in(conn: &Connection, workshop_id: &str) -> Result<Room> {
    Ok(Stored::read(conn, workshop_id)?.shown(workshop_id, Utc::now()))
}

impl Library {
    /// What the phones of a workshop are shown and its timer.
    pub fn get_room(&self, workshop_id: &str) -> Result<Room> {
        self.read(|conn| {
            load_workshop(conn, workshop_id)?;
            room_in(conn, workshop_id)
        })
    }

    /// Opens or closes brainstorming and rating on the phones, hides or shows phone notes.
    pub fn update_room(&self, workshop_id: &str, update: &RoomUpdate) -> Result<Room> {
        self.change_room(workshop_id, "update_room", |conn, room, _| {
            if let Some(Some(persona)) = &update.rating_persona_id {
                belongs_to_workshop(conn, Owned::Persona, persona, workshop_id)?;
            }
            if let Some(open) = update.brainstorm_open {
                room.brainstorm_open = open;
            }
            if let Some(hidden) = update.notes_hidden {
                room.notes_hidden = hidden;
            }
            if let Some(open) = update.rating_open {
                room.rating_open = open;
            }
            if let Some(persona) = &update.rating_persona_id {
                room.rating_persona_id = persona.clone();
            }
            Ok(())
        })
    }

    /// Starts, pauses, resumes, lengthens or resets the countdown.
    pub fn set_timer(
        &self,
        workshop_id: &str,
        action: TimerAction,
        seconds: Option<i64>,
    ) -> Result<Room> {
        self.change_room(workshop_id, "set_timer", |_, room, now| {
            room.press(action, seconds, now)
        })
    }

    fn change_room(
        &self,
        workshop_id: &str,
        operation: &str,
        change: impl FnOnce(&Connection, &mut Stored, DateTime<Utc>) -> Result<()>,
    ) -> Result<Room> {
        let now = Utc::now();
        let mut shown = None;
        self.edit_as(
            workshop_id,
            operation,
            Step::NotUndoable,
            |conn, recorder| {
                recorder.touch(Table::Room, workshop_id)?;
                let mut room = Stored::read(conn, workshop_id)?;
                change(conn, &mut room, now)?;
                room.write(conn, workshop_id)?;
                shown = Some(room.shown(workshop_id, now));
                Ok(())
            },
        )?;
        Ok(shown.expect("set on every successful path"))
    }
}

/// Refuses a phone action the facilitator has not opened.
pub(crate) fn check_open(open: bool, what: &str) -> Result<()> {
    if open {
        Ok(())
    } else {
        Err(Error::refused(
            ErrorCode::ActivityClosed,
            format!("{what} is not open right now"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn a_running_timer_counts_down_and_stops_at_zero() {
        let mut room = Stored::default();
        room.press(TimerAction::Start, Some(300), at(0)).unwrap();
        assert_eq!(room.shown("w", at(0)).timer.remaining_seconds, 300);
        assert_eq!(room.shown("w", at(299)).timer.remaining_seconds, 1);
        assert_eq!(room.shown("w", at(400)).timer.remaining_seconds, 0);
    }

    #[test]
    fn pause_keeps_what_was_left_and_resume_continues_from_there() {
        let mut room = Stored::default();
        room.press(TimerAction::Start, Some(60), at(0)).unwrap();
        room.press(TimerAction::Pause, None, at(20)).unwrap();
        assert_eq!(room.shown("w", at(500)).timer.remaining_seconds, 40);
        assert_eq!(room.shown("w", at(500)).timer.ends_at, None);
        room.press(TimerAction::Resume, None, at(1000)).unwrap();
        assert_eq!(room.shown("w", at(1010)).timer.remaining_seconds, 30);
    }

    #[test]
    fn a_minute_more_lengthens_running_paused_and_stopped_timers() {
        let mut running = Stored::default();
        running.press(TimerAction::Start, Some(30), at(0)).unwrap();
        running.press(TimerAction::AddMinute, None, at(10)).unwrap();
        assert_eq!(running.shown("w", at(10)).timer.remaining_seconds, 80);

        let mut paused = Stored::default();
        paused.press(TimerAction::Start, Some(30), at(0)).unwrap();
        paused.press(TimerAction::Pause, None, at(10)).unwrap();
        paused.press(TimerAction::AddMinute, None, at(20)).unwrap();
        assert_eq!(paused.shown("w", at(99)).timer.remaining_seconds, 80);
        assert_eq!(paused.status, TimerStatus::Paused);

        let mut stopped = Stored::default();
        stopped.press(TimerAction::AddMinute, None, at(0)).unwrap();
        assert_eq!(stopped.shown("w", at(0)).timer.remaining_seconds, 60);
        assert_eq!(stopped.status, TimerStatus::Running);
    }

    #[test]
    fn start_needs_a_sensible_length() {
        let mut room = Stored::default();
        for seconds in [None, Some(0), Some(-5), Some(MAX_TIMER_SECONDS + 1)] {
            assert_eq!(
                room.press(TimerAction::Start, seconds, at(0))
                    .unwrap_err()
                    .code(),
                "invalid_input"
            );
        }
        assert_eq!(room.status, TimerStatus::Stopped);
    }
}
