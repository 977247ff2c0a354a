//! The emotion chart as a stand-alone SVG, for reports and exports.
//!
//! Hand-written SVG keeps the output deterministic (snapshot-tested) and free of any
//! renderer. Every text that comes from people (stage titles, persona names) is escaped.
//! Personas differ by colour *and* marker shape, variants by dash pattern, so the chart
//! still reads in grey print and for colour-blind readers.

use std::fmt::Write;

use crate::emotions::{RatingSummary, Variant};
use crate::error::Result;
use crate::hyphenation::{soft_hyphens, SOFT_HYPHEN};
use crate::journey::Journey;
use crate::model::Language;
use crate::palette::series_style;
use crate::store::Library;

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 440.0;
const LEFT: f64 = 84.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 72.0;
const BOTTOM: f64 = 78.0;

const TARGET_DASH: &str = "7 5";
const RATINGS_COLOUR: &str = "#6B7280";

/// Escapes text for SVG (and HTML) element content and attribute values, in a bidi isolate
/// when it holds a direction control (see [`crate::text::isolate`]).
pub fn escape(text: &str) -> String {
    let text = crate::text::isolate(text);
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            // Control characters are not allowed in XML; they carry no meaning here.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// The points of a five-pointed star centred on (`x`, `y`). Drawn as a shape rather than the
/// ★ character, so the mark shows in every output whatever fonts it has (the PDF's have none).
fn star(x: f64, y: f64, radius: f64) -> String {
    (0..10)
        .map(|corner| {
            let reach = if corner % 2 == 0 {
                radius
            } else {
                radius * 0.4
            };
            let angle = std::f64::consts::PI * (corner as f64 / 5.0 - 0.5);
            format!(
                "{:.1},{:.1}",
                x + reach * angle.cos(),
                y + reach * angle.sin()
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a stage title (with soft hyphens from [`crate::hyphenation`]) into at most two
/// lines of about `width` characters, with an ellipsis when it does not fit. A word longer
/// than a line breaks at a syllable with a hyphen. The app's chart does the same
/// (`stageLabelLines` in ui/src/lib/journey/chart.ts).
fn label_lines(title: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in title.split_whitespace() {
        for (index, piece) in word_pieces(word, width).into_iter().enumerate() {
            let line = lines.last_mut().expect("there is always a line");
            if index > 0
                || (!line.is_empty() && line.chars().count() + 1 + piece.chars().count() > width)
            {
                lines.push(String::new());
            }
            let line = lines.last_mut().expect("there is always a line");
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
    }
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1].push('…');
    }
    for line in &mut lines {
        if line.chars().count() > width + 2 {
            *line = line.chars().take(width).collect::<String>() + "…";
        }
    }
    lines
}

/// A word as it goes on lines `width` characters wide: whole when it fits, else cut at its
/// soft hyphens into pieces that end in "-" (as many syllables on each as fit).
fn word_pieces(word: &str, width: usize) -> Vec<String> {
    let plain: String = word.chars().filter(|c| *c != SOFT_HYPHEN).collect();
    if plain.chars().count() <= width || !word.contains(SOFT_HYPHEN) {
        return vec![plain];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for syllable in word.split(SOFT_HYPHEN) {
        let length = current.chars().count() + syllable.chars().count();
        if !current.is_empty() && length + 1 > width {
            pieces.push(format!("{current}-"));
            current.clear();
        }
        current.push_str(syllable);
    }
    pieces.push(current);
    pieces
}

/// About how many characters of a 12 px label fit a stage column `column` pixels wide (the
/// app's `stageLabelWidth` counts the same way).
fn label_width(column: f64) -> usize {
    (((column - 12.0) / 7.0).floor() as usize).max(4)
}

/// The outline of a persona's marker of diameter `size` centred on (`x`, `y`), as an SVG
/// path: the same shapes, drawn the same way, as the app's chart (ui/src/lib/journey/chart.ts).
fn marker_path(marker: &str, x: f64, y: f64, size: f64) -> String {
    let r = size / 2.0;
    let polygon = |points: &[(f64, f64)]| {
        let corners: Vec<String> = points
            .iter()
            .map(|(px, py)| format!("{:.2} {:.2}", x + px, y + py))
            .collect();
        format!("M{}Z", corners.join("L"))
    };
    let around = |count: usize, radius: &dyn Fn(usize) -> f64, start: f64| {
        let points: Vec<(f64, f64)> = (0..count)
            .map(|k| {
                let angle = start + k as f64 * std::f64::consts::TAU / count as f64;
                (radius(k) * angle.cos(), radius(k) * angle.sin())
            })
            .collect();
        polygon(&points)
    };
    match marker {
        "square" => {
            let s = r * 0.85;
            polygon(&[(-s, -s), (s, -s), (s, s), (-s, s)])
        }
        "triangle" => polygon(&[(0.0, -r), (r, r * 0.8), (-r, r * 0.8)]),
        "triangle-down" => polygon(&[(0.0, r), (r, -r * 0.8), (-r, -r * 0.8)]),
        "diamond" => {
            let d = r * 1.1;
            polygon(&[(0.0, -d), (d, 0.0), (0.0, d), (-d, 0.0)])
        }
        "plus" => {
            let w = r * 0.38;
            polygon(&[
                (-w, -r),
                (w, -r),
                (w, -w),
                (r, -w),
                (r, w),
                (w, w),
                (w, r),
                (-w, r),
                (-w, w),
                (-r, w),
                (-r, -w),
                (-w, -w),
            ])
        }
        "star" => around(
            10,
            &|k| if k % 2 == 0 { r * 1.15 } else { r * 0.5 },
            -std::f64::consts::FRAC_PI_2,
        ),
        "hexagon" => around(6, &|_| r, 0.0),
        _ => format!(
            "M{:.2} {:.2}a{r:.2} {r:.2} 0 1 0 {:.2} 0a{r:.2} {r:.2} 0 1 0 {:.2} 0Z",
            x - r,
            y,
            2.0 * r,
            -2.0 * r
        ),
    }
}

/// A persona's marker at (`x`, `y`): filled for the current experience, hollow for the target.
fn marker(index: usize, x: f64, y: f64, filled: bool) -> String {
    let (colour, shape) = series_style(index);
    let fill = if filled { colour } else { "#FFFFFF" };
    format!(
        r#"<path d="{}" fill="{fill}" stroke="{colour}" stroke-width="2"/>"#,
        marker_path(shape, x, y, 11.0)
    )
}

/// A face at the end of the scale: smiling at the top, frowning at the bottom.
fn face(x: f64, y: f64, happy: bool) -> String {
    let (mouth_y, control_y) = if happy {
        (y + 2.0, y + 7.0)
    } else {
        (y + 5.0, y)
    };
    format!(
        r##"<g stroke="#374151" stroke-width="1.5" fill="none"><circle cx="{x:.1}" cy="{y:.1}" r="10"/><circle cx="{:.1}" cy="{:.1}" r="1" fill="#374151"/><circle cx="{:.1}" cy="{:.1}" r="1" fill="#374151"/><path d="M{:.1},{mouth_y:.1} Q{x:.1},{control_y:.1} {:.1},{mouth_y:.1}"/></g>"##,
        x - 3.5,
        y - 3.0,
        x + 3.5,
        y - 3.0,
        x - 5.0,
        x + 5.0
    )
}

/// The word for a curve's variant ("current", "nykytila"), as the chart's legend says it:
/// the reports' tables use the same words.
pub fn variant_word(language: Language, variant: Variant) -> &'static str {
    let texts = texts(language);
    match variant {
        Variant::Current => texts.current,
        Variant::Target => texts.target,
    }
}

struct Texts {
    current: &'static str,
    target: &'static str,
    participants: &'static str,
    title: &'static str,
}

fn texts(language: Language) -> Texts {
    match language {
        Language::En => Texts {
            current: "current",
            target: "target",
            participants: "participants (mean and range)",
            title: "Emotion curve",
        },
        Language::Fi => Texts {
            current: "nykytila",
            target: "tavoitetila",
            participants: "osallistujat (keskiarvo ja vaihteluväli)",
            title: "Tunnekäyrä",
        },
    }
}

/// Polyline segments through the points that exist, broken where a stage has none.
fn segments(points: &[Option<(f64, f64)>]) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for point in points {
        match point {
            Some(point) => runs.last_mut().expect("never empty").push(*point),
            None if !runs.last().expect("never empty").is_empty() => runs.push(Vec::new()),
            None => {}
        }
    }
    runs.retain(|run| run.len() > 1);
    runs
}

fn polyline(points: &[(f64, f64)], colour: &str, width: f64, dash: Option<&str>) -> String {
    let coordinates: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect();
    let dash = dash
        .map(|dash| format!(r#" stroke-dasharray="{dash}""#))
        .unwrap_or_default();
    format!(
        r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-linejoin="round"{dash}/>"#,
        coordinates.join(" ")
    )
}

/// Renders the curves of `persona_ids` (all personas when empty) as a stand-alone SVG.
pub fn emotion_chart(journey: &Journey, persona_ids: &[String], language: Language) -> String {
    let texts = texts(language);
    let (min, max) = journey.scale.bounds();
    let stages = &journey.stages;
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let column = plot_width / stages.len().max(1) as f64;
    let x_of = |index: usize| LEFT + (index as f64 + 0.5) * column;
    let y_of = |score: f64| TOP + (max - score) / (max - min) * plot_height;
    let stage_index = |id: &str| stages.iter().position(|stage| stage.id == id);

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-family="Inter, 'Helvetica Neue', Arial, sans-serif" font-size="12" role="img" aria-label="{}">"#,
        escape(texts.title)
    );
    let _ = write!(
        svg,
        r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>"##
    );

    // The scale: a line per whole score, the neutral one stronger on symmetric scales.
    let mut score = min;
    while score <= max + f64::EPSILON {
        let y = y_of(score);
        let neutral = min < 0.0 && score == 0.0;
        let (stroke, width) = if neutral {
            ("#9CA3AF", 1.5)
        } else {
            ("#E5E7EB", 1.0)
        };
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{stroke}" stroke-width="{width}"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#4B5563">{score}</text>"##,
            WIDTH - RIGHT,
            LEFT - 8.0,
            y + 4.0
        );
        score += 1.0;
    }
    svg.push_str(&face(LEFT - 52.0, y_of(max), true));
    svg.push_str(&face(LEFT - 52.0, y_of(min), false));

    for (index, stage) in stages.iter().enumerate() {
        let x = x_of(index);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#F3F4F6"/>"##,
            HEIGHT - BOTTOM
        );
        let weight = if stage.moment_of_truth { "700" } else { "400" };
        let title = soft_hyphens(&stage.title, language);
        for (line_index, line) in label_lines(&title, label_width(column)).iter().enumerate() {
            let _ = write!(
                svg,
                r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#111827" font-weight="{weight}">{}</text>"##,
                HEIGHT - BOTTOM + 22.0 + line_index as f64 * 15.0,
                escape(line)
            );
        }
        if stage.moment_of_truth {
            let _ = write!(
                svg,
                r##"<polygon points="{}" fill="#B45309"/>"##,
                star(x, HEIGHT - BOTTOM + 57.0, 6.5)
            );
        }
    }

    let chosen: Vec<_> = journey
        .personas
        .iter()
        .enumerate()
        .filter(|(_, persona)| persona_ids.is_empty() || persona_ids.contains(&persona.id))
        .collect();

    // Participants' ratings under the facilitator's curves: a band from lowest to highest,
    // and the mean as a thin line.
    let bands = |summaries: Vec<&RatingSummary>, colour: &str, svg: &mut String| {
        for variant in [Variant::Current, Variant::Target] {
            let mut by_stage: Vec<Option<&RatingSummary>> = vec![None; stages.len()];
            for summary in summaries.iter().filter(|s| s.variant == variant) {
                if let Some(index) = stage_index(&summary.stage_id) {
                    by_stage[index] = Some(summary);
                }
            }
            let present: Vec<(usize, &RatingSummary)> = by_stage
                .iter()
                .enumerate()
                .filter_map(|(index, summary)| summary.map(|s| (index, s)))
                .collect();
            if present.is_empty() {
                continue;
            }
            let upper = present
                .iter()
                .map(|(i, s)| format!("{:.1},{:.1}", x_of(*i), y_of(s.max)));
            let lower = present
                .iter()
                .rev()
                .map(|(i, s)| format!("{:.1},{:.1}", x_of(*i), y_of(s.min)));
            let outline: Vec<String> = upper.chain(lower).collect();
            let _ = write!(
                svg,
                r#"<polygon points="{}" fill="{colour}" fill-opacity="0.14" stroke="none"/>"#,
                outline.join(" ")
            );
            let means: Vec<Option<(f64, f64)>> = by_stage
                .iter()
                .enumerate()
                .map(|(index, summary)| summary.map(|s| (x_of(index), y_of(s.mean))))
                .collect();
            for run in segments(&means) {
                let dash = if variant == Variant::Target {
                    "2 4 7 4"
                } else {
                    "2 3"
                };
                svg.push_str(&polyline(&run, colour, 1.5, Some(dash)));
            }
        }
    };
    for (index, persona) in &chosen {
        let (colour, _) = series_style(*index);
        let summaries = journey
            .ratings
            .iter()
            .filter(|s| s.persona_id.as_deref() == Some(persona.id.as_str()))
            .collect();
        bands(summaries, colour, &mut svg);
    }
    bands(
        journey
            .ratings
            .iter()
            .filter(|s| s.persona_id.is_none())
            .collect(),
        RATINGS_COLOUR,
        &mut svg,
    );

    for (index, persona) in &chosen {
        let (colour, _) = series_style(*index);
        for variant in [Variant::Current, Variant::Target] {
            let mut points: Vec<Option<(f64, f64)>> = vec![None; stages.len()];
            for point in journey
                .emotions
                .iter()
                .filter(|p| p.persona_id == persona.id && p.variant == variant)
            {
                if let Some(stage) = stage_index(&point.stage_id) {
                    points[stage] = Some((x_of(stage), y_of(point.score)));
                }
            }
            let dash = (variant == Variant::Target).then_some(TARGET_DASH);
            for run in segments(&points) {
                svg.push_str(&polyline(&run, colour, 2.5, dash));
            }
            for (x, y) in points.iter().flatten() {
                svg.push_str(&marker(*index, *x, *y, variant == Variant::Current));
            }
        }
    }

    // The legend: a swatch per persona, then how to read the lines.
    let mut x = LEFT;
    let y = 24.0;
    for (index, persona) in &chosen {
        let (colour, _) = series_style(*index);
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="2.5"/>"#,
            x + 28.0
        );
        svg.push_str(&marker(*index, x + 14.0, y, true));
        let name: String = persona.name.chars().take(28).collect();
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" fill="#111827">{}</text>"##,
            x + 34.0,
            y + 4.0,
            escape(&name)
        );
        x += 48.0 + name.chars().count() as f64 * 7.0;
    }
    let key_y = 48.0;
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{key_y}" x2="{:.1}" y2="{key_y}" stroke="#374151" stroke-width="2"/><text x="{:.1}" y="{:.1}" fill="#374151">{}</text><line x1="{:.1}" y1="{key_y}" x2="{:.1}" y2="{key_y}" stroke="#374151" stroke-width="2" stroke-dasharray="{TARGET_DASH}"/><text x="{:.1}" y="{:.1}" fill="#374151">{}</text>"##,
        LEFT + 28.0,
        LEFT + 34.0,
        key_y + 4.0,
        escape(texts.current),
        LEFT + 120.0,
        LEFT + 148.0,
        LEFT + 154.0,
        key_y + 4.0,
        escape(texts.target)
    );
    if !journey.ratings.is_empty() {
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{:.1}" width="28" height="10" fill="{RATINGS_COLOUR}" fill-opacity="0.2"/><text x="{:.1}" y="{:.1}" fill="#374151">{}</text>"##,
            LEFT + 250.0,
            key_y - 5.0,
            LEFT + 284.0,
            key_y + 4.0,
            escape(texts.participants)
        );
    }
    svg.push_str("</svg>");
    svg
}

