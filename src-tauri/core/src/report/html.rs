//! The report as one self-contained HTML file: inline CSS, the chart as inline SVG, photos
//! (personas' and photo notes') as data URLs, no scripts. It prints well on A4 and Letter.

use std::fmt::Write;

use super::Report;
use crate::chart::escape;

const STYLE: &str = "
:root { color-scheme: light; }
header .logo { display: block; max-height: 56px; max-width: 200px; margin-bottom: 16px; }
body { font: 15px/1.55 Inter, 'Helvetica Neue', Arial, sans-serif; color: #111827; margin: 0 auto; max-width: 980px; padding: 40px 32px; }
h1 { font-size: 30px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 16px; margin: 20px 0 8px; }
.meta { color: #374151; margin: 0; }
dl.cover { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 20px 0; }
dt { font-weight: 600; } dd { margin: 0; }
ul.notes { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
ul.notes li { color: var(--ink); background: var(--fill); border: 1px solid var(--edge); border-radius: 4px; padding: 8px 10px; width: 200px; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.notes li img { display: block; width: 100%; max-height: 200px; object-fit: contain; margin-bottom: 6px; }
.personas { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 16px; }
.persona { border: 1px solid #D1D5DB; border-radius: 8px; padding: 16px; break-inside: avoid; }
.persona img, .avatar { width: 72px; height: 72px; border-radius: 50%; object-fit: cover; float: right; margin-left: 12px; }
.avatar { display: flex; align-items: center; justify-content: center; background: var(--accent); color: #fff; font-weight: 700; font-size: 24px; }
.persona q { display: block; font-style: italic; color: #374151; margin: 8px 0; }
.persona p { margin: 4px 0; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { border: 1px solid #D1D5DB; padding: 6px 8px; text-align: left; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; }
th { background: #F3F4F6; }
tr.truth td:first-child { font-weight: 700; }
.summary ul.figures { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 12px; }
.summary ul.figures li { border: 1px solid #D1D5DB; border-radius: 8px; padding: 10px 14px; min-width: 110px; }
.summary ul.figures strong { display: block; font-size: 26px; color: var(--accent); }
.summary ol.top { list-style: none; padding: 0; }
.summary ol.top li { padding: 4px 0; }
.summary .rank { display: inline-block; min-width: 2.2em; font-weight: 700; color: var(--accent); }
.summary .votes { color: #6B7280; }
.chart svg { width: 100%; height: auto; }
.chart figcaption { color: #6B7280; font-size: 12px; margin-top: 8px; }
table.chart-data td:not(:first-child) { text-align: right; }
footer { margin-top: 48px; color: #6B7280; font-size: 12px; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } .persona, tr { break-inside: avoid; } }
@page { margin: 18mm; }
";

/// One rule per note colour, from the palette the app draws notes with.
fn note_colours() -> String {
    let mut css = format!("ul.notes li {{ --ink: {}; }}\n", crate::palette::NOTE_INK);
    for swatch in &crate::palette::NOTE_SWATCHES {
        let _ = writeln!(
            css,
            ".note-{} {{ --fill: {}; --edge: {}; }}",
            swatch.colour, swatch.fill, swatch.edge
        );
    }
    css
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

/// A table of plain texts (every cell escaped), with a class for its styling.
fn table<H: AsRef<str>, C: AsRef<str>>(
    html: &mut String,
    header: &[H],
    rows: &[impl AsRef<[C]>],
    class: &str,
) {
    let _ = write!(html, "<table class=\"{class}\"><thead><tr>");
    for label in header {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(label.as_ref()));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for cell in row.as_ref() {
            let _ = write!(html, "<td>{}</td>", escape(cell.as_ref()));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
}

pub(super) fn render(report: &Report) -> String {
    let labels = report.labels;
    let workshop = &report.workshop;
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}{}</style></head><body>",
        workshop.language.as_str(),
        escape(&workshop.title),
        note_colours()
    );
    // The accent is written from its bytes, never from the stored text.
    let [r, g, b] = report.style.accent_rgb();
    let _ = write!(
        html,
        "<style>:root {{ --accent: #{r:02x}{g:02x}{b:02x}; }}</style>"
    );
    let _ = write!(
        html,
        "<header>{}<p class=\"meta\">{}</p><h1>{}</h1></header><dl class=\"cover\">",
        report
            .style
            .logo
            .as_deref()
            .map_or(String::new(), |url| format!(
                "<img class=\"logo\" src=\"{}\" alt=\"\">",
                escape(url)
            )),
        escape(labels.report),
        escape(&workshop.title)
    );
    for (label, value) in report.cover_facts() {
        let _ = write!(
            html,
            "<dt>{}</dt><dd>{}</dd>",
            escape(label),
            escape(&value)
        );
    }
    let participants = report.participants_summary();
    let _ = write!(
        html,
        "<dt>{}</dt><dd>{}</dd></dl>",
        escape(labels.participants),
        escape(&participants)
    );

    let summary = report.summary();
    let _ = write!(
        html,
        "<section class=\"summary\"><h2>{}</h2><ul class=\"figures\">",
        escape(labels.summary)
    );
    for (label, count) in &summary.figures {
        let _ = write!(
            html,
            "<li><strong>{}</strong> {}</li>",
            escape(count),
            escape(label)
        );
    }
    html.push_str("</ul>");
    if let Some((round, top)) = &summary.top {
        let _ = write!(
            html,
            "<h3>{} · {}</h3><ol class=\"top\">",
            escape(labels.top_ideas),
            escape(round)
        );
        for line in top {
            let _ = write!(
                html,
                "<li><span class=\"rank\">{}</span> {} <span class=\"votes\">({} {})</span></li>",
                escape(&line.rank),
                escape(line.text),
                line.votes,
                escape(&labels.votes.to_lowercase())
            );
        }
        html.push_str("</ol>");
    }
    if !summary.truths.is_empty() {
        let _ = write!(html, "<h3>{}</h3><ul>", escape(labels.moments_of_truth));
        for title in &summary.truths {
            let _ = write!(html, "<li>★ {}</li>", escape(title));
        }
        html.push_str("</ul>");
    }
    html.push_str("</section>");

    let _ = write!(html, "<h2>{}</h2>", escape(labels.ideas));
    if report.notes.is_empty() {
        let _ = write!(html, "<p>{}</p>", escape(labels.no_ideas));
    }
    for (cluster, notes) in report.groups() {
        let title = cluster.map_or(labels.not_clustered, |c| c.title.as_str());
        let _ = write!(
            html,
            "<h3>{} ({})</h3><ul class=\"notes\">",
            escape(title),
            notes.len()
        );
        for note in notes {
            // The class is the palette's own name (an unknown colour falls back to the
            // first), never the stored text. A photo note shows its photo above its caption,
            // which names it, as a persona's photo is named.
            let photo = report.note_photo(note).map_or(String::new(), |url| {
                format!(
                    "<img src=\"{}\" alt=\"{}\">",
                    escape(url),
                    escape(&note.text)
                )
            });
            let _ = write!(
                html,
                "<li class=\"note-{}\">{photo}{}</li>",
                crate::palette::note_swatch(&note.colour).colour,
                escape(&note.text)
            );
        }
        html.push_str("</ul>");
    }

    if !report.rounds.is_empty() {
        let _ = write!(html, "<h2>{}</h2>", escape(labels.voting));
        for (round, results) in &report.rounds {
            let _ = write!(
                html,
                "<h3>{}</h3><p>{}</p>",
                escape(&report.round_title(round)),
                escape(&report.round_settings(round))
            );
            let ranked = report.ranked(results);
            if ranked.is_empty() {
                let _ = write!(html, "<p>{}</p>", escape(labels.no_votes));
                continue;
            }
            let _ = write!(
                html,
                "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th>",
                escape(labels.rank),
                escape(labels.note),
                escape(labels.votes)
            );
            if !round.anonymous {
                let _ = write!(html, "<th>{}</th>", escape(labels.voters));
            }
            html.push_str("</tr></thead><tbody>");
            for line in ranked {
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td>",
                    line.rank,
                    escape(line.text),
                    line.votes
                );
                if !round.anonymous {
                    let _ = write!(html, "<td>{}</td>", escape(&line.voters));
                }
                html.push_str("</tr>");
            }
            html.push_str("</tbody></table>");
        }
    }

    if !report.personas.is_empty() {
        let _ = write!(
            html,
            "<h2>{}</h2><div class=\"personas\">",
            escape(labels.personas)
        );
        for persona in &report.personas {
            html.push_str("<article class=\"persona\">");
            match persona
                .photo_id
                .as_deref()
                .and_then(|id| report.photos.get(id))
            {
                Some(url) => {
                    let _ = write!(
                        html,
                        "<img src=\"{}\" alt=\"{}\">",
                        escape(url),
                        escape(&persona.name)
                    );
                }
                None => {
                    let _ = write!(
                        html,
                        "<div class=\"avatar\" aria-hidden=\"true\">{}</div>",
                        escape(&initials(&persona.name))
                    );
                }
            }
            let _ = write!(html, "<h3>{}</h3>", escape(&persona.name));
            let (facts, texts) = report.persona_details(persona);
            let facts: Vec<String> = facts
                .into_iter()
                .map(|(label, value)| format!("{}: {}", escape(label), escape(value)))
                .collect();
            if !facts.is_empty() {
                let _ = write!(html, "<p>{}</p>", facts.join(" · "));
            }
            if !persona.quote.is_empty() {
                let _ = write!(html, "<q>{}</q>", escape(&persona.quote));
            }
            for (label, value) in texts {
                let _ = write!(
                    html,
                    "<p><strong>{}:</strong> {}</p>",
                    escape(label),
                    escape(value)
                );
            }
            if !persona.channels.is_empty() {
                let _ = write!(
                    html,
                    "<p><strong>{}:</strong> {}</p>",
                    escape(labels.channels),
                    escape(&persona.channels.join(", "))
                );
            }
            for (title, text) in report.persona_sections(persona) {
                let _ = write!(
                    html,
                    "<p><strong>{}:</strong> {}</p>",
                    escape(title),
                    escape(&text)
                );
            }
            html.push_str("</article>");
        }
        html.push_str("</div>");
    }

    if !report.stages.is_empty() {
        let _ = write!(
            html,
            "<h2>{}</h2><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            escape(labels.journey),
            escape(labels.stage),
            escape(labels.channels),
            escape(labels.pain_points),
            escape(labels.opportunities),
            escape(labels.description)
        );
        for stage in &report.stages {
            let truth = if stage.moment_of_truth {
                format!(" ★ {}", escape(labels.moment_of_truth))
            } else {
                String::new()
            };
            let class = if stage.moment_of_truth {
                " class=\"truth\""
            } else {
                ""
            };
            let _ = write!(
                html,
                "<tr{class}><td>{}. {}{truth}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                stage.position + 1,
                escape(&stage.title),
                escape(&stage.channels.join(", ")),
                escape(&stage.pain_points),
                escape(&stage.opportunities),
                escape(&stage.description)
            );
        }
        html.push_str("</tbody></table>");
    }

    if report.has_emotions {
        // The chart comes from core's own renderer, which escapes every text it draws. Its
        // figures follow as a table, for screen readers and for anyone reading exact values.
        let _ = write!(
            html,
            "<h2>{}</h2><figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
            escape(labels.emotions),
            report.chart_svg,
            escape(labels.chart_data)
        );
        let (header, rows) = report.chart_table();
        table(&mut html, &header, &rows, "chart-data");
        let (header, points) = report.point_notes();
        if !points.is_empty() {
            let _ = write!(html, "<h3>{}</h3>", escape(labels.point_notes));
            table(&mut html, &header, &points, "point-notes");
        }
    }

    experience(&mut html, report);

    if !report.notes.is_empty() {
        let (header, rows) = report.appendix();
        let _ = write!(html, "<h2>{}</h2>", escape(labels.appendix));
        table(&mut html, &header, &rows, "appendix");
    }
    let _ = writeln!(
        html,
        "<footer>{}</footer></body></html>",
        escape(labels.made_with)
    );
    html
}

/// The experience chapter: designed and felt per stage, the text lanes, the questions.
fn experience(html: &mut String, report: &Report) {
    let labels = report.labels;
    let lanes = report.text_lanes();
    let questions = report.question_sections();
    let table_of_stages = report.experience_table();
    if table_of_stages.is_none() && lanes.is_empty() && questions.is_empty() {
        return;
    }
    let _ = write!(html, "<h2>{}</h2>", escape(labels.experience));
    if let Some((header, rows)) = table_of_stages {
        table(html, &header, &rows, "experience");
    }
    for (title, rows) in lanes {
        let _ = write!(html, "<h3>{}</h3>", escape(&title));
        table(html, &[labels.stage, title.as_str()], &rows, "lane");
    }
    if !questions.is_empty() {
        let _ = write!(html, "<h3>{}</h3>", escape(labels.questions));
        for question in questions {
            let _ = write!(
                html,
                "<h4>{}</h4><p class=\"figure\">{}</p>",
                escape(&question.heading),
                escape(&question.summary)
            );
            table(html, &question.header, &question.rows, "answers");
        }
    }
}
