//! What a phone shows: what every phone of a workshop is shown alike, and each phone's own.
//!
//! A room of phones asks for its view whenever something it shows changes. What every phone
//! is shown alike ([`PhoneShared`]: the room, the round's notes and results, the question, the
//! journey's stages and words) is computed and serialised once per revision ([`SharedView`]);
//! a phone's own votes, notes, ratings and answer are a few indexed reads per request. When
//! the shared part changes, the event stream carries it to every phone, so a hall of phones
//! need not ask at all unless something of their own may have changed with it.

use std::sync::Arc;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::encoded::Encoded;
use crate::error::{Error, Result};
use crate::participants::Participant;
use crate::rows::{rows_of, Table};
use crate::store::Library;
use crate::voting::{RoundStatus, VotingRound};

/// A note as a phone sees it: its text, colour and section, never who wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneNoteView {
    pub id: String,
    pub text: String,
    pub colour: String,
    /// The title of the board section it is in, if any: phones list a round's notes by
    /// section, in board order.
    pub section: Option<String>,
}

/// What every phone is shown alike besides the round and the question.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneCommon {
    pub workshop_title: String,
    pub language: crate::model::Language,
    #[ts(as = "Vec<(String, String)>")]
    pub stages: Encoded<Vec<(String, String)>>,
    #[ts(as = "Vec<(String, String)>")]
    pub personas: Encoded<Vec<(String, String)>>,
    pub scale: crate::emotions::Scale,
    /// What the facilitator has opened, and the timer.
    pub room: crate::room::Room,
    /// The words a participant may pick for how a stage felt.
    #[ts(as = "Vec<crate::feelings::Feeling>")]
    pub feelings: Encoded<Vec<crate::feelings::Feeling>>,
}

/// The open (or last) voting round as every phone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RoundShown {
    pub id: String,
    pub title: String,
    pub status: RoundStatus,
    pub closes_at: Option<String>,
    pub votes_per_participant: i64,
    pub max_per_note: i64,
    /// The notes that may be voted on.
    #[ts(as = "Vec<PhoneNoteView>")]
    pub notes: Encoded<Vec<PhoneNoteView>>,
    /// Present only once the facilitator has revealed them.
    #[ts(as = "Option<Vec<crate::voting::NoteResult>>")]
    pub results: Option<Encoded<Vec<crate::voting::NoteResult>>>,
}

/// The question the room is asked right now, as every phone sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuestionShown {
    pub id: String,
    pub kind: crate::metrics::QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
}

/// What every phone is shown alike: the part of [`PhoneState`] that is the same on every
/// phone. The event stream sends it when it changes; a phone puts it in place of its own copy
/// and asks for its whole view only when its round or question is another one now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneShared {
    #[serde(flatten)]
    #[ts(flatten)]
    pub common: PhoneCommon,
    pub round: Option<RoundShown>,
    pub question: Option<QuestionShown>,
}

/// The open (or last) voting round as one participant sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneRound {
    #[serde(flatten)]
    #[ts(flatten)]
    pub shown: RoundShown,
    pub votes_left: i64,
    pub done: bool,
    /// This participant's own votes: (note id, client id).
    pub my_votes: Vec<(String, String)>,
}

/// The open question as one participant sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneQuestion {
    #[serde(flatten)]
    #[ts(flatten)]
    pub shown: QuestionShown,
    /// This participant's answer so far: a score or option index, or words.
    pub my_score: Option<i64>,
    pub my_text: Option<String>,
}

/// Everything a phone shows, and nothing it should not.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneState {
    #[serde(flatten)]
    #[ts(flatten)]
    pub common: PhoneCommon,
    pub participant_id: String,
    pub name: Option<String>,
    pub round: Option<PhoneRound>,
    /// The notes this participant wrote, oldest first.
    pub my_notes: Vec<PhoneNoteView>,
    /// This participant's own ratings.
    pub my_ratings: Vec<MyRating>,
    /// The question the room is asked right now, with this participant's answer.
    pub question: Option<PhoneQuestion>,
}

/// One of a participant's own ratings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MyRating {
    pub stage_id: String,
    pub persona_id: Option<String>,
    pub variant: crate::emotions::Variant,
    pub score: f64,
    pub feelings: Vec<String>,
}

