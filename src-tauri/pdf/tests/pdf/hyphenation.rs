//! Words too wide for their column break at hyphenation points, with a visible hyphen,
//! in the document's language.

use fiilis_pdf::{render, Block, Column};

use crate::common::{document, raw_text};

/// The syllables of the test words, as a Finnish reader would split them.
const FINNISH: [&str; 2] = [
    "a-si-a-kas-ko-ke-mus-joh-ta-mi-nen",
    "si-sään-kir-jau-tu-mi-nen",
];

fn narrow_table(words: &[&str]) -> Vec<Block> {
    let column = |header: &str, weight: f32| Column {
        header: header.into(),
        weight,
        align_right: false,
    };
    vec![Block::Table {
        columns: vec![column("Vaihe", 1.0), column("Kuvaus", 9.0)],
        rows: words
            .iter()
            .map(|word| vec![(*word).to_owned(), "Teksti".to_owned()])
            .collect(),
        landscape: false,
    }]
}

/// The lines that hold only letters of the words (the first column's lines).
fn pieces(text: &str, words: &[&str]) -> Vec<String> {
    let letters: String = words.concat();
    text.lines()
        .map(str::trim)
        .filter(|line| {
            let bare = line.trim_end_matches('-');
            !bare.is_empty() && bare.chars().all(|c| letters.contains(c))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn finnish_compounds_in_a_narrow_column_break_at_syllables_with_a_hyphen() {
    let words: Vec<String> = FINNISH.iter().map(|word| word.replace('-', "")).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let pdf = render(&document(narrow_table(&words))).unwrap();
    let text = raw_text(&pdf);
    let pieces = pieces(&text, &words);
    assert!(
        pieces.len() >= 4,
        "the words were broken: {pieces:?}\n{text}"
    );
    assert!(
        pieces.iter().any(|piece| piece.ends_with('-')),
        "hyphens are visible: {pieces:?}"
    );
    // Every break is at a syllable boundary: each line is a run of whole syllables.
    let syllables: Vec<&str> = FINNISH.iter().flat_map(|word| word.split('-')).collect();
    for piece in &pieces {
        let bare = piece.trim_end_matches('-');
        assert!(
            whole_syllables(&bare.to_lowercase(), &syllables),
            "{piece:?} is not made of whole syllables: {pieces:?}"
        );
    }
    // And the words read back whole once the hyphens are taken out.
    let joined: String = pieces
        .iter()
        .map(|piece| piece.trim_end_matches('-'))
        .collect();
    assert_eq!(joined, words.concat());
    // A viewer's text extraction joins them back too, so a search finds the word.
    let flat = crate::common::text(&pdf);
    assert!(flat.contains(words[0]) && flat.contains(words[1]), "{flat}");
}

/// Whether `text` is a sequence of the given syllables.
fn whole_syllables(text: &str, syllables: &[&str]) -> bool {
    text.is_empty()
        || syllables.iter().any(|syllable| {
            text.strip_prefix(syllable)
                .is_some_and(|rest| whole_syllables(rest, syllables))
        })
}

#[test]
fn english_text_uses_english_patterns() {
    let mut english = document(narrow_table(&["accessibility", "accountability"]));
    english.language = "en-GB".into();
    let text = raw_text(&render(&english).unwrap());
    let pieces = pieces(&text, &["accessibility", "accountability"]);
    assert!(
        pieces.iter().any(|piece| piece.ends_with('-')),
        "{pieces:?}"
    );
    let syllables = [
        "ac", "ces", "si", "bil", "ity", "count", "abil", "a", "bil", "i", "ty",
    ];
    for piece in &pieces {
        assert!(
            whole_syllables(piece.trim_end_matches('-'), &syllables),
            "{piece:?} in {pieces:?}"
        );
    }
}

#[test]
fn a_language_without_patterns_cuts_without_hyphens() {
    let mut swedish = document(narrow_table(&["kundupplevelseledning"]));
    swedish.language = "sv".into();
    let text = raw_text(&render(&swedish).unwrap());
    let pieces = pieces(&text, &["kundupplevelseledning"]);
    assert!(pieces.len() >= 2, "{pieces:?}");
    assert!(
        pieces.iter().all(|piece| !piece.ends_with('-')),
        "{pieces:?}"
    );
}
