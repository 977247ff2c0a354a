//! A workshop's picture on its library card: its board in miniature (each note a tinted
//! rectangle where it lies), or, before there are notes, its journey's stages as a strip.
//! Drawn as a small SVG by core so it needs nothing but the data and looks the same in
//! the desktop window and the browser.

use std::fmt::Write;

use rusqlite::params;

use crate::error::Result;
use crate::palette::{note_swatch, ACCENT};
use crate::sections::{NOTE_HEIGHT, NOTE_WIDTH};
use crate::store::Library;

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 180.0;
const PAD: f64 = 10.0;
/// More notes than this are drawn one in every few: the picture stays small.
const MAX_NOTES: usize = 600;

impl Library {
    /// The workshop's thumbnail as SVG.
    pub fn workshop_thumbnail(&self, workshop_id: &str) -> Result<String> {
        self.read(|conn| {
            crate::workshops::load_workshop(conn, workshop_id)?;
            let notes: Vec<(f64, f64, String)> = conn
                .prepare_cached(
                    "SELECT x, y, colour FROM notes WHERE workshop_id = ?1 ORDER BY created_at, id",
                )?
                .query_map(params![workshop_id], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            if !notes.is_empty() {
                return Ok(board(&notes));
            }
            let stages: i64 = conn.query_row(
                "SELECT count(*) FROM stages WHERE workshop_id = ?1",
                params![workshop_id],
                |row| row.get(0),
            )?;
            Ok(journey(stages.max(0) as usize))
        })
    }
}

fn open() -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-hidden="true"><rect width="{WIDTH}" height="{HEIGHT}" fill="#f4f5f6"/>"##
    )
}

/// The notes scaled to fit, keeping the board's proportions.
fn board(notes: &[(f64, f64, String)]) -> String {
    let step = notes.len().div_ceil(MAX_NOTES).max(1);
    let shown: Vec<_> = notes.iter().step_by(step).collect();
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y, _) in &shown {
        x0 = x0.min(*x);
        y0 = y0.min(*y);
        x1 = x1.max(x + NOTE_WIDTH);
        y1 = y1.max(y + NOTE_HEIGHT);
    }
    let scale = ((WIDTH - 2.0 * PAD) / (x1 - x0)).min((HEIGHT - 2.0 * PAD) / (y1 - y0));
    // Centred in the picture.
    let left = (WIDTH - (x1 - x0) * scale) / 2.0;
    let top = (HEIGHT - (y1 - y0) * scale) / 2.0;
    let mut svg = open();
    for (x, y, colour) in shown {
        let swatch = note_swatch(colour);
        let _ = write!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" fill="{}" stroke="{}" stroke-width="0.6"/>"#,
            left + (x - x0) * scale,
            top + (y - y0) * scale,
            (NOTE_WIDTH * scale).max(1.0),
            (NOTE_HEIGHT * scale).max(1.0),
            (4.0 * scale).min(3.0),
            swatch.fill,
            swatch.edge
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The journey's stages as columns under a band, in the app's accent.
fn journey(stages: usize) -> String {
    let mut svg = open();
    if stages > 0 {
        let gap = 6.0;
        let width = (WIDTH - 2.0 * PAD - gap * (stages as f64 - 1.0)) / stages as f64;
        for index in 0..stages {
            let x = PAD + index as f64 * (width + gap);
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{PAD}" width="{width:.1}" height="22" rx="3" fill="{ACCENT}"/><rect x="{x:.1}" y="{:.1}" width="{width:.1}" height="{:.1}" rx="3" fill="#ffffff" stroke="#d5d8dc"/>"##,
                PAD + 30.0,
                HEIGHT - 2.0 * PAD - 30.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_fit_the_picture_whatever_their_spread() {
        let notes = vec![
            (0.0, 0.0, "yellow".to_owned()),
            (10_000.0, 5_000.0, "sky".to_owned()),
            (-300.0, 40.0, "no such colour".to_owned()),
        ];
        let svg = board(&notes);
        for rect in svg.split("<rect").skip(2) {
            let number = |name: &str| -> f64 {
                let at = rect.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                rect[at..at + rect[at..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            };
            assert!(number("x") >= 0.0 && number("x") + number("width") <= WIDTH + 0.1);
            assert!(number("y") >= 0.0 && number("y") + number("height") <= HEIGHT + 0.1);
        }
        assert!(svg.contains("#c9ecfb"), "a sky note in its tint");
        assert_eq!(
            svg.matches("<rect").count(),
            4,
            "the background and three notes"
        );
    }

    #[test]
    fn many_notes_are_thinned_and_no_notes_show_the_stages() {
        let notes: Vec<_> = (0..5_000)
            .map(|i| (i as f64 * 10.0, 0.0, "yellow".to_owned()))
            .collect();
        assert!(board(&notes).matches("<rect").count() <= MAX_NOTES + 1);
        assert_eq!(journey(8).matches("<rect").count(), 1 + 16);
        assert_eq!(journey(0).matches("<rect").count(), 1);
    }
}
