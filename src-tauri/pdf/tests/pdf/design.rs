//! The report's design: the contents list and outline, the cover, and landscape pages
//! for wide tables.

use std::process::Command;

use fiilis_pdf::{render, Block, Column};

use crate::common::{document, info, pages, poppler, raw_text, rendered, text_of_page, PdfFile};

const PNG: &[u8] = include_bytes!("../data/photo.png");

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

fn filler(paragraphs: usize) -> Vec<Block> {
    (0..paragraphs)
        .map(|n| Block::Paragraph(format!("Kappale {n} kertoo työpajan kulusta. ").repeat(6)))
        .collect()
}

fn cover() -> Block {
    Block::Cover {
        title: "Työpaja".into(),
        subtitle: Some("Raportti".into()),
        fields: vec![("Päivä".into(), "14.3.2025".into())],
        logo: Some(PNG.to_vec()),
    }
}

/// The first page (counted from 1) whose text has a line that is exactly `line`.
fn page_with_line(pdf: &[u8], line: &str, from: usize) -> usize {
    (from..=pages(pdf))
        .find(|&page| text_of_page(pdf, page).lines().any(|l| l.trim() == line))
        .unwrap_or_else(|| panic!("no page has {line:?}"))
}

#[test]
fn the_contents_list_names_each_heading_with_the_page_it_starts_on() {
    let mut blocks = vec![
        cover(),
        Block::Contents {
            title: "Sisällys".into(),
        },
        heading(1, "Johdanto"),
    ];
    blocks.extend(filler(3));
    blocks.push(heading(2, "Tausta ja tavoitteet"));
    blocks.extend(filler(40));
    blocks.push(heading(1, "Tulokset"));
    blocks.push(heading(3, "Pieni yksityiskohta"));
    blocks.extend(filler(10));
    blocks.push(heading(2, "Äänestyksen tulos"));
    blocks.extend(filler(30));
    blocks.push(heading(1, "Liitteet"));
    let pdf = rendered(blocks);

    let contents = raw_text(&pdf)
        .split("Page 2 /")
        .next()
        .unwrap()
        .rsplit("Page 1 /")
        .next()
        .unwrap()
        .to_owned();
    assert!(contents.contains("Sisällys"), "{contents}");
    let mut previous = 0;
    for title in [
        "Johdanto",
        "Tausta ja tavoitteet",
        "Tulokset",
        "Äänestyksen tulos",
        "Liitteet",
    ] {
        let page = page_with_line(&pdf, title, 3);
        assert!(page >= previous, "{title} on page {page}");
        previous = page;
        let entry = contents
            .lines()
            .find(|line| line.starts_with(title))
            .unwrap_or_else(|| panic!("{title} is not listed: {contents}"));
        let number: usize = entry[title.len()..]
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{entry:?} does not end with a page number"));
        assert_eq!(number, page, "{title}");
    }
    assert!(previous >= 5, "the headings spread over pages: {previous}");
    // Level 3 is too fine for the contents list.
    assert!(!contents.contains("Pieni yksityiskohta"), "{contents}");

    // Every heading is a bookmark too.
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/Outlines"), "no outline");
    for title in ["Johdanto", "Tulokset", "Pieni yksityiskohta", "Liitteet"] {
        assert!(
            raw.contains(&format!("/Title({title})")),
            "no bookmark {title}"
        );
    }
}

/// The colour of the pixel at (`x`, `y`), as fractions of the width and height, of page
/// 1 rendered small.
fn pixel(pdf: &[u8], x: f32, y: f32) -> (u8, u8, u8) {
    let file = PdfFile::new(pdf);
    let prefix = file.0.with_extension("");
    let output = Command::new("pdftoppm")
        .args(["-r", "20", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&file.0)
        .arg(&prefix)
        .output()
        .expect("pdftoppm runs (poppler-utils)");
    assert!(output.status.success());
    let ppm_path = prefix.with_extension("ppm");
    let ppm = std::fs::read(&ppm_path).expect("pdftoppm wrote the page");
    let _ = std::fs::remove_file(&ppm_path);
    // P6 header: magic, width, height, maximum value, each followed by whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
        at += 1;
    }
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    let (x, y) = ((width as f32 * x) as usize, (height as f32 * y) as usize);
    let offset = at + 3 * (y * width + x);
    (ppm[offset], ppm[offset + 1], ppm[offset + 2])
}

