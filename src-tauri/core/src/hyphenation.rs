//! Where long words may break, for the screens: soft hyphens (U+00AD) at the syllable
//! boundaries of the TeX patterns (the `hypher` crate, English and Finnish embedded).
//!
//! Finnish compounds ("sisäänkirjautuminen") are longer than a narrow journey column, and
//! neither webview ships Finnish hyphenation dictionaries, so CSS `hyphens: auto` breaks
//! them nowhere or between any two letters. A soft hyphen is invisible until the line breaks
//! there, when it shows as "-". The PDF typesetter hyphenates from the same patterns.

use crate::model::Language;

/// The invisible break point that shows as a hyphen when a line breaks there.
pub const SOFT_HYPHEN: char = '\u{ad}';

/// Shorter words never break: the gain is small and the halves look odd.
const MIN_WORD_CHARS: usize = 7;

/// `text` with soft hyphens between the syllables of its long words; everything else as it was.
pub fn soft_hyphens(text: &str, language: Language) -> String {
    let lang = match language {
        Language::En => hypher::Lang::English,
        Language::Fi => hypher::Lang::Finnish,
    };
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().count() >= MIN_WORD_CHARS {
            // At least two letters before a break and three after, as Finnish typesetting does.
            let syllables: Vec<&str> = hypher::hyphenate_bounded(word, lang, 2, 3).collect();
            out.push_str(&syllables.join(&SOFT_HYPHEN.to_string()));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for character in text.chars() {
        if character.is_alphabetic() {
            word.push(character);
        } else {
            flush(&mut word, &mut out);
            out.push(character);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        text.replace(SOFT_HYPHEN, "-")
    }

    #[test]
    fn long_finnish_words_break_between_syllables() {
        assert_eq!(
            shown(&soft_hyphens(
                "Saapuminen / sisäänkirjautuminen",
                Language::Fi
            )),
            "Saa-pu-mi-nen / si-sään-kir-jau-tu-mi-nen"
        );
        assert_eq!(
            shown(&soft_hyphens("Varaaminen", Language::Fi)),
            "Va-raa-mi-nen"
        );
    }

    #[test]
    fn short_words_punctuation_and_other_text_stay_as_they_were() {
        for text in ["Selailu", "Check-out", "1234567890", "", "  ", "a/b"] {
            assert_eq!(
                soft_hyphens(text, Language::En).replace(SOFT_HYPHEN, ""),
                text
            );
        }
        assert_eq!(soft_hyphens("Lobby", Language::En), "Lobby");
    }
}
