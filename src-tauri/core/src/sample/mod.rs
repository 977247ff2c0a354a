//! The sample workshop a library gets on its first start: a small hotel-stay workshop,
//! finished, so a facilitator opening Fiilis for the first time sees every area (and the
//! report) filled in rather than empty.
//!
//! The sample is a workshop file (docs/workshop-format.md), one per language, compiled in. It
//! is read by the same import that reads any file and held to the same checks, so it cannot
//! drift from what the app accepts, and it can be reworked in the app itself: import it,
//! edit, export. Only its date is set when it is seeded: a sample is always from today.

use chrono::{SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Transaction};

use crate::error::Result;
use crate::exchange::{check, import_into, parse};
use crate::model::{Language, Workshop};
use crate::store::Library;

const ENGLISH: &str = include_str!("hotel.en.fiilis.json");
const FINNISH: &str = include_str!("hotel.fi.fiilis.json");

/// The sample's workshop file in `language`.
pub fn file_text(language: Language) -> &'static str {
    match language {
        Language::En => ENGLISH,
        Language::Fi => FINNISH,
    }
}

/// Writes the sample in `language` as a new workshop dated today, on the caller's
/// transaction.
fn seed(tx: &Transaction, language: Language) -> Result<Workshop> {
    let mut file = parse(file_text(language))?;
    let now = Utc::now();
    file.workshop.date = Some(now.date_naive().format("%Y-%m-%d").to_string());
    file.workshop.created_at = now.to_rfc3339_opts(SecondsFormat::Millis, true);
    let images = check(&mut file)?;
    import_into(tx, &file, &images)
}

impl Library {
    /// On the library's first start, adds the sample workshop so the
    /// app never opens empty. Returns it when it was added. A library that was ever seeded
    /// (or already held workshops) is left alone, even if the sample was deleted since.
    pub fn seed_sample_on_first_start(&self, language: Language) -> Result<Option<Workshop>> {
        self.write(|tx| {
            let seeded: Option<String> = tx
                .query_row(
                    "SELECT value FROM app_settings WHERE key = 'sample_seeded'",
                    [],
                    |row| row.get(0),
                )
                .optional()?;
            if seeded.is_some() {
                return Ok(None);
            }
            let workshop = seed(tx, language)?;
            tx.execute(
                "INSERT INTO app_settings (key, value) VALUES ('sample_seeded', '1')",
                [],
            )?;
            Ok(Some(workshop))
        })
    }
}
