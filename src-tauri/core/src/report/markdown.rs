//! The report as Markdown, readable in any viewer; the chart and the photos (personas' and
//! photo notes') are separate files beside it, linked by name (see [`super::bundle`], which packs them).

use std::fmt::Write;

use super::Report;

/// The name the Markdown links the chart by; writers put the SVG beside it under this name.
pub const CHART_FILE: &str = "emotion-chart.svg";

/// Backslash-escapes every character Markdown could read as markup, so text from people is
/// shown as typed: no links, emphasis, headings or HTML. A `=` that starts a line is escaped
/// too: text kept on several lines (titles, names) could otherwise underline the line before
/// it into a setext heading. Text with a direction control is isolated (see
/// [`crate::text::isolate`]).
fn md(text: &str) -> String {
    let text = crate::text::isolate(text);
    let mut escaped = String::with_capacity(text.len());
    let mut line_start = true;
    for character in text.chars() {
        if "\\`*_{}[]<>()#+-.!|~&\"'".contains(character) || (character == '=' && line_start) {
            escaped.push('\\');
        }
        line_start = character == '\n' || (line_start && [' ', '\t', '\r'].contains(&character));
        match character {
            '\n' => escaped.push_str("  \n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// For table cells, where a line break would end the row.
fn cell(text: &str) -> String {
    md(&text.replace(['\r', '\n'], " "))
}

/// A table of plain texts, every cell escaped, then a blank line.
fn table<H: AsRef<str>, C: AsRef<str>>(out: &mut String, header: &[H], rows: &[impl AsRef<[C]>]) {
    let cells = |row: &mut dyn Iterator<Item = String>| row.collect::<Vec<_>>().join(" | ");
    let _ = writeln!(
        out,
        "| {} |\n|{}",
        cells(&mut header.iter().map(|h| cell(h.as_ref()))),
        " --- |".repeat(header.len())
    );
    for row in rows {
        let _ = writeln!(
            out,
            "| {} |",
            cells(&mut row.as_ref().iter().map(|c| cell(c.as_ref())))
        );
    }
    out.push('\n');
}

pub(super) fn render(report: &Report, chart_file: &str) -> String {
    let labels = report.labels;
    let workshop = &report.workshop;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n*{}*\n",
        md(&workshop.title),
        md(labels.report)
    );
    for (label, value) in report.cover_facts() {
        let _ = writeln!(out, "- **{}:** {}", md(label), md(&value));
    }
    let _ = writeln!(
        out,
        "- **{}:** {}",
        md(labels.participants),
        md(&report.participants_summary())
    );

    let summary = report.summary();
    let _ = writeln!(out, "\n## {}\n", md(labels.summary));
    for (label, count) in &summary.figures {
        let _ = writeln!(out, "- **{count}** {}", md(label));
    }
    if let Some((round, top)) = &summary.top {
        let _ = writeln!(out, "\n### {} · {}\n", md(labels.top_ideas), md(round));
        for line in top {
            let _ = writeln!(
                out,
                "- **{}** {} \\({} {}\\)",
                md(&line.rank),
                cell(line.text),
                line.votes,
                md(&labels.votes.to_lowercase())
            );
        }
    }
    if !summary.truths.is_empty() {
        let _ = writeln!(out, "\n### {}\n", md(labels.moments_of_truth));
        for title in &summary.truths {
            let _ = writeln!(out, "- ★ {}", cell(title));
        }
    }

    let _ = writeln!(out, "\n## {}\n", md(labels.ideas));
    if report.notes.is_empty() {
        let _ = writeln!(out, "{}", md(labels.no_ideas));
    }
    for (cluster, notes) in report.groups() {
        let title = cluster.map_or(labels.not_clustered, |c| c.title.as_str());
        let _ = writeln!(out, "### {} ({})\n", md(title), notes.len());
        for note in notes {
            let text = cell(&note.text);
            match report.note_photo_file(note) {
                // A photo note's photo under its caption, in the same list item.
                Some((file, _)) => {
                    let _ = writeln!(out, "- {text}  \n  ![{text}]({file})");
                }
                None => {
                    let _ = writeln!(out, "- {text}");
                }
            }
        }
        out.push('\n');
    }

    if !report.rounds.is_empty() {
        let _ = writeln!(out, "## {}\n", md(labels.voting));
        for (round, results) in &report.rounds {
            let _ = writeln!(
                out,
                "### {}\n\n{}\n",
                md(&report.round_title(round)),
                md(&report.round_settings(round))
            );
            let ranked = report.ranked(results);
            if ranked.is_empty() {
                let _ = writeln!(out, "{}\n", md(labels.no_votes));
                continue;
            }
            let (voters, rule) = if round.anonymous {
                (String::new(), "")
            } else {
                (format!(" {} |", md(labels.voters)), " --- |")
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} |{voters}\n| --- | --- | --- |{rule}",
                md(labels.rank),
                md(labels.note),
                md(labels.votes)
            );
            for line in ranked {
                let names = if round.anonymous {
                    String::new()
                } else {
                    format!(" {} |", cell(&line.voters))
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |{names}",
                    line.rank,
                    cell(line.text),
                    line.votes
                );
            }
            out.push('\n');
        }
    }

    if !report.personas.is_empty() {
        let _ = writeln!(out, "## {}\n", md(labels.personas));
        for persona in &report.personas {
            let _ = writeln!(out, "### {}\n", md(&persona.name));
            if let Some((file, _)) = report.photo_file(persona) {
                let _ = writeln!(out, "![{}]({file})\n", md(&persona.name));
            }
            if !persona.quote.is_empty() {
                let _ = writeln!(out, "> {}\n", cell(&persona.quote));
            }
            let (facts, texts) = report.persona_details(persona);
            for (label, value) in facts.into_iter().chain(texts) {
                let _ = writeln!(out, "- **{}:** {}", md(label), cell(value));
            }
            if !persona.channels.is_empty() {
                let _ = writeln!(
                    out,
                    "- **{}:** {}",
                    md(labels.channels),
                    cell(&persona.channels.join(", "))
                );
            }
            for (title, text) in report.persona_sections(persona) {
                let _ = writeln!(out, "- **{}:** {}", md(title), cell(&text));
            }
            out.push('\n');
        }
    }

    if !report.stages.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n| {} | {} | {} | {} |\n| --- | --- | --- | --- |",
            md(labels.journey),
            md(labels.stage),
            md(labels.channels),
            md(labels.pain_points),
            md(labels.opportunities)
        );
        for stage in &report.stages {
            let truth = if stage.moment_of_truth {
                format!(" ★ *{}*", md(labels.moment_of_truth))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "| {}\\. {}{truth} | {} | {} | {} |",
                stage.position + 1,
                cell(&stage.title),
                cell(&stage.channels.join(", ")),
                cell(&stage.pain_points),
                cell(&stage.opportunities)
            );
        }
        out.push('\n');
    }

    if report.has_emotions {
        let _ = writeln!(
            out,
            "## {}\n\n![{}]({chart_file})\n\n**{}**\n",
            md(labels.emotions),
            md(labels.emotions),
            md(labels.chart_data)
        );
        let (header, rows) = report.chart_table();
        table(&mut out, &header, &rows);
        let (header, points) = report.point_notes();
        if !points.is_empty() {
            let _ = writeln!(out, "### {}\n", md(labels.point_notes));
            table(&mut out, &header, &points);
        }
    }

    experience(&mut out, report);

    if !report.notes.is_empty() {
        let (header, rows) = report.appendix();
        let _ = writeln!(out, "## {}\n", md(labels.appendix));
        table(&mut out, &header, &rows);
    }
    let _ = writeln!(out, "---\n\n*{}*", md(labels.made_with));
    out
}

