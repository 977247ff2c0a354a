//! The facilitator's look on every report: an accent colour and a logo, set once for the
//! library (not per workshop: a consultancy brands all its reports the same way).
//!
//! Kept in `app_settings` beside the library's other settings. The logo goes through the
//! same checks as a persona photo (decoded with limits, scaled, re-encoded), so a report
//! never embeds a file that only claims to be an image.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::Library;

const ACCENT_KEY: &str = "report_accent";
const LOGO_KEY: &str = "report_logo";

/// How reports look; `None` means the app's own accent ([`crate::palette::ACCENT`]) and no
/// logo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportStyle {
    /// "#rrggbb".
    pub accent: Option<String>,
    /// The logo as a data URL (PNG or JPEG); set as base64 or a data URL of PNG, JPEG or WebP.
    pub logo: Option<String>,
}

impl ReportStyle {
    /// The accent as red, green and blue: the library's, or the app's own.
    pub fn accent_rgb(&self) -> [u8; 3] {
        self.accent
            .as_deref()
            .and_then(parse_hex)
            .or_else(|| parse_hex(crate::palette::ACCENT))
            .unwrap_or_default()
    }
}

fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

impl Library {
    /// The library's report style.
    pub fn get_report_style(&self) -> Result<ReportStyle> {
        self.read(|conn| {
            let mut statement =
                conn.prepare_cached("SELECT value FROM app_settings WHERE key = ?1")?;
            let mut value = |key: &str| -> Result<Option<String>> {
                Ok(statement
                    .query_row(params![key], |row| row.get(0))
                    .optional()?)
            };
            Ok(ReportStyle {
                accent: value(ACCENT_KEY)?,
                logo: value(LOGO_KEY)?,
            })
        })
    }

    /// Replaces the library's report style; returns it as stored (the logo prepared).
    pub fn set_report_style(&self, style: &ReportStyle) -> Result<ReportStyle> {
        let accent = match style.accent.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => {
                let rgb = parse_hex(text).ok_or_else(|| {
                    Error::invalid(format!(
                        "accent: {text:?} is not a colour written as #rrggbb"
                    ))
                })?;
                Some(format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]))
            }
        };
        let logo = match style.logo.as_deref() {
            None | Some("") => None,
            Some(text) => Some(
                crate::images::prepare_base64(text)
                    .map_err(|error| Error::invalid(format!("logo: {error}")))?
                    .data_url(),
            ),
        };
        self.write(|tx| {
            for (key, value) in [(ACCENT_KEY, &accent), (LOGO_KEY, &logo)] {
                match value {
                    Some(value) => tx.execute(
                        "INSERT INTO app_settings (key, value) VALUES (?1, ?2)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        params![key, value],
                    )?,
                    None => tx.execute("DELETE FROM app_settings WHERE key = ?1", params![key])?,
                };
            }
            Ok(())
        })?;
        Ok(ReportStyle { accent, logo })
    }
}

#[cfg(test)]
mod tests {
    use super::parse_hex;

    #[test]
    fn the_app_accent_is_a_colour() {
        assert!(parse_hex(crate::palette::ACCENT).is_some());
    }

    #[test]
    fn colours_are_read_as_hash_and_six_hex_digits() {
        assert_eq!(parse_hex("#0f6b5c"), Some([15, 107, 92]));
        assert_eq!(parse_hex("#FFFFFF"), Some([255, 255, 255]));
        for bad in ["0f6b5c", "#fff", "#0f6b5", "#0f6b5cc", "#gg0000", "red", ""] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }
}
