//! Plain text to positioned lines: cleaning, shaping and greedy line breaking.
//!
//! Text is shaped once per run with the real font (kerning and ligatures included), and
//! lines are cut from the shaped glyphs, so what is measured is exactly what is drawn.
//! Breaking is a single pass over the glyphs (a word being hyphenated is looked at about
//! twice), which keeps megabyte-long input linear.

use std::ops::Range;
use std::rc::Rc;

use crate::fonts::{Fonts, Style};
use crate::hyphenate::Hyphenator;

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
    /// The run the glyph comes from, and the start of its cluster in the run's text.
    run: usize,
    start: u32,
}

/// Breaks `runs`, set at `size` points, into lines at most `max_width` points wide:
/// greedily at spaces, at `\n` always, and inside a word only when the word alone is
/// wider than a line. Such a word breaks at the hyphenation points `hyphens` finds, with
/// a hyphen added, and between characters only where no point fits. Spaces where a line
/// wraps are dropped.
pub(crate) fn break_lines(
    runs: &[Rc<Run>],
    size: f32,
    max_width: f32,
    hyphens: &Hyphenator,
) -> Vec<Line> {
    let mut slots: Vec<Slot> = Vec::new();
    for (run_index, run) in runs.iter().enumerate() {
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
                run: run_index,
                start: glyph.start,
            });
            previous_start = Some(glyph.start);
        }
    }

    let mut breaker = Breaker {
        max_width,
        size,
        slots: &slots,
        runs,
        hyphens,
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
                breaker.add_word(index..end, width, pending.map_or(0.0, |p| p.1), lead);
                pending = None;
                at_hard_start = false;
            }
        }
        index = end;
    }
    if breaker.line.is_some() {
        breaker.finish_line(slots.len());
    }
    let lines = std::mem::take(&mut breaker.lines);
    lines
        .into_iter()
        .map(|(range, width, hyphen)| {
            let mut segments = segments(runs, range, size);
            if hyphen {
                if let Some(style) = segments.last().map(|segment| segment.run.style) {
                    let mark = hyphens.mark(style);
                    segments.push(Segment {
                        run: Rc::clone(mark),
                        glyphs: 0..mark.glyphs.len(),
                        x: width - advance(mark, size),
                    });
                }
            }
            Line {
                size,
                width,
                segments,
            }
        })
        .collect()
}

/// The width of a whole run at `size` points.
fn advance(run: &Run, size: f32) -> f32 {
    run.glyphs.iter().map(|glyph| glyph.advance * size).sum()
}

struct Breaker<'a> {
    max_width: f32,
    size: f32,
    slots: &'a [Slot],
    runs: &'a [Rc<Run>],
    hyphens: &'a Hyphenator,
    /// Finished lines as glyph ranges over all runs, with their widths and whether a
    /// hyphen is added at the end.
    lines: Vec<(Range<usize>, f32, bool)>,
    /// The line being filled: its first glyph, the end of its last word, and its width.
    line: Option<(usize, usize, f32)>,
}

