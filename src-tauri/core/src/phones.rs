//! What participants do from their phones: join, write notes, vote, rate.
//!
//! A phone joins with the room's token or code (checked by the server, which holds them) and
//! gets a secret; every later call proves who it is with that secret, checked here against
//! the library, so a phone keeps working across a restart of the app. Each action carries an
//! id its phone made up, so an action resent after a lost answer is done once. Participants'
//! actions are never steps of the facilitator's undo history.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::board::{checked_colour, checked_note_text, photo_caption, Note};
use crate::encoded::Encoded;
use crate::error::{Error, Result};
use crate::history::Step;
use crate::ids::{new_id, now};
use crate::images::{prepare_base64, store_image, Prepared};
use crate::palette::NOTE_COLOURS;
use crate::participants::{checked_name, insert_participant, Participant, Role};
use crate::rows::{rows_of, snapshot, typed, Table};
use crate::store::Library;
use crate::validate;
use crate::voting::MAX_CLIENT_ID_CHARS;
use crate::workshops::language_of;
use ts_rs::TS;

/// A participant who has joined from a phone, and the secret that phone holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Joined {
    pub participant: Participant,
    pub secret: String,
}

/// A note written on a phone.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PhoneNote {
    pub client_id: String,
    pub text: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub colour: Option<String>,
}

/// A photo taken on a phone, with an optional caption.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PhonePhoto {
    pub client_id: String,
    /// A PNG, JPEG or WebP file as base64 or a data URL; phones scale it down before sending.
    pub image_base64: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub text: Option<String>,
}

