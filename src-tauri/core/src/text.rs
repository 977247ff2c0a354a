//! Text from people is text: cleaned on the way in, isolated on the way out.
//!
//! On the way in (every operation, every phone, every imported file, through
//! [`crate::validate`]) control characters other than tab and newline are dropped: they
//! carry no meaning in a workshop, break CSV cells and XML, and can hide text. Bidirectional
//! controls are not removed, since right-to-left writers need them; on the way out each
//! report wraps a text that holds one in an isolate (FSI … PDI), so an override in one note
//! cannot reorder the text after it. A leaf: it imports nothing of core.

use std::borrow::Cow;

/// `text` without control characters (Unicode Cc) other than tab and newline; a carriage
/// return before a newline goes, a lone one becomes a newline.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\t' && c != '\n')
    {
        return Cow::Borrowed(text);
    }
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(
        unified
            .chars()
            .filter(|c| !c.is_control() || *c == '\t' || *c == '\n')
            .collect(),
    )
}

/// Whether `c` changes the direction of the text around it (embeddings, overrides,
/// isolates and the invisible direction marks).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` wrapped in a first-strong isolate when it holds a bidirectional control, so
/// whatever direction it sets ends with it (a PDI closes every embedding and override opened
/// inside its isolate).
pub fn isolate(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_bidi_control) {
        Cow::Owned(format!("\u{2068}{text}\u{2069}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_tabs_and_newlines_stay() {
        assert_eq!(clean("a\u{0}b\u{7}c\td\ne\u{1b}[31m"), "abc\td\ne[31m");
        assert_eq!(clean("one\r\ntwo\rthree"), "one\ntwo\nthree");
        assert_eq!(clean("\u{85}next line"), "next line");
        assert!(matches!(clean("plain text, ääkköset"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidirectional_controls_are_kept_and_isolated() {
        let hostile = "abc\u{202E}fed";
        assert_eq!(clean(hostile), hostile);
        assert_eq!(isolate(hostile), "\u{2068}abc\u{202E}fed\u{2069}");
        assert_eq!(isolate("שלום"), "שלום");
        assert!(matches!(isolate("plain"), Cow::Borrowed(_)));
    }
}
