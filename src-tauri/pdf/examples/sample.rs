//! Renders a report-sized sample (about 40 pages: 1,000 paragraphs, a 1,000-row table,
//! persona cards and a chart) and prints how long it took.
//!
//! `cargo run --release --example sample -- out.pdf` also writes the PDF.

use std::time::Instant;

use fiilis_pdf::{render, Block, Column, Document, Paper};

const PHOTO: &[u8] = include_bytes!("../tests/data/photo.jpg");

fn chart() -> String {
    let mut svg = String::from(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 440" width="960" height="440" font-family="Inter, Arial, sans-serif" font-size="14"><rect width="960" height="440" fill="#fff"/>"##,
    );
    let points: Vec<String> = (0..8)
        .map(|n| format!("{},{}", 100 + n * 110, 145 + (n * 53) % 150))
        .collect();
    svg.push_str(&format!(
        r##"<polyline points="{}" fill="none" stroke="#0072B2" stroke-width="3"/>"##,
        points.join(" ")
    ));
    for n in 0..8 {
        svg.push_str(&format!(
            r#"<text x="{}" y="420" text-anchor="middle">Vaihe {}</text>"#,
            100 + n * 110,
            n + 1
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn sample() -> Document {
    let mut blocks = vec![Block::Cover {
        title: "Työpaja ÅÖ: palvelupolun yhteissuunnittelu".into(),
        subtitle: Some("Session report – “Äänestys” and results…".into()),
        fields: vec![
            ("Date".into(), "2025-03-14".into()),
            ("Facilitator".into(), "Sanna Mäkelä".into()),
        ],
        logo: None,
    }];
    for section in 0..10 {
        blocks.push(Block::Heading {
            level: 1,
            text: format!("Section {}", section + 1),
        });
        for n in 0..100 {
            if n % 25 == 0 {
                blocks.push(Block::Heading {
                    level: 2,
                    text: format!("Topic {}.{}", section + 1, n / 25 + 1),
                });
            }
            blocks.push(Block::Paragraph(format!(
                "Idea {n}: participants discussed how the service could feel calmer at the start."
            )));
        }
    }
    blocks.push(Block::Heading {
        level: 1,
        text: "Personas".into(),
    });
    for n in 0..6 {
        blocks.push(Block::Card {
            image: Some(PHOTO.to_vec()),
            title: format!("Persona {n}"),
            fields: vec![
                ("Age".into(), format!("{}", 30 + n)),
                (
                    "Goals".into(),
                    "Wants to get help quickly without repeating the story.".into(),
                ),
            ],
        });
    }
    blocks.push(Block::Svg {
        svg: chart(),
        width_pt: 480.0,
        alt: "Kaavio".into(),
    });
    blocks.push(Block::Heading {
        level: 1,
        text: "Votes".into(),
    });
    blocks.push(Block::Table {
        columns: vec![
            Column {
                header: "Idea".into(),
                weight: 4.0,
                align_right: false,
            },
            Column {
                header: "Votes".into(),
                weight: 1.0,
                align_right: true,
            },
        ],
        rows: (0..1000)
            .map(|n| vec![format!("Idea {n}"), format!("{}", (n * 7) % 23)])
            .collect(),
        landscape: false,
    });
    Document {
        title: "Työpaja ÅÖ".into(),
        author: Some("Fiilis".into()),
        language: "fi".into(),
        paper: Paper::A4,
        page_label: "Sivu".into(),
        accent: None,
        blocks,
    }
}

fn main() {
    let document = sample();
    let started = Instant::now();
    let pdf = match render(&document) {
        Ok(pdf) => pdf,
        Err(error) => {
            eprintln!("render failed: {error}");
            std::process::exit(1);
        }
    };
    let elapsed = started.elapsed();
    println!(
        "rendered {} blocks into {} bytes in {:.0} ms",
        document.blocks.len(),
        pdf.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    if let Some(path) = std::env::args().nth(1) {
        if let Err(error) = std::fs::write(&path, &pdf) {
            eprintln!("cannot write {path}: {error}");
            std::process::exit(1);
        }
    }
}
