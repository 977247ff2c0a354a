//! Personas: who the workshop designs for, beyond demographics.
//!
//! A persona is one row; its channels and custom sections are JSON lists inside it, so an
//! edit of any part is a single undoable change. Its photo is stored apart (see
//! [`crate::images`]) and referred to by id, which keeps history small.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::change::Change;
use crate::dependents::release_dependents;
use crate::error::{Error, Result};
use crate::history::Recorder;
use crate::ids::{new_id, now};
use crate::model::Language;
use crate::model::{MAX_CHANNELS, MAX_CHANNEL_CHARS};
use crate::ordering;
use crate::palette::AVATAR_COLOURS;
use crate::rows::{restore, snapshot, typed, Table};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use ts_rs::TS;

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_SHORT_CHARS: usize = 200;
pub const MAX_AGE_CHARS: usize = 40;
pub const MAX_LONG_CHARS: usize = 2_000;
pub const MAX_SECTIONS: usize = 20;
pub const MAX_SECTION_ITEMS: usize = 30;

/// What a custom section holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum SectionBody {
    Text { text: String },
    List { items: Vec<String> },
    Slider { value: u8 },
    Tags { items: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Section {
    /// Assigned by core; callers omit it for new sections.
    #[serde(default)]
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub body: SectionBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Persona {
    pub id: String,
    pub workshop_id: String,
    pub position: i64,
    pub name: String,
    pub photo_id: Option<String>,
    pub avatar_colour: String,
    pub age: String,
    pub occupation: String,
    pub quote: String,
    pub background: String,
    pub goals: String,
    pub needs: String,
    pub pains: String,
    pub expectations: String,
    pub channels: Vec<String>,
    pub sections: Vec<Section>,
    pub created_at: String,
    pub updated_at: String,
}

/// The fields of a persona a caller may set; absent ones stay (or start empty).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PersonaFields {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub name: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub avatar_colour: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub age: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub occupation: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub quote: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub background: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub goals: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub needs: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub pains: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub expectations: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub channels: Option<Vec<String>>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub sections: Option<Vec<Section>>,
}

impl From<&Persona> for PersonaFields {
    fn from(persona: &Persona) -> Self {
        PersonaFields {
            name: Some(persona.name.clone()),
            avatar_colour: Some(persona.avatar_colour.clone()),
            age: Some(persona.age.clone()),
            occupation: Some(persona.occupation.clone()),
            quote: Some(persona.quote.clone()),
            background: Some(persona.background.clone()),
            goals: Some(persona.goals.clone()),
            needs: Some(persona.needs.clone()),
            pains: Some(persona.pains.clone()),
            expectations: Some(persona.expectations.clone()),
            channels: Some(persona.channels.clone()),
            sections: Some(persona.sections.clone()),
        }
    }
}

fn checked_sections(sections: &[Section]) -> Result<Vec<Section>> {
    validate::count("sections", sections.len(), 0, MAX_SECTIONS)?;
    sections
        .iter()
        .enumerate()
        .map(|(index, section)| {
            let field = |name: &str| format!("sections[{index}].{name}");
            let body = match &section.body {
                SectionBody::Text { text } => SectionBody::Text {
                    text: validate::text(&field("text"), text, MAX_LONG_CHARS)?,
                },
                SectionBody::List { items } => SectionBody::List {
                    items: validate::list(
                        &field("items"),
                        items,
                        MAX_SECTION_ITEMS,
                        MAX_SHORT_CHARS,
                    )?,
                },
                SectionBody::Tags { items } => SectionBody::Tags {
                    items: validate::list(
                        &field("items"),
                        items,
                        MAX_SECTION_ITEMS,
                        MAX_SHORT_CHARS,
                    )?,
                },
                SectionBody::Slider { value } if (1..=5).contains(value) => {
                    SectionBody::Slider { value: *value }
                }
                SectionBody::Slider { value } => {
                    return Err(Error::invalid(format!(
                        "{} must be from 1 to 5, not {value}",
                        field("value")
                    )))
                }
            };
            let id = match section.id.trim() {
                "" => new_id(),
                id => id.to_owned(),
            };
            Ok(Section {
                id,
                title: validate::required_text(&field("title"), &section.title, MAX_NAME_CHARS)?,
                body,
            })
        })
        .collect()
}

/// Validates `fields` and writes them over `persona`.
pub(crate) fn apply(persona: &mut Persona, fields: &PersonaFields) -> Result<()> {
    if let Some(name) = &fields.name {
        persona.name = validate::required_text("name", name, MAX_NAME_CHARS)?;
    }
    if let Some(colour) = &fields.avatar_colour {
        if !AVATAR_COLOURS.contains(&colour.as_str()) {
            return Err(Error::invalid(format!(
                "avatar_colour must be one of {}, not \u{201c}{colour}\u{201d}",
                AVATAR_COLOURS.join(", ")
            )));
        }
        persona.avatar_colour = colour.clone();
    }
    let texts = [
        (&fields.age, &mut persona.age, "age", MAX_AGE_CHARS),
        (
            &fields.occupation,
            &mut persona.occupation,
            "occupation",
            MAX_SHORT_CHARS,
        ),
        (&fields.quote, &mut persona.quote, "quote", MAX_SHORT_CHARS),
        (
            &fields.background,
            &mut persona.background,
            "background",
            MAX_LONG_CHARS,
        ),
        (&fields.goals, &mut persona.goals, "goals", MAX_LONG_CHARS),
        (&fields.needs, &mut persona.needs, "needs", MAX_LONG_CHARS),
        (&fields.pains, &mut persona.pains, "pains", MAX_LONG_CHARS),
        (
            &fields.expectations,
            &mut persona.expectations,
            "expectations",
            MAX_LONG_CHARS,
        ),
    ];
    for (given, target, field, max) in texts {
        if let Some(value) = given {
            *target = validate::text(field, value, max)?;
        }
    }
    if let Some(channels) = &fields.channels {
        persona.channels = validate::list("channels", channels, MAX_CHANNELS, MAX_CHANNEL_CHARS)?;
    }
    if let Some(sections) = &fields.sections {
        persona.sections = checked_sections(sections)?;
    }
    Ok(())
}

pub(crate) fn load_persona(conn: &Connection, workshop_id: &str, id: &str) -> Result<Persona> {
    belongs_to_workshop(conn, Owned::Persona, id, workshop_id)?;
    typed(
        Table::Personas,
        snapshot(conn, Table::Personas, id)?.expect("just found"),
    )
}

/// Writes a whole persona row (insert or update) through the recorder.
pub(crate) fn save_persona(
    conn: &Connection,
    recorder: &mut Recorder,
    persona: &Persona,
) -> Result<()> {
    recorder.touch(Table::Personas, &persona.id)?;
    let row = serde_json::to_value(persona).expect("a persona serialises to JSON");
    let serde_json::Value::Object(row) = row else {
        unreachable!("a persona is a JSON object")
    };
    restore(conn, Table::Personas, &persona.id, Some(&row))
}

impl Library {
    pub fn create_persona(&self, workshop_id: &str, fields: &PersonaFields) -> Result<Change> {
        if fields.name.is_none() {
            return Err(Error::invalid("name is required"));
        }
        self.edit(workshop_id, "create_persona", |conn, recorder| {
            let position = ordering::count(conn, Table::Personas, workshop_id)?;
            let now = now();
            let mut persona = Persona {
                id: new_id(),
                workshop_id: workshop_id.to_owned(),
                position,
                name: String::new(),
                photo_id: None,
                avatar_colour: AVATAR_COLOURS[position as usize % AVATAR_COLOURS.len()].to_owned(),
                age: String::new(),
                occupation: String::new(),
                quote: String::new(),
                background: String::new(),
                goals: String::new(),
                needs: String::new(),
                pains: String::new(),
                expectations: String::new(),
                channels: Vec::new(),
                sections: Vec::new(),
                created_at: now.clone(),
                updated_at: now,
            };
            apply(&mut persona, fields)?;
            save_persona(conn, recorder, &persona)
        })
    }

    pub fn update_persona(
        &self,
        workshop_id: &str,
        id: &str,
        fields: &PersonaFields,
    ) -> Result<Change> {
        self.edit(workshop_id, "update_persona", |conn, recorder| {
            let mut persona = load_persona(conn, workshop_id, id)?;
            let before = persona.clone();
            apply(&mut persona, fields)?;
            if persona != before {
                persona.updated_at = now();
                save_persona(conn, recorder, &persona)?;
            }
            Ok(())
        })
    }

    pub fn move_persona(&self, workshop_id: &str, id: &str, position: i64) -> Result<Change> {
        self.edit(workshop_id, "move_persona", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Persona, id, workshop_id)?;
            ordering::move_to(conn, recorder, Table::Personas, workshop_id, id, position)
        })
    }

    /// Copies a persona, with its photo and emotion points, right after the original.
    pub fn duplicate_persona(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit(workshop_id, "duplicate_persona", |conn, recorder| {
            let original = load_persona(conn, workshop_id, id)?;
            let suffix = match crate::workshops::language_of(conn, workshop_id)? {
                Language::En => " (copy)",
                Language::Fi => " (kopio)",
            };
            let now = now();
            let copy = Persona {
                id: new_id(),
                name: format!("{}{suffix}", original.name)
                    .chars()
                    .take(MAX_NAME_CHARS)
                    .collect(),
                position: ordering::count(conn, Table::Personas, workshop_id)?,
                created_at: now.clone(),
                updated_at: now.clone(),
                ..original.clone()
            };
            save_persona(conn, recorder, &copy)?;
            ordering::move_to(
                conn,
                recorder,
                Table::Personas,
                workshop_id,
                &copy.id,
                original.position + 1,
            )?;
            let points: Vec<String> = conn
                .prepare_cached("SELECT id FROM emotions WHERE persona_id = ?1")?
                .query_map([id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for point in points {
                let point_copy = new_id();
                recorder.touch(Table::Emotions, &point_copy)?;
                conn.execute(
                    "INSERT INTO emotions (id, workshop_id, persona_id, stage_id, variant, score,
                                           note, updated_at)
                     SELECT ?2, workshop_id, ?3, stage_id, variant, score, note, ?4
                     FROM emotions WHERE id = ?1",
                    params![point, point_copy, copy.id, now],
                )?;
            }
            Ok(())
        })
    }

    /// Deletes a persona with its emotion points and ratings; its notes stay, unlinked.
    pub fn delete_persona(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit(workshop_id, "delete_persona", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Persona, id, workshop_id)?;
            release_dependents(conn, recorder, "persona_id", id)?;
            recorder.touch(Table::Personas, id)?;
            conn.execute("DELETE FROM personas WHERE id = ?1", [id])?;
            ordering::renumber(conn, recorder, Table::Personas, workshop_id)
        })
    }
}