impl Breaker<'_> {
    fn add_word(&mut self, word: Range<usize>, width: f32, space: f32, lead: Option<(usize, f32)>) {
        let mut points = None;
        if let Some((start, end, line_width)) = self.line {
            if line_width + space + width <= self.max_width {
                self.line = Some((start, word.end, line_width + space + width));
                return;
            }
            self.line = None;
            // A word that has to be broken anyway starts on this line when a piece of it
            // fits, instead of leaving a gap and breaking it one line later.
            if width > self.max_width {
                let found = self.points(word.clone());
                let used = line_width + space;
                if let Some((at, piece, hyphen)) = self.first_piece(&found, word.start, used) {
                    self.lines.push((start..at, used + piece, hyphen));
                    self.break_word(at..word.end, &found);
                    return;
                }
                points = Some(found);
            }
            self.lines.push((start..end, line_width, false));
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
        let points = points.unwrap_or_else(|| self.points(word.clone()));
        self.break_word(word, &points);
    }

    /// The glyph indices where the word may break, ascending, each with whether a hyphen
    /// is added there. Only points at the start of a cluster count.
    fn points(&self, word: Range<usize>) -> Vec<(usize, bool)> {
        let mut text = String::new();
        let mut starts: Vec<(usize, usize)> = Vec::new();
        for index in word {
            let slot = &self.slots[index];
            if !slot.cluster_start {
                continue;
            }
            let run = &self.runs[slot.run];
            let start = slot.start as usize;
            // The cluster's end is the next different start in the run, or the run's end.
            let end = run.glyphs[run
                .glyphs
                .partition_point(|glyph| glyph.start <= slot.start)..]
                .first()
                .map_or(run.text.len(), |glyph| glyph.start as usize);
            starts.push((text.len(), index));
            text.push_str(&run.text[start..end.max(start)]);
        }
        self.hyphens
            .points(&text)
            .into_iter()
            .filter_map(|(byte, hyphen)| {
                let found = starts.binary_search_by_key(&byte, |&(offset, _)| offset);
                found.ok().map(|position| (starts[position].1, hyphen))
            })
            .collect()
    }

    /// The width of the hyphen added after glyph `index - 1`.
    fn hyphen_width(&self, index: usize) -> f32 {
        let style = self.runs[self.slots[index - 1].run].style;
        advance(self.hyphens.mark(style), self.size)
    }

    /// The last break point whose piece from `from` (hyphen included) fits in a line
    /// that already holds `used` points: its index, the piece's width and whether it
    /// ends with a hyphen.
    fn first_piece(
        &self,
        points: &[(usize, bool)],
        from: usize,
        used: f32,
    ) -> Option<(usize, f32, bool)> {
        let mut width = 0.0;
        let mut index = from;
        let mut best = None;
        for &(at, hyphen) in points {
            if at <= from {
                continue;
            }
            while index < at {
                width += self.slots[index].width;
                index += 1;
            }
            let piece = width + if hyphen { self.hyphen_width(at) } else { 0.0 };
            if used + width > self.max_width {
                break;
            }
            if used + piece <= self.max_width {
                best = Some((at, piece, hyphen));
            }
        }
        best
    }

    /// Splits a word wider than a line: at the last break point that fits, or else at
    /// the last cluster that fits. The last piece stays open so the next word may join it.
    fn break_word(&mut self, word: Range<usize>, points: &[(usize, bool)]) {
        let mut start = word.start;
        let mut width = 0.0;
        let mut index = word.start;
        let mut next_point = points.partition_point(|&(at, _)| at <= start);
        let mut best: Option<(usize, f32, bool)> = None;
        while index < word.end {
            while let Some(&(at, hyphen)) = points.get(next_point).filter(|p| p.0 <= index) {
                if at == index && at > start {
                    let piece = width + if hyphen { self.hyphen_width(at) } else { 0.0 };
                    if piece <= self.max_width {
                        best = Some((at, piece, hyphen));
                    }
                }
                next_point += 1;
            }
            let slot = &self.slots[index];
            if slot.cluster_start && index > start && width + slot.width > self.max_width {
                // A cluster may hold several glyphs; measure it whole before cutting.
                match best.take() {
                    Some((at, piece, hyphen)) => {
                        self.lines.push((start..at, piece, hyphen));
                        // The glyphs after the point go to the next line, and the points
                        // among them are candidates again.
                        start = at;
                        index = at;
                        next_point = points.partition_point(|&(point, _)| point <= at);
                    }
                    None => {
                        self.lines.push((start..index, width, false));
                        start = index;
                    }
                }
                width = 0.0;
                continue;
            }
            width += slot.width;
            index += 1;
        }
        self.line = Some((start, word.end, width));
    }

    /// Ends the current line; an empty one (from a blank line of text) still takes space.
    fn finish_line(&mut self, at: usize) {
        match self.line.take() {
            Some((start, end, width)) => self.lines.push((start..end, width, false)),
            None => self.lines.push((at..at, 0.0, false)),
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
pub(crate) fn lines(
    fonts: &Fonts,
    hyphens: &Hyphenator,
    style: Style,
    text: &str,
    size: f32,
    width: f32,
) -> Vec<Line> {
    let run = shape(fonts, style, clean(text));
    break_lines(&[run], size, width, hyphens)
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
        let lines = lines(
            &fonts,
            &Hyphenator::new(&fonts, "none"),
            Style::Regular,
            text,
            10.0,
            100.0,
        );
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
        let lines = lines(
            &fonts,
            &Hyphenator::new(&fonts, "none"),
            Style::Regular,
            &format!("{word} loppu"),
            10.0,
            60.0,
        );
        let texts = line_texts(&lines);
        assert!(texts.len() > 3, "{texts:?}");
        assert!(lines.iter().all(|line| line.width <= 60.0));
        assert_eq!(texts.concat().replace(' ', ""), format!("{word}loppu"));
    }

    #[test]
    fn a_word_too_wide_for_the_line_breaks_at_syllables_with_a_hyphen() {
        let fonts = Fonts::new();
        let finnish = Hyphenator::new(&fonts, "fi");
        let text = "Hyvä asiakaskokemusjohtaminen ja sisäänkirjautuminen";
        let lines = lines(&fonts, &finnish, Style::Regular, text, 10.0, 70.0);
        let texts = line_texts(&lines);
        assert!(lines.iter().all(|line| line.width <= 70.0), "{texts:?}");
        let syllables = [
            "Hyvä", "asi", "a", "kas", "ko", "ke", "mus", "joh", "ta", "mi", "nen", "ja", "si",
            "sään", "kir", "jau", "tu", "mi", "nen",
        ];
        let mut hyphenated = 0;
        for line in &texts {
            if let Some(piece) = line.strip_suffix('-') {
                hyphenated += 1;
                // The piece ends where a syllable ends.
                let last = piece.rsplit(' ').next().unwrap();
                assert!(
                    syllables.iter().any(|syllable| last.ends_with(syllable)),
                    "{line:?} in {texts:?}"
                );
            }
        }
        assert!(hyphenated >= 2, "{texts:?}");
        // The first piece of the long word shares the line with "Hyvä".
        assert!(texts[0].starts_with("Hyvä asi"), "{texts:?}");
        let joined: String = texts
            .iter()
            .map(|line| line.strip_suffix('-').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("");
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn without_a_fitting_point_the_word_is_still_cut_between_characters() {
        let fonts = Fonts::new();
        let finnish = Hyphenator::new(&fonts, "fi");
        // Consonants alone give the patterns nothing to break at.
        let lines = lines(
            &fonts,
            &finnish,
            Style::Bold,
            "kkkkkkkkkkkkkkkkkkkk",
            10.0,
            30.0,
        );
        let texts = line_texts(&lines);
        assert!(
            texts.len() > 2 && texts.iter().all(|t| !t.ends_with('-')),
            "{texts:?}"
        );
    }

    #[test]
    fn newlines_are_kept_and_blank_lines_take_a_line() {
        let fonts = Fonts::new();
        let lines = lines(
            &fonts,
            &Hyphenator::new(&fonts, "none"),
            Style::Regular,
            "yksi\n\n  kaksi",
            10.0,
            400.0,
        );
        assert_eq!(line_texts(&lines), ["yksi", "", "  kaksi"]);
    }

    #[test]
    fn runs_of_different_styles_share_lines() {
        let fonts = Fonts::new();
        let label = shape(&fonts, Style::Bold, "Rooli:".to_owned());
        let value = shape(&fonts, Style::Regular, " sairaanhoitaja".to_owned());
        let lines = break_lines(
            &[label, value],
            10.0,
            400.0,
            &Hyphenator::new(&fonts, "none"),
        );
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
        let lines = lines(
            &fonts,
            &Hyphenator::new(&fonts, "none"),
            Style::Regular,
            &text,
            10.0,
            480.0,
        );
        assert!(lines.len() > 10_000);
    }
}
