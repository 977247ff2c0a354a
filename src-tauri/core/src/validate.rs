//! Checks shared by every operation that takes text or ids from a caller.
//!
//! Messages name the field (as the caller spelled it, e.g. `notes[3].text`) and the limit,
//! so a UI can show them as they are and a developer can find the culprit.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};

/// Cleans `value` of control characters (see [`crate::text::clean`]), trims it and checks it
/// is at most `max_chars` characters (not bytes).
pub(crate) fn text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = crate::text::clean(value);
    let value = value.trim();
    let count = value.chars().count();
    if count > max_chars {
        return Err(Error::invalid(format!(
            "{field} is {count} characters long; the limit is {max_chars}"
        )));
    }
    Ok(value.to_owned())
}

/// Like [`text`], and the result must not be empty.
pub(crate) fn required_text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = text(field, value, max_chars)?;
    if value.is_empty() {
        return Err(Error::invalid(format!("{field} must not be empty")));
    }
    Ok(value)
}

/// An ISO calendar date (`2026-11-23`), or none for an absent or blank one.
pub(crate) fn date(field: &str, date: Option<&str>) -> Result<Option<String>> {
    match date.map(str::trim) {
        None | Some("") => Ok(None),
        Some(date) => NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map(|parsed| Some(parsed.format("%Y-%m-%d").to_string()))
            .map_err(|_| {
                Error::invalid(format!(
                    "{field} must be a calendar date like 2026-11-23, not \u{201c}{date}\u{201d}"
                ))
            }),
    }
}

/// A board coordinate: finite and within a generous but bounded plane.
pub(crate) fn coordinate(field: &str, value: f64) -> Result<f64> {
    const LIMIT: f64 = 1_000_000.0;
    if !value.is_finite() || value.abs() > LIMIT {
        return Err(Error::invalid(format!(
            "{field} must be a number between -{LIMIT} and {LIMIT}"
        )));
    }
    Ok(value)
}

/// Checks a list's length is within `min..=max`.
pub(crate) fn count(field: &str, len: usize, min: usize, max: usize) -> Result<()> {
    if len < min || len > max {
        return Err(Error::invalid(format!(
            "{field} must hold {min} to {max} items, not {len}"
        )));
    }
    Ok(())
}

/// Which tables [`belongs_to_workshop`] may look in: a fixed list, never caller text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owned {
    Note,
    Cluster,
    Stage,
    Participant,
    Persona,
    Feeling,
    Lane,
    Question,
    Figure,
}

impl Owned {
    fn table_and_kind(self) -> (&'static str, &'static str) {
        match self {
            Owned::Note => ("notes", "note"),
            Owned::Cluster => ("clusters", "cluster"),
            Owned::Stage => ("stages", "stage"),
            Owned::Participant => ("participants", "participant"),
            Owned::Persona => ("personas", "persona"),
            Owned::Feeling => ("feelings", "feeling"),
            Owned::Lane => ("lanes", "lane"),
            Owned::Question => ("questions", "question"),
            Owned::Figure => ("stage_figures", "figure"),
        }
    }
}

/// Checks that the row `id` of `kind` exists and belongs to `workshop_id`; a row of another
/// workshop is reported as not found, exactly like a missing one.
pub(crate) fn belongs_to_workshop(
    conn: &Connection,
    kind: Owned,
    id: &str,
    workshop_id: &str,
) -> Result<()> {
    let (table, name) = kind.table_and_kind();
    let owner: Option<String> = conn
        .prepare_cached(&format!("SELECT workshop_id FROM {table} WHERE id = ?1"))?
        .query_row([id], |row| row.get(0))
        .optional()?;
    match owner {
        Some(owner) if owner == workshop_id => Ok(()),
        _ => Err(Error::NotFound {
            kind: name,
            id: id.to_owned(),
        }),
    }
}

/// A list of short texts (channels, tags, bullet items): each trimmed and non-empty,
/// duplicates dropped, at most `max_items` of at most `max_chars` characters.
pub(crate) fn list(
    field: &str,
    items: &[String],
    max_items: usize,
    max_chars: usize,
) -> Result<Vec<String>> {
    let mut checked: Vec<String> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let item = required_text(&format!("{field}[{index}]"), item, max_chars)?;
        if !checked.contains(&item) {
            checked.push(item);
        }
    }
    count(field, checked.len(), 0, max_items)?;
    Ok(checked)
}
