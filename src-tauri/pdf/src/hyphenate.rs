//! Where a word too wide for its line may break, and the hyphen drawn there.
//!
//! Break points come from the Knuth–Liang patterns embedded in the `hypher` crate, for
//! English and Finnish only: the document's language tag picks them by its primary subtag
//! ("fi", "fi-FI", "en-GB"…). Other languages get no pattern hyphenation, because another
//! language's patterns would put hyphens in wrong places, and a wrong hyphen reads worse
//! than the plain cut between letters that is the last resort. Every language may also
//! break after a hyphen or slash typed between two letters ("asiakas-kokemus"), where no
//! second hyphen is added.

use std::rc::Rc;

use hypher::Lang;

use crate::fonts::{Fonts, Style};
use crate::text::{self, Run};

/// Letters in a row beyond this are not a word a reader would want hyphenated (a pasted
/// link, a run of one letter) and are only cut; it also keeps hostile input cheap.
const MAX_WORD_CHARS: usize = 64;

pub(crate) struct Hyphenator {
    patterns: Option<Lang>,
    /// The hyphen shaped in each style, in [`Style`] order.
    marks: [Rc<Run>; 3],
}

impl Hyphenator {
    pub fn new(fonts: &Fonts, language: &str) -> Self {
        Hyphenator {
            patterns: patterns(language),
            marks: [Style::Regular, Style::Bold, Style::Italic]
                .map(|style| text::shape(fonts, style, "-".to_owned())),
        }
    }

    /// The hyphen added where a word breaks, in the style of the text before it.
    pub fn mark(&self, style: Style) -> &Rc<Run> {
        &self.marks[match style {
            Style::Regular => 0,
            Style::Bold => 1,
            Style::Italic => 2,
        }]
    }

    /// Byte offsets inside `word` where it may break, ascending, each with whether a
    /// hyphen has to be added there.
    pub fn points(&self, word: &str) -> Vec<(usize, bool)> {
        let mut points = Vec::new();
        // The letters between punctuation are hyphenated one stretch at a time: the
        // patterns know only letters, and "(asiakaskokemus)," should break like the bare
        // word.
        let mut letters: Option<usize> = None;
        let mut previous: Option<char> = None;
        let mut characters = word.char_indices().peekable();
        while let Some((offset, character)) = characters.next() {
            if character.is_alphabetic() {
                letters.get_or_insert(offset);
            } else {
                if let Some(start) = letters.take() {
                    self.hyphenate(&word[start..offset], start, &mut points);
                }
                let next = characters.peek().map(|&(_, next)| next);
                if matches!(character, '-' | '\u{2010}' | '\u{2013}' | '/')
                    && previous.is_some_and(char::is_alphabetic)
                    && next.is_some_and(char::is_alphabetic)
                {
                    points.push((offset + character.len_utf8(), false));
                }
            }
            previous = Some(character);
        }
        if let Some(start) = letters {
            self.hyphenate(&word[start..], start, &mut points);
        }
        points
    }

    /// Adds the pattern break points of a stretch of letters starting at byte `offset`.
    fn hyphenate(&self, letters: &str, offset: usize, points: &mut Vec<(usize, bool)>) {
        let Some(lang) = self.patterns else {
            return;
        };
        if letters.chars().nth(MAX_WORD_CHARS).is_some() {
            return;
        }
        let mut at = offset;
        let mut syllables = hypher::hyphenate(letters, lang).peekable();
        while let Some(syllable) = syllables.next() {
            at += syllable.len();
            if syllables.peek().is_some() {
                points.push((at, true));
            }
        }
    }
}

/// The patterns for a language tag, by its primary subtag.
fn patterns(language: &str) -> Option<Lang> {
    let primary = language.trim().split(['-', '_']).next()?;
    if primary.eq_ignore_ascii_case("fi") {
        Some(Lang::Finnish)
    } else if primary.eq_ignore_ascii_case("en") {
        Some(Lang::English)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(hyphenator: &Hyphenator, word: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for (at, hyphen) in hyphenator.points(word) {
            out.push_str(&word[last..at]);
            out.push(if hyphen { '|' } else { '/' });
            last = at;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn finnish_compounds_break_at_syllables() {
        let finnish = Hyphenator::new(&Fonts::new(), "fi-FI");
        assert_eq!(
            split(&finnish, "asiakaskokemusjohtaminen"),
            "asi|a|kas|ko|ke|mus|joh|ta|mi|nen"
        );
        assert_eq!(
            split(&finnish, "(sisäänkirjautuminen),"),
            "(si|sään|kir|jau|tu|mi|nen),"
        );
    }

    #[test]
    fn english_uses_english_patterns_and_other_languages_none() {
        let fonts = Fonts::new();
        assert_eq!(
            split(&Hyphenator::new(&fonts, "EN"), "accessibility"),
            "ac|ces|si|bil|ity"
        );
        let swedish = Hyphenator::new(&fonts, "sv");
        assert_eq!(split(&swedish, "accessibility"), "accessibility");
        assert_eq!(split(&swedish, "kund-upplevelse"), "kund-/upplevelse");
        assert_eq!(split(&swedish, "-x- a-1"), "-x- a-1");
    }

    #[test]
    fn a_run_of_letters_longer_than_any_word_is_left_alone() {
        let finnish = Hyphenator::new(&Fonts::new(), "fi");
        assert!(finnish.points(&"kala".repeat(1000)).is_empty());
    }
}