fn secret() -> String {
    // Two random UUIDs: 244 random bits, plenty against guessing over a room's Wi-Fi.
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

impl Library {
    /// Adds a participant who joined from a phone and hands out their secret.
    pub fn join_from_phone(
        &self,
        workshop_id: &str,
        name: Option<&str>,
        role: Role,
    ) -> Result<Joined> {
        let name = checked_name(name)?;
        let secret = secret();
        // An edit (not an undo step) so the facilitator's windows hear that someone joined.
        let (owner, kept) = (workshop_id.to_owned(), secret.clone());
        let (_, change) = self.edit_grouped(workshop_id, "join_from_phone", Step::NotUndoable, move |conn, recorder| {
            let id = new_id();
            recorder.touch(Table::Participants, &id)?;
            insert_participant(conn, &id, &owner, name.as_deref(), role)?;
            conn.execute(
                "INSERT INTO participant_secrets (participant_id, workshop_id, secret, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![id, owner, kept, now()],
            )?;
            Ok(())
        })?;
        let participant = change.upserted(Table::Participants).remove(0);
        Ok(Joined {
            participant,
            secret,
        })
    }

    /// Every phone still in the workshop with its secret, for a listener that authenticates
    /// phones from memory rather than by a read per request.
    pub fn phone_secrets(&self, workshop_id: &str) -> Result<Vec<(String, Participant)>> {
        self.read(|conn| {
            let found: Vec<(String, String)> = conn
                .prepare_cached(
                    "SELECT s.secret, s.participant_id FROM participant_secrets s
                     JOIN participants p ON p.id = s.participant_id
                     WHERE s.workshop_id = ?1 AND p.removed_at IS NULL",
                )?
                .query_map([workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            found
                .into_iter()
                .map(|(secret, id)| {
                    let row =
                        snapshot(conn, Table::Participants, &id)?.ok_or(Error::Unauthorized)?;
                    Ok((secret, typed(Table::Participants, row)?))
                })
                .collect()
        })
    }

    /// The participant a secret belongs to, in that workshop; anything else is refused alike.
    pub fn participant_by_secret(&self, workshop_id: &str, secret: &str) -> Result<Participant> {
        self.read(|conn| {
            let id: Option<String> = conn
                .prepare_cached(
                    "SELECT s.participant_id FROM participant_secrets s
                     JOIN participants p ON p.id = s.participant_id
                     WHERE s.secret = ?1 AND s.workshop_id = ?2 AND p.removed_at IS NULL",
                )?
                .query_row(params![secret, workshop_id], |row| row.get(0))
                .optional()?;
            let id = id.ok_or(Error::Unauthorized)?;
            typed(
                Table::Participants,
                snapshot(conn, Table::Participants, &id)?.ok_or(Error::Unauthorized)?,
            )
        })
    }

    /// Puts a phone's note on the board, in the inbox; resending it changes nothing.
    pub fn add_phone_note(
        &self,
        workshop_id: &str,
        author_id: &str,
        note: &PhoneNote,
    ) -> Result<Note> {
        let client_id = validate::required_text("client_id", &note.client_id, MAX_CLIENT_ID_CHARS)?;
        let text = checked_note_text("text", &note.text)?;
        let colour = match &note.colour {
            Some(colour) => checked_colour("colour", colour)?,
            None => NOTE_COLOURS[0].to_owned(),
        };
        self.add_from_phone(workshop_id, author_id, client_id, Some(text), colour, None)
    }

    /// Puts a photo taken on a phone (paper stickies, a flip chart) on the board as a photo
    /// note, in the inbox; the image is checked and scaled as persona photos are. Resending it
    /// changes nothing.
    pub fn add_phone_photo(
        &self,
        workshop_id: &str,
        author_id: &str,
        photo: &PhonePhoto,
    ) -> Result<Note> {
        let client_id =
            validate::required_text("client_id", &photo.client_id, MAX_CLIENT_ID_CHARS)?;
        let caption = match photo.text.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(checked_note_text("text", text)?),
        };
        let image = prepare_base64(&photo.image_base64)?;
        let colour = NOTE_COLOURS[0].to_owned();
        self.add_from_phone(
            workshop_id,
            author_id,
            client_id,
            caption,
            colour,
            Some(image),
        )
    }

    fn add_from_phone(
        &self,
        workshop_id: &str,
        author_id: &str,
        client_id: String,
        text: Option<String>,
        colour: String,
        image: Option<Prepared>,
    ) -> Result<Note> {
        let (owner, author_id) = (workshop_id.to_owned(), author_id.to_owned());
        let operation = if image.is_some() {
            "add_phone_photo"
        } else {
            "add_phone_note"
        };
        let (note, _) = self.edit_grouped(workshop_id, operation, Step::NotUndoable, move |conn, recorder| {
            let (workshop_id, author_id) = (&*owner, &*author_id);
            let existing: Option<String> = conn
                .prepare_cached("SELECT note_id FROM note_client_ids WHERE author_id = ?1 AND client_id = ?2")?
                .query_row(params![author_id, client_id], |row| row.get(0))
                .optional()?;
            let note_id = match existing {
                Some(note_id) => note_id,
                None => {
                    // Checked after the retry above: a note sent just before brainstorming
                    // closed and resent after is already on the board and is answered as such.
                    let room = crate::room::room_in(conn, workshop_id)?;
                    crate::room::check_open(room.brainstorm_open, "brainstorming")?;
                    let image_id = match &image {
                        Some(image) => {
                            let id = new_id();
                            store_image(conn, workshop_id, &id, image)?;
                            Some(id)
                        }
                        None => None,
                    };
                    let text = match &text {
                        Some(text) => text.clone(),
                        None => photo_caption(language_of(conn, workshop_id)?).to_owned(),
                    };
                    // Phone notes land in the inbox, left of the board, where the facilitator
                    // picks them up; face down while the room writes with notes hidden.
                    let (x, y) = crate::sections::inbox_cell(conn, workshop_id)?;
                    let note_id = new_id();
                    let now = now();
                    recorder.touch(Table::Notes, &note_id)?;
                    conn.execute(
                        "INSERT INTO notes (id, workshop_id, text, colour, x, y, author_id, created_at, updated_at, hidden, image_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)",
                        params![note_id, workshop_id, text, colour, x, y, author_id, now, room.notes_hidden, image_id],
                    )?;
                    conn.execute(
                        "INSERT INTO note_client_ids (note_id, workshop_id, author_id, client_id) VALUES (?1, ?2, ?3, ?4)",
                        params![note_id, workshop_id, author_id, client_id],
                    )?;
                    note_id
                }
            };
            typed::<Note>(Table::Notes, snapshot(conn, Table::Notes, &note_id)?.expect("just written or found"))
        })?;
        Ok(note)
    }
}

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

/// The open (or last) voting round as one participant sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneRound {
    pub id: String,
    pub title: String,
    pub status: crate::voting::RoundStatus,
    pub closes_at: Option<String>,
    pub votes_per_participant: i64,
    pub max_per_note: i64,
    pub votes_left: i64,
    pub done: bool,
    /// The notes that may be voted on.
    #[ts(as = "Vec<PhoneNoteView>")]
    pub notes: Encoded<Vec<PhoneNoteView>>,
    /// This participant's own votes: (note id, client id).
    pub my_votes: Vec<(String, String)>,
    /// Present only once the facilitator has revealed them.
    #[ts(as = "Option<Vec<crate::voting::NoteResult>>")]
    pub results: Option<Encoded<Vec<crate::voting::NoteResult>>>,
}

/// Everything a phone shows, and nothing it should not.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneState {
    pub workshop_title: String,
    pub language: crate::model::Language,
    pub participant_id: String,
    pub name: Option<String>,
    pub round: Option<PhoneRound>,
    #[ts(as = "Vec<(String, String)>")]
    pub stages: Encoded<Vec<(String, String)>>,
    #[ts(as = "Vec<(String, String)>")]
    pub personas: Encoded<Vec<(String, String)>>,
    pub scale: crate::emotions::Scale,
    /// What the facilitator has opened, and the timer.
    pub room: crate::room::Room,
    /// The notes this participant wrote, oldest first.
    pub my_notes: Vec<PhoneNoteView>,
    /// This participant's own ratings.
    pub my_ratings: Vec<MyRating>,
    /// The words a participant may pick for how a stage felt.
    #[ts(as = "Vec<crate::feelings::Feeling>")]
    pub feelings: Encoded<Vec<crate::feelings::Feeling>>,
    /// The question the room is asked right now, with this participant's answer.
    pub question: Option<PhoneQuestion>,
}

