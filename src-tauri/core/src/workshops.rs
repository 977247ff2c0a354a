//! Workshop operations: create from a template, list, open, edit, duplicate, and the trash.
//!
//! A workshop in the trash is kept whole and can be restored; it cannot be edited until it
//! is, and only a trashed workshop can be deleted for good, so nothing disappears with one
//! stray click.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::ids::{new_id, now};
use crate::model::{Language, Stage, TemplateId, Workshop, WorkshopSummary};
use crate::rows::{record_origin, recorded_origins, remap, restore, rows_of, workshop_rows, Table};
use crate::store::Library;
use crate::templates;
use crate::validate;
use ts_rs::TS;

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_GOAL_CHARS: usize = 2_000;
pub const MAX_FACILITATOR_CHARS: usize = 200;

/// The arguments of `create_workshop`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewWorkshop {
    pub title: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<String>", optional)]
    pub goal: String,
    #[serde(default)]
    #[ts(as = "Option<String>", optional)]
    pub facilitator: String,
    #[serde(default)]
    #[ts(as = "Option<Language>", optional)]
    pub language: Language,
    #[serde(default)]
    #[ts(as = "Option<TemplateId>", optional)]
    pub template: TemplateId,
}

/// The arguments of `update_workshop`: absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorkshopChanges {
    pub id: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub title: Option<String>,
    /// `Some(None)` clears the date; `None` leaves it alone.
    #[serde(default, deserialize_with = "crate::model::present")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub date: Option<Option<String>>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub goal: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub facilitator: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub language: Option<Language>,
}

/// The arguments of `list_workshops`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorkshopQuery {
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub trashed: bool,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub search: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<WorkshopSort>", optional)]
    pub sort: WorkshopSort,
}

/// The library's orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum WorkshopSort {
    /// Most recently changed first.
    #[default]
    Recent,
    /// By title, A to Ö, as people read it (case and accents aside, Finnish letters last).
    Title,
    /// By the workshop's own date, newest first; workshops without a date last.
    Date,
}

/// The search as FTS5 reads it: each word a quoted prefix ("sisään" finds
/// "sisäänkirjautuminen"), all of them required. Quoting keeps FTS5's own syntax (AND, NEAR,
/// `*`, column filters) out of what people type. None when nothing searchable is left.
fn fts_query(search: &str) -> Option<String> {
    let words: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn checked_title(title: &str) -> Result<String> {
    validate::required_text("title", title, MAX_TITLE_CHARS)
}

const SUMMARY_COLUMNS: &str = "w.id, w.title, w.date, w.language, w.template, w.created_at,
    w.updated_at, w.trashed_at, (SELECT count(*) FROM stages s WHERE s.workshop_id = w.id),
    (SELECT count(*) FROM notes n WHERE n.workshop_id = w.id),
    (SELECT count(*) FROM personas p WHERE p.workshop_id = w.id),
    (SELECT count(*) FROM participants p WHERE p.workshop_id = w.id AND p.removed_at IS NULL),
    (SELECT count(*) FROM voting_rounds r WHERE r.workshop_id = w.id)";

/// The columns after [`SUMMARY_COLUMNS`].
const SUMMARY_COLUMN_COUNT: usize = 13;

fn summary_from_row(row: &Row) -> rusqlite::Result<WorkshopSummary> {
    Ok(WorkshopSummary {
        id: row.get(0)?,
        title: row.get(1)?,
        date: row.get(2)?,
        language: parse_column(row, 3, Language::parse)?,
        template: parse_column(row, 4, TemplateId::parse)?,
        created_at: row.get(5)?,
        updated_at: row.get(6)?,
        trashed_at: row.get(7)?,
        stage_count: row.get(8)?,
        note_count: row.get(9)?,
        persona_count: row.get(10)?,
        participant_count: row.get(11)?,
        round_count: row.get(12)?,
        matched: None,
    })
}

fn parse_column<T>(row: &Row, index: usize, parse: fn(&str) -> Result<T>) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            Box::new(std::io::Error::other(error.to_string())),
        )
    })
}

pub(crate) fn load_workshop(conn: &Connection, id: &str) -> Result<Workshop> {
    let found = conn
        .query_row(
            "SELECT id, title, date, goal, facilitator, language, template, created_at,
                    updated_at, trashed_at
             FROM workshops WHERE id = ?1",
            [id],
            |row| {
                Ok(Workshop {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    date: row.get(2)?,
                    goal: row.get(3)?,
                    facilitator: row.get(4)?,
                    language: parse_column(row, 5, Language::parse)?,
                    template: parse_column(row, 6, TemplateId::parse)?,
                    created_at: row.get(7)?,
                    updated_at: row.get(8)?,
                    trashed_at: row.get(9)?,
                    stages: Vec::new(),
                })
            },
        )
        .optional()?;
    let mut workshop = found.ok_or_else(|| Error::NotFound {
        kind: "workshop",
        id: id.to_owned(),
    })?;
    workshop.stages = rows_of(conn, Table::Stages, id)?;
    Ok(workshop)
}