/// What every phone of a workshop is shown alike, at one revision. Computed once per
/// revision however many phones ask (see [`Library::phone_view`]); a phone's own figures are
/// added per request. Holds nothing a participant may not see: no votes before the reveal,
/// no authors.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedView {
    /// The room's countdown as it stood at the revision: [`SharedView::shown`] takes the room
    /// as it stands now.
    shared: PhoneShared,
    /// The round as stored, for whether its time has run out since.
    round: Option<VotingRound>,
}

impl SharedView {
    /// Whether phones showing `self` would show anything different with `other`; a running
    /// timer counting down is no difference.
    pub fn differs_from(&self, other: &SharedView) -> bool {
        let settled = |view: &SharedView| {
            let mut shared = view.shared.clone();
            if shared.common.room.timer.status == crate::room::TimerStatus::Running {
                shared.common.room.timer.remaining_seconds = 0;
            }
            shared
        };
        settled(self) != settled(other)
    }

    /// What phones are shown alike with the room as it stands now (`room`): a round whose time
    /// ran out is closed from that moment, revision or not.
    fn shown(&self, room: crate::room::Room) -> PhoneShared {
        let mut shared = self.shared.clone();
        shared.common.room = room;
        if let (Some(shown), Some(round)) = (&mut shared.round, &self.round) {
            if round.status == RoundStatus::Open && !crate::voting::is_open(round) {
                shown.status = RoundStatus::Closed;
            }
        }
        shared
    }
}

impl Library {
    /// What every phone of the workshop is shown alike right now, computed once per change
    /// phones see alike (votes, ratings and answers are each phone's own).
    pub fn phone_view(&self, workshop_id: &str) -> Result<Arc<SharedView>> {
        let revision = self.phone_revision(workshop_id, || {
            self.read(|conn| crate::history::revision_of(conn, workshop_id))
        })?;
        self.cached(workshop_id, revision, || {
            self.compute_phone_view(workshop_id)
        })
    }

    /// What every phone of the workshop is shown alike right now, as the event stream sends
    /// it (see [`PhoneShared`]).
    pub fn phone_shared(&self, workshop_id: &str) -> Result<PhoneShared> {
        let view = self.phone_view(workshop_id)?;
        let room = self.read(|conn| crate::room::room_in(conn, workshop_id))?;
        Ok(view.shown(room))
    }

    fn compute_phone_view(&self, workshop_id: &str) -> Result<SharedView> {
        use crate::voting::{notes_in_round, Viewer};
        let workshop = self.get_workshop(workshop_id)?;
        let (stages, personas, scale, feelings, question, room) = self.read(|conn| {
            Ok((
                rows_of::<crate::model::Stage>(conn, Table::Stages, workshop_id)?,
                rows_of::<crate::personas::Persona>(conn, Table::Personas, workshop_id)?,
                crate::emotions::scale_of(conn, workshop_id)?,
                crate::feelings::vocabulary_of(conn, workshop_id)?,
                crate::questions::open_question(conn, workshop_id)?,
                crate::room::room_in(conn, workshop_id)?,
            ))
        })?;
        let round = self.list_rounds(workshop_id)?.pop();
        let shown = match &round {
            None => None,
            Some(round) => {
                let notes = self.read(|conn| notes_in_round(conn, round))?;
                let results = match round.status {
                    RoundStatus::Revealed => Some(Encoded::new(self.round_results(
                        workshop_id,
                        &round.id,
                        Viewer::Participant,
                    )?)),
                    _ => None,
                };
                Some(RoundShown {
                    id: round.id.clone(),
                    title: round.title.clone(),
                    status: round.status,
                    closes_at: round.closes_at.clone(),
                    votes_per_participant: round.votes_per_participant,
                    max_per_note: round.max_per_note,
                    notes: Encoded::new(
                        notes
                            .into_iter()
                            .map(|(id, text, colour, section)| PhoneNoteView {
                                id,
                                text,
                                colour,
                                section,
                            })
                            .collect(),
                    ),
                    results,
                })
            }
        };
        Ok(SharedView {
            shared: PhoneShared {
                common: PhoneCommon {
                    workshop_title: workshop.title,
                    language: workshop.language,
                    stages: Encoded::new(stages.into_iter().map(|s| (s.id, s.title)).collect()),
                    personas: Encoded::new(personas.into_iter().map(|p| (p.id, p.name)).collect()),
                    scale,
                    room,
                    feelings: Encoded::new(feelings),
                },
                round: shown,
                question: question.map(|question| QuestionShown {
                    id: question.id,
                    kind: question.kind,
                    prompt: question.prompt,
                    options: question.options,
                }),
            },
            round,
        })
    }