/// The open question as a phone shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PhoneQuestion {
    pub id: String,
    pub kind: crate::metrics::QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
    /// This participant's answer so far: a score or option index, or words.
    pub my_score: Option<i64>,
    pub my_text: Option<String>,
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
    workshop_title: String,
    language: crate::model::Language,
    stages: Encoded<Vec<(String, String)>>,
    personas: Encoded<Vec<(String, String)>>,
    scale: crate::emotions::Scale,
    round: Option<SharedRound>,
    /// The room as it stands, its countdown fixed at the revision (a running timer's
    /// seconds left are read afresh for each phone).
    room: crate::room::Room,
    feelings: Encoded<Vec<crate::feelings::Feeling>>,
    question: Option<crate::questions::Question>,
}

/// The open (or last) round, as every phone sees it.
#[derive(Debug, Clone, PartialEq)]
struct SharedRound {
    round: crate::voting::VotingRound,
    notes: Encoded<Vec<PhoneNoteView>>,
    results: Option<Encoded<Vec<crate::voting::NoteResult>>>,
}

impl SharedView {
    /// Whether phones showing `self` would show anything different with `other`; a running
    /// timer counting down is no difference.
    pub fn differs_from(&self, other: &SharedView) -> bool {
        let settled = |view: &SharedView| {
            let mut view = view.clone();
            if view.room.timer.status == crate::room::TimerStatus::Running {
                view.room.timer.remaining_seconds = 0;
            }
            view
        };
        settled(self) != settled(other)
    }
}

impl Library {
    /// What every phone of the workshop is shown alike right now, computed once per change
    /// phones see alike (votes, ratings and answers are each phone's own).
    pub fn phone_view(&self, workshop_id: &str) -> Result<std::sync::Arc<SharedView>> {
        let revision = self.phone_revision(workshop_id, || {
            self.read(|conn| crate::history::revision_of(conn, workshop_id))
        })?;
        self.cached(workshop_id, revision, || {
            self.compute_phone_view(workshop_id)
        })
    }

    fn compute_phone_view(&self, workshop_id: &str) -> Result<SharedView> {
        use crate::voting::{notes_in_round, RoundStatus, Viewer};
        let workshop = self.get_workshop(workshop_id)?;
        let (stages, personas, scale, feelings, question) = self.read(|conn| {
            Ok((
                rows_of::<crate::model::Stage>(conn, Table::Stages, workshop_id)?,
                rows_of::<crate::personas::Persona>(conn, Table::Personas, workshop_id)?,
                crate::emotions::scale_of(conn, workshop_id)?,
                crate::feelings::vocabulary_of(conn, workshop_id)?,
                crate::questions::open_question(conn, workshop_id)?,
            ))
        })?;
        let round = match self.list_rounds(workshop_id)?.pop() {
            None => None,
            Some(round) => {
                let notes = self.read(|conn| notes_in_round(conn, &round))?;
                let results = match round.status {
                    RoundStatus::Revealed => Some(Encoded::new(self.round_results(
                        workshop_id,
                        &round.id,
                        Viewer::Participant,
                    )?)),
                    _ => None,
                };
                Some(SharedRound {
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
                    round,
                })
            }
        };
        Ok(SharedView {
            workshop_title: workshop.title,
            language: workshop.language,
            stages: Encoded::new(stages.into_iter().map(|s| (s.id, s.title)).collect()),
            personas: Encoded::new(personas.into_iter().map(|p| (p.id, p.name)).collect()),
            scale,
            round,
            room: self.read(|conn| crate::room::room_in(conn, workshop_id))?,
            feelings: Encoded::new(feelings),
            question,
        })
    }