/// Copies all content of workshop `from` into workshop `to` under new ids. References
/// between copied rows (a note's cluster, stage or author) point to the copies.
pub(crate) fn copy_content(conn: &Connection, from: &str, to: &str) -> Result<()> {
    let mut new_ids: HashMap<String, String> = HashMap::new();
    // Images are binary and outside the history, so they are copied by plain SQL.
    let images: Vec<String> = conn
        .prepare_cached("SELECT id FROM images WHERE workshop_id = ?1")?
        .query_map([from], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for image in images {
        let copy = new_id();
        conn.execute(
            "INSERT INTO images (id, workshop_id, mime, width, height, data, created_at)
             SELECT ?2, ?3, mime, width, height, data, created_at FROM images WHERE id = ?1",
            params![image, copy, to],
        )?;
        new_ids.insert(image, copy);
    }
    // Each copy remembers the row it copies (or where that one came from), so merging the
    // copy's file back into the original adds only what is new.
    let origins = recorded_origins(conn, from)?;
    for table in Table::ALL.into_iter().filter(|table| table.is_content()) {
        for mut row in workshop_rows(conn, table, from)? {
            remap(&mut row, to, &new_ids);
            let old_id = row["id"].as_str().unwrap_or_default().to_owned();
            let new_id = new_id();
            row.insert("id".to_owned(), Value::from(new_id.as_str()));
            restore(conn, table, &new_id, Some(&row))?;
            record_origin(conn, to, &new_id, origins.get(&old_id).unwrap_or(&old_id))?;
            new_ids.insert(old_id, new_id);
        }
    }
    Ok(())
}

/// Loads a workshop for changing it: it must exist and be out of the trash.
fn load_editable(tx: &Transaction, id: &str) -> Result<Workshop> {
    let workshop = load_workshop(tx, id)?;
    if workshop.trashed_at.is_some() {
        return Err(Error::InTrash(workshop.title));
    }
    Ok(workshop)
}

/// Writes a workshop with its stages.
fn insert_workshop(tx: &Transaction, workshop: &Workshop) -> Result<()> {
    tx.execute(
        "INSERT INTO workshops (id, title, date, goal, facilitator, language, template,
                                created_at, updated_at, trashed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            workshop.id,
            workshop.title,
            workshop.date,
            workshop.goal,
            workshop.facilitator,
            workshop.language.as_str(),
            workshop.template.as_str(),
            workshop.created_at,
            workshop.updated_at,
            workshop.trashed_at,
        ],
    )?;
    for stage in &workshop.stages {
        let row = serde_json::to_value(stage).expect("a stage serialises to JSON");
        let Value::Object(row) = row else {
            unreachable!("a stage is a JSON object")
        };
        restore(tx, Table::Stages, &stage.id, Some(&row))?;
    }
    Ok(())
}

/// Validates `new` and gives it an id, timestamps and its template's stages.
fn build_workshop(new: &NewWorkshop) -> Result<Workshop> {
    let now = now();
    let id = new_id();
    Ok(Workshop {
        title: checked_title(&new.title)?,
        date: validate::date("date", new.date.as_deref())?,
        goal: validate::text("goal", &new.goal, MAX_GOAL_CHARS)?,
        facilitator: validate::text("facilitator", &new.facilitator, MAX_FACILITATOR_CHARS)?,
        language: new.language,
        template: new.template,
        created_at: now.clone(),
        updated_at: now,
        trashed_at: None,
        stages: templates::stages(new.template, new.language)
            .into_iter()
            .zip(0..)
            .map(|(seed, position)| Stage {
                id: new_id(),
                workshop_id: id.clone(),
                position,
                title: seed.title.to_owned(),
                description: seed.description.to_owned(),
                pain_points: String::new(),
                opportunities: String::new(),
                channels: seed.channels.iter().map(|&c| c.to_owned()).collect(),
                moment_of_truth: false,
                designed_feelings: Vec::new(),
                explain_again: false,
            })
            .collect(),
        id,
    })
}

