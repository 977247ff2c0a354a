//! The colours and marks every front end shows, said once: the app's screens, the phones,
//! the presenter and the reports. The UI's copies are generated from these (see
//! `api::typescript`), so a persona is the same colour and shape on screen and on paper.

/// The note colours, colour-blind safe and named, as the API spells them.
pub const NOTE_COLOURS: [&str; 8] = [
    "yellow", "orange", "sky", "green", "blue", "red", "pink", "grey",
];

/// The app's accent (its green): buttons and links on screen, the reports' headings, cover
/// band and table headers unless the library sets its own (see `branding`).
pub const ACCENT: &str = "#0f6b5c";

/// How a note of one colour looks and is called: its paper, its edge and its name in each
/// language (the CSV and the reports name colours as people see them, never by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteSwatch {
    pub colour: &'static str,
    pub fill: &'static str,
    pub edge: &'static str,
    pub en: &'static str,
    pub fi: &'static str,
}

/// Note text is always this dark ink on every fill (WCAG AA, tested in the UI).
pub const NOTE_INK: &str = "#1c1e21";

/// The swatch of each of [`NOTE_COLOURS`], in the same order.
pub const NOTE_SWATCHES: [NoteSwatch; 8] = [
    swatch("yellow", "#fff2a8", "#c9a800", "Yellow", "Keltainen"),
    swatch("orange", "#ffd9b0", "#d27a1c", "Orange", "Oranssi"),
    swatch("sky", "#c9ecfb", "#3a9cc6", "Sky", "Taivaansininen"),
    swatch("green", "#cdeccd", "#4c9a4c", "Green", "Vihreä"),
    swatch("blue", "#cfdbff", "#4d6fd1", "Blue", "Sininen"),
    swatch("red", "#ffc9c4", "#d2473c", "Red", "Punainen"),
    swatch("pink", "#f8d0ea", "#c2579f", "Pink", "Vaaleanpunainen"),
    swatch("grey", "#e3e4e6", "#8a9098", "Grey", "Harmaa"),
];

const fn swatch(
    colour: &'static str,
    fill: &'static str,
    edge: &'static str,
    en: &'static str,
    fi: &'static str,
) -> NoteSwatch {
    NoteSwatch {
        colour,
        fill,
        edge,
        en,
        fi,
    }
}

/// The swatch of a note colour; an unknown name (a newer file) looks like the first colour.
pub fn note_swatch(colour: &str) -> &'static NoteSwatch {
    NOTE_SWATCHES
        .iter()
        .find(|swatch| swatch.colour == colour)
        .unwrap_or(&NOTE_SWATCHES[0])
}

/// Avatar colours, assigned in turn to new personas.
pub const AVATAR_COLOURS: [&str; 8] = [
    "teal", "indigo", "amber", "rose", "green", "violet", "slate", "orange",
];

/// The line colour of each persona's emotion curve on a light background (the reports, the
/// light theme), in persona order: after Okabe & Ito, distinguishable with the common
/// colour-vision deficiencies, each at least 3:1 against white.
pub const SERIES_COLOURS: [&str; 8] = [
    "#0072b2", "#c25400", "#007a5a", "#b8478f", "#7a5c00", "#4d4d9e", "#a0302a", "#3d5a6c",
];

/// The same colours for the dark theme, each at least 3:1 against its chart background.
pub const SERIES_COLOURS_DARK: [&str; 8] = [
    "#56b4e9", "#f0a050", "#3ccf9f", "#e89ac7", "#e8c84a", "#a8a8f0", "#ff8a80", "#b0c8d8",
];

/// The marker shape of each persona's points, in persona order: colour is never the only cue.
pub const SERIES_MARKERS: [&str; 8] = [
    "circle",
    "square",
    "triangle",
    "diamond",
    "triangle-down",
    "plus",
    "star",
    "hexagon",
];

/// The colour and marker of the persona at `index` (in persona order), on a light background.
pub fn series_style(index: usize) -> (&'static str, &'static str) {
    (
        SERIES_COLOURS[index % SERIES_COLOURS.len()],
        SERIES_MARKERS[index % SERIES_MARKERS.len()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_colour_has_its_swatch_in_order() {
        let named: Vec<&str> = NOTE_SWATCHES.iter().map(|s| s.colour).collect();
        assert_eq!(named, NOTE_COLOURS);
        assert_eq!(note_swatch("no such colour").colour, NOTE_COLOURS[0]);
    }
}
