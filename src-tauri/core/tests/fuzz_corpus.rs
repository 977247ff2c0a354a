//! Replays every file of the fuzz corpus (src-tauri/core/fuzz/corpus/import_workshop_file)
//! through the function the fuzz target calls, as an ordinary test on stable Rust. No file
//! may panic the importer; the seeds named here must be read in, or refused with a message
//! that names the place; any other file (one the fuzzer added) must be read in whole or
//! refused with `invalid_input` and nothing written.

mod support;

use std::path::PathBuf;

use support::import_file::import_bytes;
use support::{counts, library};

/// Seed → what reading it says: `None` for a file that must be read in, or a piece of the
/// message that says what is wrong and where.
const SEEDS: &[(&str, Option<&str>)] = &[
    ("valid-minimal.fiilis.json", None),
    ("valid-rich.fiilis.json", None),
    ("valid-unicode.fiilis.json", None),
    ("valid-bom.fiilis.json", None),
    (
        "truncated.fiilis.json",
        Some("the file is not JSON: EOF while parsing a value at line 127 column 7"),
    ),
    ("wrong-version.fiilis.json", Some("format version 4")),
    (
        "huge-version.fiilis.json",
        Some("no valid \u{201c}version\u{201d}"),
    ),
    (
        "huge-coordinate.fiilis.json",
        Some("notes[1].x must be a number between"),
    ),
    (
        "deep-nesting.fiilis.json",
        Some("at stages[0][0]: invalid type: sequence, expected a string"),
    ),
    (
        "invalid-utf8.fiilis.json",
        Some("not UTF-8 text (byte 149)"),
    ),
    (
        "lone-surrogate.fiilis.json",
        Some("the file is not JSON (at workshop.title): unexpected end of hex escape at line 1 column 156"),
    ),
    (
        "missing-field.fiilis.json",
        Some("at notes[0]: missing field `text`"),
    ),
    (
        "wrong-type.fiilis.json",
        Some("at ratings[0].score: invalid type"),
    ),
    (
        "repeated-emotion-point.fiilis.json",
        Some("emotions[1] is a second point for the same persona, stage and variant"),
    ),
    (
        "no-votes-per-participant.fiilis.json",
        Some("voting_rounds[0].votes_per_participant must be from 1 to 99, not 0"),
    ),
    (
        "repeated-round-done.fiilis.json",
        Some("round_done[1] repeats the round and participant"),
    ),
    (
        "not-json.txt",
        Some("the file is not JSON: expected value at line 1 column 1"),
    ),
    (
        "empty.fiilis.json",
        Some("EOF while parsing a value at line 1 column 0"),
    ),
    ("null.fiilis.json", Some("not a Fiilis workshop file")),
];

fn corpus() -> Vec<PathBuf> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/corpus/import_workshop_file"
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_is_read_in_or_refused_with_the_place() {
    let files = corpus();
    let names: Vec<String> = files
        .iter()
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for (seed, _) in SEEDS {
        assert!(names.iter().any(|name| name == seed), "{seed} is missing");
    }

    let (dir, library) = library();
    let mut problems = Vec::new();
    for (path, name) in files.iter().zip(&names) {
        let bytes = std::fs::read(path).unwrap();
        let expected = SEEDS
            .iter()
            .find(|(seed, _)| seed == name)
            .map(|(_, expected)| *expected);
        let before = counts(&library);
        match (import_bytes(&library, dir.path(), &bytes), expected) {
            (Ok(workshop), Some(None) | None) => {
                assert_eq!(counts(&library)[0], before[0] + 1, "{name}");
                library.export_workshop(&workshop.id).unwrap();
            }
            (Ok(_), Some(Some(message))) => problems.push(format!(
                "{name} was read in; expected \u{201c}{message}\u{201d}"
            )),
            (Err(error), Some(None)) => problems.push(format!("{name} was refused: {error}")),
            (Err(error), expected) => {
                if error.code() != "invalid_input" {
                    problems.push(format!("{name}: {} {error}", error.code()));
                }
                if let Some(Some(message)) = expected {
                    if !error.to_string().contains(message) {
                        problems.push(format!(
                            "{name}: expected \u{201c}{message}\u{201d}, got: {error}"
                        ));
                    }
                }
                assert_eq!(counts(&library), before, "{name} was refused, yet written");
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rich_seed_arrives_whole() {
    let (dir, library) = library();
    let path = corpus()
        .into_iter()
        .find(|path| path.ends_with("valid-rich.fiilis.json"))
        .unwrap();
    let workshop = import_bytes(&library, dir.path(), &std::fs::read(path).unwrap()).unwrap();
    let file = library.export_workshop(&workshop.id).unwrap();
    let sizes = [
        file.stages.len(),
        file.participants.len(),
        file.personas.len(),
        file.clusters.len(),
        file.notes.len(),
        file.emotions.len(),
        file.ratings.len(),
        file.images.len(),
        file.voting_rounds.len(),
        file.votes.len(),
        file.round_done.len(),
    ];
    assert_eq!(sizes, [2, 2, 1, 1, 3, 1, 2, 1, 1, 2, 1]);
    assert_eq!(file.workshop.title, "Kylpylä & <co>");
    // The origin the seed carried stays; every other row's origin is its id in the seed.
    let first_note = &file.notes[0].id;
    assert_eq!(
        file.origins[first_note],
        "0190f000-0000-7000-8000-000000000001"
    );
    assert_eq!(file.origins[&file.notes[1].id], "n-2");
}
