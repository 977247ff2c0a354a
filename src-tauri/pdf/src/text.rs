//! Plain text to positioned lines: cleaning, shaping and greedy line breaking.
//!
//! Text is shaped once per run with the real font (kerning and ligatures included), and
//! lines are cut from the shaped glyphs, so what is measured is exactly what is drawn.
//! Everything is a single pass over the glyphs, which keeps megabyte-long input linear.

use std::ops::Range;
use std::rc::Rc;

use crate::fonts::{Fonts, Style};

/// Makes text safe to shape: line breaks are normalised to `\n`, tabs become spaces, and
/// control and bidirectional-formatting characters are dropped (they would show as boxes
/// or, without bidi support, do nothing useful). Surrounding whitespace is trimmed.
pub(crate) fn clean(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match character {
            '\r' => {
                if characters.peek() != Some(&'\n') {
                    cleaned.push('\n');
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => cleaned.push('\n'),
            '\t' => cleaned.push(' '),
            '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => {}
            c => cleaned.push(c),
        }
    }
    let trimmed = cleaned.trim();
    if trimmed.len() == cleaned.len() {
        cleaned
    } else {
        trimmed.to_owned()
    }
}

/// One shaped glyph; advances and offsets are in ems.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    pub id: u16,
    /// Byte range of the glyph's cluster in the run's text.
    pub start: u32,
    pub end: u32,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// Text in one style, already cleaned and shaped.
#[derive(Debug)]
pub(crate) struct Run {
    pub style: Style,
    pub text: String,
    pub glyphs: Vec<Glyph>,
}

/// Shapes `text` (which must already be [`clean`]) left to right in `style`.
pub(crate) fn shape(fonts: &Fonts, style: Style, text: String) -> Rc<Run> {
    let face = fonts.face(style);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(&text);
    // Without a bidi pass, one fixed direction keeps clusters in text order, which the
    // line breaker relies on.
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(&face.shaper, &[], buffer);
    let scale = face.units_per_em;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(infos.len());
    // A cluster ends where the next different cluster begins; walking backwards finds
    // that in one pass even when one cluster holds thousands of marks.
    let mut ends = vec![text.len() as u32; infos.len()];
    for index in (0..infos.len().saturating_sub(1)).rev() {
        let next = infos[index + 1].cluster;
        ends[index] = if next == infos[index].cluster {
            ends[index + 1]
        } else {
            next
        };
    }
    for ((info, position), end) in infos.iter().zip(positions).zip(ends) {
        let start = info.cluster;
        glyphs.push(Glyph {
            // The faces have fewer than 65,536 glyphs, so an id always fits.
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            start,
            end,
            advance: position.x_advance as f32 / scale,
            x_offset: position.x_offset as f32 / scale,
            y_offset: position.y_offset as f32 / scale,
        });
    }
    Rc::new(Run {
        style,
        text,
        glyphs,
    })
}

/// A stretch of one run's glyphs within a line.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub run: Rc<Run>,
    pub glyphs: Range<usize>,
    /// Offset from the line start, in points.
    pub x: f32,
}

impl Segment {
    /// The text the glyphs came from, and its byte offset within the run's text.
    pub fn text(&self) -> (&str, usize) {
        let glyphs = &self.run.glyphs[self.glyphs.clone()];
        let start = glyphs.first().map_or(0, |glyph| glyph.start as usize);
        let end = glyphs.last().map_or(start, |glyph| glyph.end as usize);
        (&self.run.text[start..end], start)
    }
}

/// A laid-out line: the segments to draw, at one font size.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub size: f32,
    pub width: f32,
    pub segments: Vec<Segment>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Space,
    Newline,
    Other,
}

/// A glyph of the runs laid end to end, as the breaker sees it.
struct Slot {
    width: f32,
    kind: Kind,
    /// Whether a new cluster starts here; words that do not fit are cut only there.
    cluster_start: bool,
}

