//! The tagged structure: what each piece of content is, in reading order, for screen
//! readers and reflow.

use fiilis_pdf::{Block, Column};

use crate::common::{info_field, poppler, rendered};

const PNG: &[u8] = include_bytes!("../data/photo.png");

fn columns() -> Vec<Column> {
    ["Idea", "Äänet"]
        .into_iter()
        .map(|header| Column {
            header: header.into(),
            weight: 1.0,
            align_right: false,
        })
        .collect()
}

fn report() -> Vec<Block> {
    vec![
        Block::Heading {
            level: 1,
            text: "Äänestys".into(),
        },
        Block::Paragraph("Ensimmäinen kappale.".into()),
        Block::Heading {
            level: 2,
            text: "Tulokset".into(),
        },
        Block::Bullets(vec!["Kohta yksi".into(), "Kohta kaksi".into()]),
        Block::Table {
            columns: columns(),
            // Enough rows for three pages: the header repeats, but only as decoration.
            rows: (0..150)
                .map(|n| vec![format!("Rivi {n}"), n.to_string()])
                .collect(),
            landscape: false,
        },
        Block::Svg {
            svg: r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50"/></svg>"#.into(),
            width_pt: 200.0,
            alt: "Emotion curve by stage".into(),
        },
        Block::Image {
            data: PNG.to_vec(),
            width_pt: 100.0,
            alt: "Workshop wall".into(),
        },
        Block::Image {
            data: PNG.to_vec(),
            width_pt: 50.0,
            alt: String::new(),
        },
        Block::Paragraph("Viimeinen kappale.".into()),
    ]
}

/// The structure elements' kinds, one per line, from `pdfinfo -struct`.
fn kinds(pdf: &[u8]) -> Vec<String> {
    poppler("pdfinfo", &["-struct"], pdf)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(|kind| kind.trim_end_matches(':').to_owned())
        .collect()
}

#[test]
fn the_pdf_is_tagged_with_headings_paragraphs_lists_tables_and_figures() {
    let pdf = rendered(report());
    assert_eq!(info_field(&pdf, "Tagged"), "yes");
    let kinds = kinds(&pdf);
    for kind in [
        "Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind}: {kinds:?}");
    }
    let count = |kind: &str| kinds.iter().filter(|k| *k == kind).count();
    // One header row, though it is drawn on every page the table spans.
    assert_eq!(count("TH"), 2);
    assert_eq!(count("TR"), 151);
    // The picture without alternative text is decoration, not a figure.
    assert_eq!(count("Figure"), 2);
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/Alt(Emotion curve by stage)"), "no alt text");
    assert!(raw.contains("/Alt(Workshop wall)"), "no alt text");
    assert!(raw.contains("/Lang(fi)"), "no document language");
}

#[test]
fn the_reading_order_is_the_block_order() {
    let pdf = rendered(report());
    let text = poppler("pdfinfo", &["-struct-text"], &pdf);
    let mut last = 0;
    for expected in [
        "\"Äänestys\"",
        "\"Ensimmäinen kappale.\"",
        "\"Tulokset\"",
        "\"Kohta yksi\"",
        "\"Kohta kaksi\"",
        "\"Idea\"",
        "\"Rivi 0\"",
        "\"Rivi 149\"",
        "\"Viimeinen kappale.\"",
    ] {
        let at = text[last..]
            .find(expected)
            .unwrap_or_else(|| panic!("{expected} missing or out of order in {text}"));
        last += at + expected.len();
    }
    // Footers are artifacts, not content.
    assert!(!text.contains("Page 1 /"), "{text}");
}
