//! The colours and marks every front end shows, said once: the app's screens, the phones,
//! the presenter and the reports. The UI's copies are generated from these (see
//! `api::typescript`), so a persona is the same colour and shape on screen and on paper.

/// The note colours, colour-blind safe and named, as the API spells them.
pub const NOTE_COLOURS: [&str; 8] = [
    "yellow", "orange", "sky", "green", "blue", "red", "pink", "grey",
];

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