#[test]
fn the_cover_has_a_band_of_the_accent_colour_the_title_and_the_logo() {
    let pdf = rendered(vec![cover(), Block::Paragraph("Sisältö.".into())]);
    assert_eq!(
        pixel(&pdf, 0.5, 0.05),
        (0x0f, 0x6b, 0x5c),
        "the app's green"
    );
    assert_eq!(pixel(&pdf, 0.5, 0.9), (255, 255, 255), "white below");
    let page = text_of_page(&pdf, 1);
    for expected in ["Työpaja", "Raportti", "Päivä: 14.3.2025"] {
        assert!(page.contains(expected), "{expected} missing: {page}");
    }
    let images = poppler("pdfimages", &["-list", "-f", "1", "-l", "1"], &pdf);
    assert!(images.lines().count() > 2, "no logo: {images}");

    let mut red = document(vec![cover()]);
    red.accent = Some([180, 20, 40]);
    let pdf = render(&red).unwrap();
    assert_eq!(pixel(&pdf, 0.5, 0.05), (180, 20, 40));
}

#[test]
fn a_bad_logo_fails_with_the_block_named() {
    let blocks = vec![
        Block::Paragraph("Ennen.".into()),
        Block::Cover {
            title: "Työpaja".into(),
            subtitle: None,
            fields: Vec::new(),
            logo: Some(b"not a picture".to_vec()),
        },
    ];
    match render(&document(blocks)) {
        Err(fiilis_pdf::PdfError::Image { block, .. }) => assert_eq!(block, 1),
        other => panic!("expected an image error, got {other:?}"),
    }
}

const STAGES: [&str; 16] = [
    "Tarpeen tunnistaminen",
    "Tiedonhaku",
    "Vertailu",
    "Yhteydenotto",
    "Ajanvaraus",
    "Muistutus",
    "Saapuminen",
    "Ilmoittautuminen",
    "Odottaminen",
    "Vastaanotto",
    "Tutkimukset",
    "Hoitosuunnitelma",
    "Maksaminen",
    "Kotiutuminen",
    "Seuranta",
    "Palautteenanto",
];

fn page_size(pdf: &[u8], page: usize) -> String {
    let page = page.to_string();
    let info = poppler("pdfinfo", &["-f", &page, "-l", &page], pdf);
    info.lines()
        .find(|line| line.starts_with(&format!("Page {page:>4} size:")))
        .unwrap_or_else(|| panic!("no size for page {page}: {info}"))
        .to_owned()
}

#[test]
fn a_sixteen_column_table_gets_landscape_pages_and_keeps_its_headers_readable() {
    let columns = STAGES
        .iter()
        .map(|stage| Column {
            header: (*stage).into(),
            weight: 1.0,
            align_right: false,
        })
        .collect();
    let rows = (0..3)
        .map(|row| {
            STAGES
                .iter()
                .map(|stage| format!("{stage} {row}"))
                .collect()
        })
        .collect();
    let pdf = rendered(vec![
        Block::Paragraph("Ennen taulukkoa.".into()),
        heading(2, "Palvelupolku"),
        Block::Table {
            columns,
            rows,
            landscape: true,
        },
        Block::Paragraph("Taulukon jälkeen.".into()),
    ]);
    info(&pdf);
    assert_eq!(pages(&pdf), 3, "portrait, landscape, portrait");
    assert!(
        page_size(&pdf, 1).contains("595.276 x 841.89"),
        "{}",
        page_size(&pdf, 1)
    );
    assert!(
        page_size(&pdf, 2).contains("841.89 x 595.276"),
        "{}",
        page_size(&pdf, 2)
    );
    assert!(
        page_size(&pdf, 3).contains("595.276 x 841.89"),
        "{}",
        page_size(&pdf, 3)
    );
    // The heading went along with its table.
    let landscape = text_of_page(&pdf, 2);
    assert!(landscape.contains("Palvelupolku"), "{landscape}");
    assert!(text_of_page(&pdf, 3).contains("Taulukon jälkeen."));

    // Every header reads back whole, once hyphenated line ends are joined.
    let raw = raw_text(&pdf).replace("-\n", "").replace('\n', " ");
    for stage in STAGES {
        assert!(raw.contains(stage), "{stage} is not whole in {raw}");
    }
}