/// Breaks `runs`, set at `size` points, into lines at most `max_width` points wide:
/// greedily at spaces, at `\n` always, and inside a word only when the word alone is
/// wider than a line. Spaces where a line wraps are dropped.
pub(crate) fn break_lines(runs: &[Rc<Run>], size: f32, max_width: f32) -> Vec<Line> {
    let mut slots: Vec<Slot> = Vec::new();
    for run in runs {
        let mut previous_start = None;
        for glyph in &run.glyphs {
            let kind = match run.text.as_bytes().get(glyph.start as usize) {
                Some(b' ') => Kind::Space,
                Some(b'\n') => Kind::Newline,
                _ => Kind::Other,
            };
            slots.push(Slot {
                width: glyph.advance * size,
                kind,
                cluster_start: previous_start != Some(glyph.start),
            });
            previous_start = Some(glyph.start);
        }
    }

    let mut breaker = Breaker {
        max_width,
        lines: Vec::new(),
        line: None,
    };
    let mut pending: Option<(usize, f32)> = None;
    let mut at_hard_start = true;
    let mut index = 0;
    while index < slots.len() {
        let kind = slots[index].kind;
        let end = if kind == Kind::Newline {
            index + 1
        } else {
            index
                + slots[index..]
                    .iter()
                    .take_while(|slot| slot.kind == kind)
                    .count()
        };
        let width: f32 = slots[index..end].iter().map(|slot| slot.width).sum();
        match kind {
            Kind::Newline => {
                breaker.finish_line(index);
                pending = None;
                at_hard_start = true;
            }
            Kind::Space => pending = Some((index, width)),
            Kind::Other => {
                // Spaces typed at the start of a line are kept as indentation; spaces
                // where a line wrapped are not.
                let lead = pending.filter(|_| at_hard_start && breaker.line.is_none());
                breaker.add_word(
                    &slots,
                    index..end,
                    width,
                    pending.map_or(0.0, |p| p.1),
                    lead,
                );
                pending = None;
                at_hard_start = false;
            }
        }
        index = end;
    }
    if breaker.line.is_some() {
        breaker.finish_line(slots.len());
    }
    breaker
        .lines
        .into_iter()
        .map(|(range, width)| Line {
            size,
            width,
            segments: segments(runs, range, size),
        })
        .collect()
}

struct Breaker {
    max_width: f32,
    /// Finished lines as glyph ranges over all runs, with their widths.
    lines: Vec<(Range<usize>, f32)>,
    /// The line being filled: its first glyph, the end of its last word, and its width.
    line: Option<(usize, usize, f32)>,
}

impl Breaker {
    fn add_word(
        &mut self,
        slots: &[Slot],
        word: Range<usize>,
        width: f32,
        space: f32,
        lead: Option<(usize, f32)>,
    ) {
        if let Some((start, _, line_width)) = self.line {
            if line_width + space + width <= self.max_width {
                self.line = Some((start, word.end, line_width + space + width));
                return;
            }
            self.lines.push((start..self.line_end(), line_width));
            self.line = None;
        }
        if let Some((lead_start, lead_width)) = lead {
            if lead_width + width <= self.max_width {
                self.line = Some((lead_start, word.end, lead_width + width));
                return;
            }
        }
        if width <= self.max_width {
            self.line = Some((word.start, word.end, width));
            return;
        }
        self.cut_word(slots, word);
    }

    fn line_end(&self) -> usize {
        self.line.map_or(0, |(_, end, _)| end)
    }

    /// Splits a word wider than a line at cluster boundaries; the last piece stays open so
    /// the next word may join it.
    fn cut_word(&mut self, slots: &[Slot], word: Range<usize>) {
        let mut start = word.start;
        let mut width = 0.0;
        for index in word.clone() {
            let slot = &slots[index];
            if slot.cluster_start && index > start && width + slot.width > self.max_width {
                // A cluster may hold several glyphs; measure it whole before cutting.
                self.lines.push((start..index, width));
                start = index;
                width = 0.0;
            }
            width += slot.width;
        }
        self.line = Some((start, word.end, width));
    }

    /// Ends the current line; an empty one (from a blank line of text) still takes space.
    fn finish_line(&mut self, at: usize) {
        match self.line.take() {
            Some((start, end, width)) => self.lines.push((start..end, width)),
            None => self.lines.push((at..at, 0.0)),
        }
    }
}