    /// What `participant` may see of the workshop right now: the shared view, and their own
    /// votes, notes and ratings (a few indexed reads).
    pub fn phone_state(&self, workshop_id: &str, participant: &Participant) -> Result<PhoneState> {
        let view = self.phone_view(workshop_id)?;
        let me = participant.id.as_str();
        self.read(|conn| {
            // Read afresh: a running timer's seconds left change without a revision.
            let shared = view.shown(crate::room::room_in(conn, workshop_id)?);
            let round = match shared.round {
                None => None,
                Some(shown) => Some(phone_round(conn, shown, me)?),
            };
            let question = match shared.question {
                None => None,
                Some(shown) => {
                    let mine: Option<(Option<i64>, Option<String>)> = conn
                        .prepare_cached("SELECT score, text FROM answers WHERE question_id = ?1 AND participant_id = ?2")?
                        .query_row(params![shown.id, me], |row| Ok((row.get(0)?, row.get(1)?)))
                        .optional()?;
                    let (my_score, my_text) = mine.unwrap_or_default();
                    Some(PhoneQuestion { shown, my_score, my_text })
                }
            };
            Ok(PhoneState {
                common: shared.common,
                participant_id: participant.id.clone(),
                name: participant.name.clone(),
                round,
                my_notes: my_notes(conn, me)?,
                my_ratings: my_ratings(conn, me)?,
                question,
            })
        })
    }
}

/// The round every phone sees with one participant's own figures.
fn phone_round(conn: &Connection, shown: RoundShown, participant_id: &str) -> Result<PhoneRound> {
    let done = conn
        .prepare_cached("SELECT 1 FROM round_done WHERE round_id = ?1 AND participant_id = ?2")?
        .exists(params![shown.id, participant_id])?;
    let mut used = 0;
    let my_votes = conn
        .prepare_cached(
            "SELECT note_id, client_id, weight FROM votes WHERE round_id = ?1 AND participant_id = ?2
             ORDER BY created_at",
        )?
        .query_map(params![shown.id, participant_id], |row| {
            Ok(((row.get(0)?, row.get(1)?), row.get::<_, i64>(2)?))
        })?
        .map(|vote| {
            vote.map(|(vote, weight)| {
                used += weight;
                vote
            })
        })
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    Ok(PhoneRound {
        votes_left: shown.votes_per_participant - used,
        shown,
        done,
        my_votes,
    })
}

/// The notes `participant_id` wrote, oldest first.
fn my_notes(conn: &Connection, participant_id: &str) -> Result<Vec<PhoneNoteView>> {
    Ok(conn
        .prepare_cached(
            "SELECT n.id, n.text, n.colour, c.title FROM notes n
             LEFT JOIN clusters c ON c.id = n.cluster_id
             WHERE n.author_id = ?1 ORDER BY n.created_at, n.id",
        )?
        .query_map([participant_id], |row| {
            Ok(PhoneNoteView {
                id: row.get(0)?,
                text: row.get(1)?,
                colour: row.get(2)?,
                section: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The ratings `participant_id` gave.
fn my_ratings(conn: &Connection, participant_id: &str) -> Result<Vec<MyRating>> {
    conn.prepare_cached(
        "SELECT stage_id, persona_id, variant, score, feelings FROM ratings
         WHERE participant_id = ?1 ORDER BY created_at, id",
    )?
    .query_map([participant_id], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, f64>(3)?,
            row.get::<_, String>(4)?,
        ))
    })?
    .collect::<rusqlite::Result<Vec<_>>>()?
    .into_iter()
    .map(|(stage_id, persona_id, variant, score, feelings)| {
        let variant = serde_json::from_value(serde_json::Value::String(variant))
            .map_err(|_| Error::Corrupt("a rating's variant".into()))?;
        let feelings = serde_json::from_str(&feelings)
            .map_err(|_| Error::Corrupt("a rating's feelings".into()))?;
        Ok(MyRating {
            stage_id,
            persona_id,
            variant,
            score,
            feelings,
        })
    })
    .collect()
}