/// The experience chapter: designed and felt per stage, the text lanes, the questions.
fn experience(out: &mut String, report: &Report) {
    let labels = report.labels;
    let lanes = report.text_lanes();
    let questions = report.question_sections();
    let table_of_stages = report.experience_table();
    if table_of_stages.is_none() && lanes.is_empty() && questions.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", md(labels.experience));
    if let Some((header, rows)) = table_of_stages {
        table(out, &header, &rows);
    }
    for (title, rows) in lanes {
        let _ = writeln!(out, "### {}\n", md(&title));
        table(out, &[labels.stage, title.as_str()], &rows);
    }
    if !questions.is_empty() {
        let _ = writeln!(out, "### {}\n", md(labels.questions));
        for question in questions {
            let _ = writeln!(
                out,
                "#### {}\n\n{}\n",
                md(&question.heading),
                md(&question.summary)
            );
            table(out, &question.header, &question.rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(md("[click](javascript:x)"), r"\[click\]\(javascript:x\)");
        assert_eq!(md("<b>*hi*</b>"), r"\<b\>\*hi\*\</b\>");
        assert_eq!(md("# not a heading"), r"\# not a heading");
        assert_eq!(md("a\nOwned\n  ==="), "a  \nOwned  \n  \\===");
        assert_eq!(cell("a|b\nc"), r"a\|b c");
    }
}