    /// What `participant` may see of the workshop right now: the shared view, and their own
    /// votes, notes and ratings (a few indexed reads).
    pub fn phone_state(&self, workshop_id: &str, participant: &Participant) -> Result<PhoneState> {
        let shared = self.phone_view(workshop_id)?;
        let me = participant.id.as_str();
        self.read(|conn| {
            let round = match &shared.round {
                None => None,
                Some(shared_round) => Some(phone_round(conn, shared_round, me)?),
            };
            let my_notes = conn
                .prepare_cached(
                    "SELECT n.id, n.text, n.colour, c.title FROM notes n
                     LEFT JOIN clusters c ON c.id = n.cluster_id
                     WHERE n.author_id = ?1 ORDER BY n.created_at, n.id",
                )?
                .query_map([me], |row| {
                    Ok(PhoneNoteView {
                        id: row.get(0)?,
                        text: row.get(1)?,
                        colour: row.get(2)?,
                        section: row.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let my_ratings = conn
                .prepare_cached(
                    "SELECT stage_id, persona_id, variant, score, feelings FROM ratings
                     WHERE participant_id = ?1 ORDER BY created_at, id",
                )?
                .query_map([me], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?, row.get::<_, String>(2)?, row.get::<_, f64>(3)?, row.get::<_, String>(4)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .map(|(stage_id, persona_id, variant, score, feelings)| {
                    let variant = serde_json::from_value(serde_json::Value::String(variant))
                        .map_err(|_| Error::Corrupt("a rating's variant".into()))?;
                    let feelings = serde_json::from_str(&feelings)
                        .map_err(|_| Error::Corrupt("a rating's feelings".into()))?;
                    Ok(MyRating { stage_id, persona_id, variant, score, feelings })
                })
                .collect::<Result<Vec<_>>>()?;
            let question = match &shared.question {
                None => None,
                Some(question) => {
                    let mine: Option<(Option<i64>, Option<String>)> = conn
                        .prepare_cached("SELECT score, text FROM answers WHERE question_id = ?1 AND participant_id = ?2")?
                        .query_row(params![question.id, me], |row| Ok((row.get(0)?, row.get(1)?)))
                        .optional()?;
                    let (my_score, my_text) = mine.unwrap_or_default();
                    Some(PhoneQuestion {
                        id: question.id.clone(),
                        kind: question.kind,
                        prompt: question.prompt.clone(),
                        options: question.options.clone(),
                        my_score,
                        my_text,
                    })
                }
            };
            Ok(PhoneState {
                workshop_title: shared.workshop_title.clone(),
                language: shared.language,
                participant_id: participant.id.clone(),
                name: participant.name.clone(),
                round,
                stages: shared.stages.clone(),
                personas: shared.personas.clone(),
                scale: shared.scale,
                // Read afresh: a running timer's seconds left change without a revision.
                room: crate::room::room_in(conn, workshop_id)?,
                my_notes,
                my_ratings,
                feelings: shared.feelings.clone(),
                question,
            })
        })
    }
}

/// The round of the shared view with one participant's own figures.
fn phone_round(
    conn: &Connection,
    shared: &SharedRound,
    participant_id: &str,
) -> Result<PhoneRound> {
    let round = &shared.round;
    let done = conn
        .prepare_cached("SELECT 1 FROM round_done WHERE round_id = ?1 AND participant_id = ?2")?
        .exists(params![round.id, participant_id])?;
    let mut used = 0;
    let my_votes = conn
        .prepare_cached(
            "SELECT note_id, client_id, weight FROM votes WHERE round_id = ?1 AND participant_id = ?2
             ORDER BY created_at",
        )?
        .query_map(params![round.id, participant_id], |row| {
            Ok(((row.get(0)?, row.get(1)?), row.get::<_, i64>(2)?))
        })?
        .map(|vote| {
            vote.map(|(vote, weight)| {
                used += weight;
                vote
            })
        })
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    // A round whose time ran out is closed from that moment, revision or not.
    let status = match round.status {
        crate::voting::RoundStatus::Open if !crate::voting::is_open(round) => {
            crate::voting::RoundStatus::Closed
        }
        status => status,
    };
    Ok(PhoneRound {
        id: round.id.clone(),
        title: round.title.clone(),
        status,
        closes_at: round.closes_at.clone(),
        votes_per_participant: round.votes_per_participant,
        max_per_note: round.max_per_note,
        votes_left: round.votes_per_participant - used,
        done,
        notes: shared.notes.clone(),
        my_votes,
        results: shared.results.clone(),
    })
}
