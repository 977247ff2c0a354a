//! The report as a PDF: the same sections as the HTML, laid out by `fiilis_pdf` with
//! embedded fonts, the chart kept as vectors, A4 or Letter.
//!
//! Everything people wrote goes in as plain text blocks; the typesetter never reads markup,
//! so nothing needs escaping here.

use base64::Engine;
use fiilis_pdf::{Block, Column, Document, Paper};

use super::Report;
use crate::error::{Error, Result};

/// A text column of a table, sharing the width with the others by `weight`.
fn column(header: &str, weight: f32) -> Column {
    Column {
        header: header.to_owned(),
        weight,
        align_right: false,
    }
}

fn number(header: &str) -> Column {
    Column {
        header: header.to_owned(),
        weight: 0.5,
        align_right: true,
    }
}

/// How wide a photo note's photo is set, in points: about as large as the note on the board.
const NOTE_PHOTO_WIDTH: f32 = 180.0;

/// The bytes of a photo's data URL (`data:image/…;base64,…`).
fn photo_bytes(data_url: &str) -> Option<Vec<u8>> {
    let (_, data) = data_url.split_once(";base64,")?;
    base64::engine::general_purpose::STANDARD.decode(data).ok()
}

pub(super) fn render(report: &Report, paper: Paper) -> Result<Vec<u8>> {
    let labels = report.labels;
    let workshop = &report.workshop;
    let mut blocks = Vec::new();

    let mut cover: Vec<(String, String)> = report
        .cover_facts()
        .into_iter()
        .map(|(label, value)| (label.to_owned(), value))
        .collect();
    cover.push((
        labels.participants.to_owned(),
        report.participants_summary(),
    ));
    blocks.push(Block::Cover {
        title: workshop.title.clone(),
        subtitle: Some(labels.report.to_owned()),
        fields: cover,
        logo: report.logo_bytes(),
    });
    blocks.push(Block::Contents {
        title: labels.contents.to_owned(),
    });

    let summary = report.summary();
    blocks.push(Block::Heading {
        level: 1,
        text: labels.summary.to_owned(),
    });
    blocks.push(Block::Fields(
        summary
            .figures
            .iter()
            .map(|(label, count)| ((*label).to_owned(), count.clone()))
            .collect(),
    ));
    if let Some((round, top)) = &summary.top {
        blocks.push(Block::Heading {
            level: 2,
            text: format!("{} · {round}", labels.top_ideas),
        });
        blocks.push(Block::Table {
            columns: vec![
                number(labels.rank),
                column(labels.note, 4.0),
                number(labels.votes),
            ],
            rows: top
                .iter()
                .map(|line| {
                    vec![
                        line.rank.clone(),
                        line.text.to_owned(),
                        line.votes.to_string(),
                    ]
                })
                .collect(),
            landscape: false,
        });
    }
    if !summary.truths.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: labels.moments_of_truth.to_owned(),
        });
        blocks.push(Block::Bullets(
            summary.truths.iter().map(|t| (*t).to_owned()).collect(),
        ));
    }
    if report.has_emotions {
        blocks.push(Block::Svg {
            svg: report.chart_svg.clone(),
            width_pt: f32::INFINITY,
            alt: labels.emotions.to_owned(),
        });
    }

    blocks.push(Block::Heading {
        level: 1,
        text: labels.ideas.to_owned(),
    });
    if report.notes.is_empty() {
        blocks.push(Block::Paragraph(labels.no_ideas.to_owned()));
    }
    for (cluster, notes) in report.groups() {
        let title = cluster.map_or(labels.not_clustered, |c| c.title.as_str());
        blocks.push(Block::Heading {
            level: 2,
            text: format!("{title} ({})", notes.len()),
        });
        blocks.push(Block::Bullets(
            notes.iter().map(|note| note.text.clone()).collect(),
        ));
        // The group's photo notes' photos follow its list, each named by its caption.
        for note in notes {
            if let Some(data) = report.note_photo(note).and_then(photo_bytes) {
                blocks.push(Block::Image {
                    data,
                    width_pt: NOTE_PHOTO_WIDTH,
                    alt: note.text.clone(),
                });
            }
        }
    }

    if !report.rounds.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: labels.voting.to_owned(),
        });
        for (round, results) in &report.rounds {
            blocks.push(Block::Heading {
                level: 2,
                text: report.round_title(round),
            });
            blocks.push(Block::Paragraph(report.round_settings(round)));
            let ranked = report.ranked(results);
            if ranked.is_empty() {
                blocks.push(Block::Paragraph(labels.no_votes.to_owned()));
                continue;
            }
            let mut columns = vec![
                number(labels.rank),
                column(labels.note, 4.0),
                number(labels.votes),
            ];
            if !round.anonymous {
                columns.push(column(labels.voters, 2.0));
            }
            let rows = ranked
                .into_iter()
                .map(|line| {
                    let mut row = vec![line.rank, line.text.to_owned(), line.votes.to_string()];
                    if !round.anonymous {
                        row.push(line.voters);
                    }
                    row
                })
                .collect();
            blocks.push(Block::Table {
                columns,
                rows,
                landscape: false,
            });
        }
    }

    if !report.personas.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: labels.personas.to_owned(),
        });
        for persona in &report.personas {
            let (facts, texts) = report.persona_details(persona);
            let mut fields: Vec<(String, String)> = Vec::new();
            if !persona.quote.is_empty() {
                fields.push((
                    String::new(),
                    format!("{}{}{}", labels.quotes.0, persona.quote, labels.quotes.1),
                ));
            }
            fields.extend(
                facts
                    .into_iter()
                    .chain(texts)
                    .map(|(label, text)| (label.to_owned(), text.to_owned())),
            );
            if !persona.channels.is_empty() {
                fields.push((labels.channels.to_owned(), persona.channels.join(", ")));
            }
            fields.extend(
                report
                    .persona_sections(persona)
                    .into_iter()
                    .map(|(title, text)| (title.to_owned(), text)),
            );
            blocks.push(Block::Card {
                image: persona
                    .photo_id
                    .as_deref()
                    .and_then(|id| report.photos.get(id))
                    .and_then(|url| photo_bytes(url)),
                title: persona.name.clone(),
                fields,
            });
        }
    }

    if !report.stages.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: labels.journey.to_owned(),
        });
        let rows = report
            .stages
            .iter()
            .map(|stage| {
                // A bullet, not the HTML report's star: the embedded Noto Sans has no star.
                let truth = if stage.moment_of_truth {
                    format!(" \u{2022} {}", labels.moment_of_truth)
                } else {
                    String::new()
                };
                vec![
                    format!("{}. {}{truth}", stage.position + 1, stage.title),
                    stage.channels.join(", "),
                    stage.pain_points.clone(),
                    stage.opportunities.clone(),
                ]
            })
            .collect();
        blocks.push(Block::Table {
            columns: vec![
                column(labels.stage, 1.5),
                column(labels.channels, 1.0),
                column(labels.pain_points, 2.0),
                column(labels.opportunities, 2.0),
            ],
            rows,
            landscape: false,
        });
    }

    if report.has_emotions {
        blocks.push(Block::Heading {
            level: 1,
            text: labels.emotions.to_owned(),
        });
        blocks.push(Block::Svg {
            svg: report.chart_svg.clone(),
            width_pt: f32::INFINITY,
            alt: labels.emotions.to_owned(),
        });
        let (header, rows) = report.chart_table();
        if !rows.is_empty() {
            blocks.push(Block::Heading {
                level: 2,
                text: labels.chart_data.to_owned(),
            });
            let mut columns = vec![column(&header[0], 2.0)];
            columns.extend(header[1..].iter().map(|stage| column(stage, 1.0)));
            // One column per stage: many stages need the width of a landscape page.
            let landscape = report.stages.len() > 6;
            blocks.push(Block::Table {
                columns,
                rows,
                landscape,
            });
        }
        let (header, points) = report.point_notes();
        if !points.is_empty() {
            blocks.push(Block::Heading {
                level: 2,
                text: labels.point_notes.to_owned(),
            });
            blocks.push(Block::Table {
                columns: vec![
                    column(header[0], 1.5),
                    column(header[1], 1.5),
                    column(header[2], 1.0),
                    number(header[3]),
                    column(header[4], 3.0),
                ],
                rows: points.into_iter().map(Vec::from).collect(),
                landscape: false,
            });
        }
    }

    experience(&mut blocks, report);

    if !report.notes.is_empty() {
        let (header, rows) = report.appendix();
        blocks.push(Block::Heading {
            level: 1,
            text: labels.appendix.to_owned(),
        });
        blocks.push(Block::Table {
            columns: vec![
                column(header[0], 3.0),
                column(header[1], 1.0),
                column(header[2], 1.0),
                column(header[3], 1.0),
                column(header[4], 1.0),
                column(header[5], 1.0),
            ],
            rows: rows
                .into_iter()
                .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
                .collect(),
            landscape: false,
        });
    }
    blocks.push(Block::Paragraph(labels.made_with.to_owned()));

    fiilis_pdf::render(&Document {
        title: workshop.title.clone(),
        author: Some(workshop.facilitator.clone()).filter(|name| !name.is_empty()),
        language: workshop.language.as_str().to_owned(),
        paper,
        page_label: labels.page.to_owned(),
        accent: Some(report.style.accent_rgb()),
        blocks,
    })
    .map_err(|error| Error::Report(error.to_string()))
}