/// Gives a new workshop its journey settings. Every workshop has this row from the start, so
/// undoing a scale change always puts a row back rather than removing it.
/// Puts the summaries (listed most recent first) in `sort`'s order; ties keep that order.
fn sort_summaries(summaries: &mut [WorkshopSummary], sort: WorkshopSort) {
    match sort {
        WorkshopSort::Recent => {}
        WorkshopSort::Title => summaries.sort_by_cached_key(|s| title_key(&s.title)),
        WorkshopSort::Date => summaries.sort_by(|a, b| match (&a.date, &b.date) {
            (Some(a), Some(b)) => b.cmp(a),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
    }
}

/// A title as the library sorts it: case aside, and Å, Ä and Ö after Z as in the Finnish
/// and Swedish alphabets (other accented letters with their base letter).
fn title_key(title: &str) -> Vec<u32> {
    let after_z = |n: u32| u32::from('z') + n;
    title
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' => after_z(1),
            'ä' => after_z(2),
            'ö' => after_z(3),
            'á' | 'à' | 'â' | 'ã' => u32::from('a'),
            'é' | 'è' | 'ê' | 'ë' => u32::from('e'),
            'í' | 'ì' | 'î' | 'ï' => u32::from('i'),
            'ó' | 'ò' | 'ô' | 'õ' => u32::from('o'),
            'ú' | 'ù' | 'û' | 'ü' => u32::from('u'),
            c => u32::from(c),
        })
        .collect()
}

fn insert_settings(tx: &Transaction, workshop_id: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO journey_settings (id, workshop_id, emotion_scale) VALUES (?1, ?2, '-2..2')",
        params![new_id(), workshop_id],
    )?;
    Ok(())
}

/// The language a workshop is held in.
pub(crate) fn language_of(conn: &Connection, workshop_id: &str) -> Result<Language> {
    let language: String = conn
        .prepare_cached("SELECT language FROM workshops WHERE id = ?1")?
        .query_row([workshop_id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound {
            kind: "workshop",
            id: workshop_id.to_owned(),
        })?;
    Language::parse(&language)
}

/// Gives a workshop the journey lanes its template starts with.
pub(crate) fn insert_lanes(
    conn: &Connection,
    workshop_id: &str,
    template: TemplateId,
    language: Language,
) -> Result<()> {
    for (position, lane) in templates::lanes(template, language).into_iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO lanes (id, workshop_id, position, kind, title) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            new_id(),
            workshop_id,
            position as i64,
            lane.kind.as_str(),
            lane.title
        ])?;
    }
    Ok(())
}

fn set_trashed(tx: &Transaction, id: &str, trashed_at: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE workshops SET trashed_at = ?2 WHERE id = ?1",
        params![id, trashed_at],
    )?;
    Ok(())
}