/// Splits a range of glyphs over all runs into per-run segments with their offsets.
fn segments(runs: &[Rc<Run>], range: Range<usize>, size: f32) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut run_start = 0;
    let mut x = 0.0;
    for run in runs {
        let run_end = run_start + run.glyphs.len();
        let start = range.start.max(run_start);
        let end = range.end.min(run_end);
        if start < end {
            let glyphs = start - run_start..end - run_start;
            let width: f32 = run.glyphs[glyphs.clone()]
                .iter()
                .map(|glyph| glyph.advance * size)
                .sum();
            segments.push(Segment {
                run: Rc::clone(run),
                glyphs,
                x,
            });
            x += width;
        }
        run_start = run_end;
    }
    segments
}

/// Shapes and breaks plain text in one style: the common case.
pub(crate) fn lines(fonts: &Fonts, style: Style, text: &str, size: f32, width: f32) -> Vec<Line> {
    let run = shape(fonts, style, clean(text));
    break_lines(&[run], size, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|line| {
                line.segments
                    .iter()
                    .map(|segment| segment.text().0)
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn clean_drops_controls_and_bidi_overrides_and_normalises_breaks() {
        assert_eq!(
            clean("  a\u{0}b\u{7}\tc\r\nd\re\u{202E}f\u{2066}g\u{85}  "),
            "ab c\nd\nefg"
        );
        assert_eq!(clean("\n \t"), "");
    }

    #[test]
    fn words_wrap_at_spaces_and_never_exceed_the_width() {
        let fonts = Fonts::new();
        let text = "Työpaja alkoi aamulla ja jatkui pitkälle iltaan, kun kaikki äänestivät.";
        let lines = lines(&fonts, Style::Regular, text, 10.0, 100.0);
        assert!(lines.len() > 2, "{:?}", line_texts(&lines));
        for (line, text) in lines.iter().zip(line_texts(&lines)) {
            assert!(line.width <= 100.0, "{text} is {} wide", line.width);
            assert!(!text.starts_with(' ') && !text.ends_with(' '), "{text:?}");
        }
        assert_eq!(line_texts(&lines).join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_between_characters() {
        let fonts = Fonts::new();
        let word = "ä".repeat(200);
        let lines = lines(&fonts, Style::Regular, &format!("{word} loppu"), 10.0, 60.0);
        let texts = line_texts(&lines);
        assert!(texts.len() > 3, "{texts:?}");
        assert!(lines.iter().all(|line| line.width <= 60.0));
        assert_eq!(texts.concat().replace(' ', ""), format!("{word}loppu"));
    }

    #[test]
    fn newlines_are_kept_and_blank_lines_take_a_line() {
        let fonts = Fonts::new();
        let lines = lines(&fonts, Style::Regular, "yksi\n\n  kaksi", 10.0, 400.0);
        assert_eq!(line_texts(&lines), ["yksi", "", "  kaksi"]);
    }

    #[test]
    fn runs_of_different_styles_share_lines() {
        let fonts = Fonts::new();
        let label = shape(&fonts, Style::Bold, "Rooli:".to_owned());
        let value = shape(&fonts, Style::Regular, " sairaanhoitaja".to_owned());
        let lines = break_lines(&[label, value], 10.0, 400.0);
        assert_eq!(lines.len(), 1);
        let segments = &lines[0].segments;
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].run.style, Style::Bold);
        assert!(segments[1].x > 20.0, "the value starts after the label");
    }

    #[test]
    fn kerning_is_applied() {
        let fonts = Fonts::new();
        let kerned = shape(&fonts, Style::Regular, "AV".to_owned());
        let a = shape(&fonts, Style::Regular, "A".to_owned());
        let v = shape(&fonts, Style::Regular, "V".to_owned());
        let pair: f32 = kerned.glyphs.iter().map(|glyph| glyph.advance).sum();
        assert!(pair < a.glyphs[0].advance + v.glyphs[0].advance);
    }

    #[test]
    fn a_megabyte_without_spaces_breaks_into_lines_of_the_column_width() {
        // How fast this goes is the example benchmark's business (examples/sample.rs).
        let fonts = Fonts::new();
        let text = "x".repeat(1 << 20);
        let lines = lines(&fonts, Style::Regular, &text, 10.0, 480.0);
        assert!(lines.len() > 10_000);
    }
}
