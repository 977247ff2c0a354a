//! The colours of a report: fixed text greys, and the accent with the colours derived
//! from it (the cover band, level-1 headings, table headers).
//!
//! The accent is the caller's to choose, so nothing assumes it is dark: text on the band
//! is white or near-black by contrast, and headings take the accent only when it is
//! readable on white paper.

pub(crate) type Rgb = (u8, u8, u8);

pub(crate) const TEXT: Rgb = (33, 37, 41);
pub(crate) const MUTED: Rgb = (92, 99, 110);
pub(crate) const RULE: Rgb = (206, 211, 218);
pub(crate) const CARD_FILL: Rgb = (247, 248, 250);
const WHITE: Rgb = (255, 255, 255);

/// The app's accent green (`--color-accent` in ui/src/theme.css), used when the document
/// names none.
pub(crate) const DEFAULT_ACCENT: Rgb = (0x0f, 0x6b, 0x5c);

/// WCAG's contrast ratio for body text.
const READABLE: f32 = 4.5;

pub(crate) struct Theme {
    pub accent: Rgb,
    /// Text on the accent.
    pub on_accent: Rgb,
    /// Secondary text on the accent (the cover's subtitle).
    pub on_accent_muted: Rgb,
    /// Level-1 headings.
    pub heading: Rgb,
    /// The background of table header rows.
    pub header_fill: Rgb,
}

impl Theme {
    pub fn new(accent: Option<[u8; 3]>) -> Self {
        let accent = accent.map_or(DEFAULT_ACCENT, |[r, g, b]| (r, g, b));
        let on_accent = if contrast(accent, WHITE) >= contrast(accent, TEXT) {
            WHITE
        } else {
            TEXT
        };
        Theme {
            accent,
            on_accent,
            on_accent_muted: mix(on_accent, accent, 0.82),
            heading: if contrast(accent, WHITE) >= READABLE {
                accent
            } else {
                TEXT
            },
            header_fill: mix(accent, WHITE, 0.14),
        }
    }
}

/// `share` of `a` mixed into `b`.
fn mix(a: Rgb, b: Rgb, share: f32) -> Rgb {
    let channel =
        |a: u8, b: u8| (f32::from(a) * share + f32::from(b) * (1.0 - share)).round() as u8;
    (channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}

/// WCAG 2 relative luminance.
fn luminance(color: Rgb) -> f32 {
    let linear = |channel: u8| {
        let c = f32::from(channel) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(color.0) + 0.7152 * linear(color.1) + 0.0722 * linear(color.2)
}

fn contrast(a: Rgb, b: Rgb) -> f32 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_green_carries_white_text_and_colours_headings() {
        let theme = Theme::new(None);
        assert_eq!(theme.accent, DEFAULT_ACCENT);
        assert_eq!(theme.on_accent, WHITE);
        assert_eq!(theme.heading, DEFAULT_ACCENT);
        assert!(contrast(theme.header_fill, TEXT) >= READABLE);
    }

    #[test]
    fn a_light_accent_gets_dark_text_and_leaves_headings_dark() {
        let theme = Theme::new(Some([255, 221, 0]));
        assert_eq!(theme.on_accent, TEXT);
        assert_eq!(theme.heading, TEXT);
    }
}