impl Library {
    /// The library or the trash, in `query.sort`'s order. A search matches the title, goal or
    /// facilitator (as a substring, any case), or any word people wrote inside the workshop
    /// by its beginning (notes, groups, stages, personas; SQLite's FTS5 index).
    pub fn list_workshops(&self, query: &WorkshopQuery) -> Result<Vec<WorkshopSummary>> {
        let needle = query
            .search
            .as_deref()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty());
        self.read(|conn| {
            let mut inside = std::collections::HashMap::new();
            if let Some(fts) = needle.as_deref().and_then(fts_query) {
                let mut statement = conn.prepare_cached(
                    "SELECT workshop_id, snippet(search_text, 1, '', '', '…', 10)
                     FROM search_text WHERE search_text MATCH ?1 ORDER BY rank",
                )?;
                let rows = statement.query_map([fts], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })?;
                for row in rows {
                    let (workshop, snippet) = row?;
                    // One line of words, whatever lines the texts around the match had.
                    let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
                    inside.entry(workshop).or_insert(snippet);
                }
            }
            let mut statement = conn.prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS}, w.goal, w.facilitator FROM workshops w
                 WHERE (w.trashed_at IS NOT NULL) = ?1
                 ORDER BY w.updated_at DESC, w.id DESC"
            ))?;
            let rows = statement.query_map([query.trashed], |row| {
                let summary = summary_from_row(row)?;
                let goal: String = row.get(SUMMARY_COLUMN_COUNT)?;
                let facilitator: String = row.get(SUMMARY_COLUMN_COUNT + 1)?;
                Ok((summary, goal, facilitator))
            })?;
            let mut found = Vec::new();
            for row in rows {
                let (mut summary, goal, facilitator) = row?;
                let Some(needle) = needle.as_deref() else {
                    found.push(summary);
                    continue;
                };
                // Matched here rather than with SQL LIKE, which folds case for ASCII only
                // and would miss "Ä" against "ä" in Finnish titles.
                let outside = [summary.title.as_str(), &goal, &facilitator]
                    .iter()
                    .any(|text| text.to_lowercase().contains(needle));
                if outside {
                    found.push(summary);
                } else if let Some(snippet) = inside.remove(&summary.id) {
                    summary.matched = Some(snippet);
                    found.push(summary);
                }
            }
            sort_summaries(&mut found, query.sort);
            Ok(found)
        })
    }

    pub fn get_workshop(&self, id: &str) -> Result<Workshop> {
        self.read(|conn| load_workshop(conn, id))
    }

    pub fn create_workshop(&self, new: &NewWorkshop) -> Result<Workshop> {
        let workshop = build_workshop(new)?;
        self.write(|tx| {
            insert_workshop(tx, &workshop)?;
            insert_settings(tx, &workshop.id)?;
            insert_lanes(tx, &workshop.id, workshop.template, workshop.language)?;
            load_workshop(tx, &workshop.id)
        })
    }

    pub fn update_workshop(&self, changes: &WorkshopChanges) -> Result<Workshop> {
        let title = changes.title.as_deref().map(checked_title).transpose()?;
        let date = match &changes.date {
            Some(date) => Some(validate::date("date", date.as_deref())?),
            None => None,
        };
        let goal = changes
            .goal
            .as_deref()
            .map(|goal| validate::text("goal", goal, MAX_GOAL_CHARS))
            .transpose()?;
        let facilitator = changes
            .facilitator
            .as_deref()
            .map(|f| validate::text("facilitator", f, MAX_FACILITATOR_CHARS))
            .transpose()?;
        self.write(|tx| {
            let current = load_editable(tx, &changes.id)?;
            let title = title.unwrap_or_else(|| current.title.clone());
            let date = date.unwrap_or_else(|| current.date.clone());
            let goal = goal.unwrap_or_else(|| current.goal.clone());
            let facilitator = facilitator.unwrap_or_else(|| current.facilitator.clone());
            let language = changes.language.unwrap_or(current.language);
            // Saving what is already there changes nothing, not even the time it was edited.
            if (&title, &date, &goal, &facilitator, language)
                == (
                    &current.title,
                    &current.date,
                    &current.goal,
                    &current.facilitator,
                    current.language,
                )
            {
                return Ok(current);
            }
            tx.execute(
                "UPDATE workshops SET title = ?2, date = ?3, goal = ?4, facilitator = ?5,
                        language = ?6, updated_at = ?7
                 WHERE id = ?1",
                params![
                    changes.id,
                    title,
                    date,
                    goal,
                    facilitator,
                    language.as_str(),
                    now(),
                ],
            )?;
            load_workshop(tx, &changes.id)
        })
    }

    /// Copies a workshop with everything in it under new ids; its undo history stays behind.
    pub fn duplicate_workshop(&self, id: &str, title: Option<&str>) -> Result<Workshop> {
        let title = title.map(checked_title).transpose()?;
        self.write(|tx| {
            let original = load_workshop(tx, id)?;
            let now = now();
            let suffix = match original.language {
                Language::En => " (copy)",
                Language::Fi => " (kopio)",
            };
            let default_title: String = format!("{}{suffix}", original.title)
                .chars()
                .take(MAX_TITLE_CHARS)
                .collect();
            let copy = Workshop {
                id: new_id(),
                title: title.unwrap_or(default_title),
                created_at: now.clone(),
                updated_at: now,
                trashed_at: None,
                stages: Vec::new(),
                ..original
            };
            insert_workshop(tx, &copy)?;
            copy_content(tx, id, &copy.id)?;
            load_workshop(tx, &copy.id)
        })
    }

    pub fn trash_workshop(&self, id: &str) -> Result<Workshop> {
        self.write(|tx| {
            load_editable(tx, id)?;
            set_trashed(tx, id, Some(&now()))?;
            load_workshop(tx, id)
        })
    }

    pub fn restore_workshop(&self, id: &str) -> Result<Workshop> {
        self.write(|tx| {
            let workshop = load_workshop(tx, id)?;
            if workshop.trashed_at.is_none() {
                return Err(Error::NotInTrash(workshop.title));
            }
            set_trashed(tx, id, None)?;
            load_workshop(tx, id)
        })
    }

    /// Deletes a trashed workshop for good; its stages go with it by cascade.
    pub fn delete_workshop(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let workshop = load_workshop(tx, id)?;
            if workshop.trashed_at.is_none() {
                return Err(Error::NotInTrash(workshop.title));
            }
            tx.execute("DELETE FROM workshops WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