/// The experience chapter: designed and felt per stage, the text lanes, the questions.
fn experience(blocks: &mut Vec<Block>, report: &Report) {
    let labels = report.labels;
    let lanes = report.text_lanes();
    let questions = report.question_sections();
    let table_of_stages = report.experience_table();
    if table_of_stages.is_none() && lanes.is_empty() && questions.is_empty() {
        return;
    }
    blocks.push(Block::Heading {
        level: 1,
        text: labels.experience.to_owned(),
    });
    if let Some((header, rows)) = table_of_stages {
        blocks.push(Block::Table {
            columns: vec![
                column(header[0], 1.3),
                column(header[1], 1.2),
                column(header[2], 1.5),
                column(header[3], 1.3),
                column(header[4], 1.3),
                column(header[5], 1.2),
            ],
            rows,
            landscape: true,
        });
    }
    for (title, rows) in lanes {
        blocks.push(Block::Heading {
            level: 2,
            text: title.clone(),
        });
        blocks.push(Block::Table {
            columns: vec![column(labels.stage, 1.0), column(&title, 3.0)],
            rows: rows.into_iter().map(Vec::from).collect(),
            landscape: false,
        });
    }
    if !questions.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: labels.questions.to_owned(),
        });
        for question in questions {
            blocks.push(Block::Heading {
                level: 3,
                text: question.heading,
            });
            blocks.push(Block::Paragraph(question.summary));
            blocks.push(Block::Table {
                columns: vec![column(question.header[0], 3.0), number(question.header[1])],
                rows: question.rows.into_iter().map(Vec::from).collect(),
                landscape: false,
            });
        }
    }
}