impl Library {
    /// The emotion chart of a workshop as SVG, in the workshop's language.
    pub fn emotion_chart_svg(&self, workshop_id: &str, persona_ids: &[String]) -> Result<String> {
        let journey = self.get_journey(workshop_id)?;
        let language = self.get_workshop(workshop_id)?.language;
        Ok(emotion_chart(&journey, persona_ids, language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup_behind() {
        assert_eq!(
            escape(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{7}c"), "abc");
    }

    #[test]
    fn long_stage_titles_wrap_to_two_lines_with_an_ellipsis() {
        assert_eq!(
            label_lines("Arrival / check-in", 16),
            ["Arrival /", "check-in"]
        );
        assert_eq!(
            label_lines("Contact via chat, phone or e-mail and more words", 16),
            ["Contact via", "chat, phone or…"]
        );
        assert_eq!(
            label_lines("Sisäänkirjautuminen", 16),
            ["Sisäänkirjautumi…"],
            "a word without break points is cut"
        );
        assert_eq!(
            label_lines(&soft_hyphens("Sisäänkirjautuminen", Language::Fi), 16),
            ["Sisäänkirjautu-", "minen"]
        );
        assert_eq!(
            label_lines(
                &soft_hyphens("Saapuminen / sisäänkirjautuminen", Language::Fi),
                8
            ),
            ["Saapumi-", "nen /…"]
        );
    }

    #[test]
    fn sixteen_stages_get_labels_narrow_enough_not_to_overlap() {
        let column = (WIDTH - LEFT - RIGHT) / 16.0;
        let width = label_width(column);
        // About 7 px a character at 12 px: the widest line still fits its column.
        assert!(
            width as f64 * 7.0 <= column,
            "{width} characters in {column:.0} px"
        );
        for title in [
            "Saapuminen / sisäänkirjautuminen",
            "Vierailun jälkeen",
            "Lisäpalvelut",
        ] {
            for line in label_lines(&soft_hyphens(title, Language::Fi), width) {
                assert!(
                    line.trim_end_matches('…').chars().count() <= width,
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn gaps_break_the_line() {
        let runs = segments(&[
            Some((0.0, 0.0)),
            Some((1.0, 1.0)),
            None,
            Some((3.0, 3.0)),
            Some((4.0, 4.0)),
        ]);
        assert_eq!(runs.len(), 2);
        assert!(segments(&[Some((0.0, 0.0)), None, Some((2.0, 2.0))]).is_empty());
    }
}
