//! What participants do from their phones: join, write notes, vote, rate.
//!
//! A phone joins with the room's token or code (checked by the server, which holds them) and
//! gets a secret; every later call proves who it is with that secret, checked here against
//! the library, so a phone keeps working across a restart of the app. Each action carries an
//! id its phone made up, so an action resent after a lost answer is done once. Participants'
//! actions are never steps of the facilitator's undo history. What a phone is shown is
//! [`view`]'s.

mod view;

pub use view::{
    MyRating, PhoneCommon, PhoneNoteView, PhoneQuestion, PhoneRound, PhoneShared, PhoneState,
    QuestionShown, RoundShown, SharedView,
};

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::board::{checked_colour, checked_note_text, photo_caption, Note};
use crate::error::{Error, Result};
use crate::history::Step;
use crate::ids::{new_id, now};
use crate::images::{prepare_base64, store_image, Prepared};
use crate::palette::NOTE_COLOURS;
use crate::participants::{checked_name, insert_participant, Participant, Role};
use crate::rows::{snapshot, typed, Table};
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

impl Library {
    /// Adds a participant who joined from a phone and hands out their secret.
    pub fn join_from_phone(
        &self,
        workshop_id: &str,
        name: Option<&str>,
        role: Role,
    ) -> Result<Joined> {
        let name = checked_name(name)?;
        let secret = crate::secrets::new_secret();
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
