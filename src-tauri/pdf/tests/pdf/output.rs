//! What a well-formed report turns into: its words, page sizes, footers, metadata, fonts,
//! pictures and charts, and the errors for pictures that cannot be used.

use fiilis_pdf::{render, Block, Column, Paper, PdfError};

use crate::common::{
    document, flat_text, info, info_field, pages, poppler, rendered, text, text_of_page,
};

const PNG: &[u8] = include_bytes!("../data/photo.png");
const JPEG: &[u8] = include_bytes!("../data/photo.jpg");

fn columns() -> Vec<Column> {
    vec![
        Column {
            header: "Idea".into(),
            weight: 3.0,
            align_right: false,
        },
        Column {
            header: "Äänet".into(),
            weight: 1.0,
            align_right: true,
        },
    ]
}

fn chart(label: &str) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200" font-family="Inter, Arial, sans-serif"><polyline points="10,150 100,40 200,120 390,20" fill="none" stroke="#0072B2" stroke-width="3"/><circle cx="100" cy="40" r="5" fill="#D55E00"/><text x="20" y="190" font-size="14">{label}</text></svg>"##
    )
}

#[test]
fn every_kind_of_text_comes_back_with_finnish_letters_and_punctuation() {
    let pdf = rendered(vec![
        Block::Cover {
            title: "Työpaja ÅÖ".into(),
            subtitle: Some("Yhteissuunnittelu – raportti".into()),
            fields: vec![("Fasilitaattori".into(), "Åsa Öhman".into())],
            logo: None,
        },
        Block::Heading {
            level: 1,
            text: "Äänestys".into(),
        },
        Block::Paragraph("Hän sanoi: “hyvä” ja ‘parempi’ — sekä… loput.".into()),
        Block::Fields(vec![("Rooli".into(), "sairaanhoitaja".into())]),
        Block::Bullets(vec!["Ensimmäinen kohta".into(), "Toinen kohta".into()]),
        Block::Table {
            columns: columns(),
            rows: vec![vec!["Pöytävaraus verkossa".into(), "12".into()]],
            landscape: false,
        },
        Block::Card {
            image: Some(PNG.to_vec()),
            title: "Persoona Väinö".into(),
            fields: vec![("Tavoite".into(), "Löytää apua nopeasti".into())],
        },
    ]);
    let text = flat_text(&pdf);
    for expected in [
        "Työpaja ÅÖ",
        "Yhteissuunnittelu – raportti",
        "Fasilitaattori: Åsa Öhman",
        "Äänestys",
        "Hän sanoi: “hyvä” ja ‘parempi’ — sekä… loput.",
        "Rooli: sairaanhoitaja",
        "Ensimmäinen kohta",
        "Toinen kohta",
        "Idea",
        "Äänet",
        "Pöytävaraus verkossa",
        "12",
        "Persoona Väinö",
        "Tavoite: Löytää apua nopeasti",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {text:?}"
        );
    }
}

#[test]
fn long_text_wraps_onto_many_lines_and_reads_back_whole() {
    let words: Vec<String> = (0..400).map(|n| format!("sana{n}")).collect();
    let paragraph = words.join(" ");
    let pdf = rendered(vec![Block::Paragraph(paragraph.clone())]);
    let raw = text(&pdf);
    assert!(raw.lines().count() > 20, "the paragraph wrapped: {raw}");
    assert!(
        raw.lines().all(|line| line.chars().count() < 120),
        "no line runs off the page"
    );
    assert!(flat_text(&pdf).contains(&paragraph));
}

#[test]
fn paper_sizes_are_a4_and_letter() {
    let mut a4 = document(vec![Block::Paragraph("A4".into())]);
    let mut letter = a4.clone();
    letter.paper = Paper::Letter;
    a4.paper = Paper::A4;
    let a4 = render(&a4).unwrap();
    let letter = render(&letter).unwrap();
    assert!(info_field(&a4, "Page size").starts_with("595.276 x 841.89 pts"));
    assert_eq!(info_field(&letter, "Page size"), "612 x 792 pts (letter)");
}

#[test]
fn the_page_count_grows_with_content_and_the_footer_counts_pages() {
    let one = rendered(vec![Block::Paragraph("Lyhyt.".into())]);
    assert_eq!(pages(&one), 1);
    assert!(text(&one).contains("Page 1 / 1"));

    let many = rendered(
        (0..300)
            .map(|n| Block::Paragraph(format!("Kappale {n} kertoo jotain.")))
            .collect(),
    );
    let count = pages(&many);
    assert!(count >= 4, "{count} pages");
    assert!(text_of_page(&many, 1).contains(&format!("Page 1 / {count}")));
    assert!(text_of_page(&many, count).contains(&format!("Page {count} / {count}")));
    assert!(text_of_page(&many, count).contains("Kappale 299"));
}

#[test]
fn the_footer_uses_the_page_label() {
    let mut finnish = document(vec![Block::Paragraph("Teksti.".into())]);
    finnish.page_label = "Sivu".into();
    assert!(text(&render(&finnish).unwrap()).contains("Sivu 1 / 1"));
}

#[test]
fn metadata_carries_title_author_and_language() {
    let pdf = rendered(vec![Block::Paragraph("Teksti.".into())]);
    assert_eq!(info_field(&pdf, "Title"), "Työpaja ÅÖ");
    assert_eq!(info_field(&pdf, "Author"), "Fiilis tests");
    let bytes = String::from_utf8_lossy(&pdf);
    assert!(bytes.contains("/Lang(fi)"), "no document language");
}

#[test]
fn fonts_are_embedded_and_subsetted() {
    let pdf = rendered(vec![
        Block::Heading {
            level: 2,
            text: "Lihava".into(),
        },
        Block::Paragraph("Tavallinen".into()),
        Block::Cover {
            title: "Kansi".into(),
            subtitle: Some("Kursiivi".into()),
            fields: vec![],
            logo: None,
        },
    ]);
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "regular, bold and italic: {fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert!(columns[0].contains("+NotoSans"), "{row}");
        // emb, sub and uni: embedded, subsetted, with a ToUnicode map.
        let flags = &columns[columns.len() - 5..columns.len() - 2];
        assert_eq!(flags, ["yes", "yes", "yes"], "{row}");
    }
}

#[test]
fn a_chart_stays_vector_and_its_labels_stay_text() {
    let chart_only = rendered(vec![Block::Svg {
        svg: chart("Tunnekäyrä vaiheittain"),
        width_pt: 400.0,
        alt: "Kaavio".into(),
    }]);
    let images = poppler("pdfimages", &["-list"], &chart_only);
    assert_eq!(images.lines().count(), 2, "only the list header: {images}");
    assert!(flat_text(&chart_only).contains("Tunnekäyrä vaiheittain"));
    // The same check does see pictures, so its silence above means something.
    let with_photo = rendered(vec![
        Block::Svg {
            svg: chart("Tunnekäyrä"),
            width_pt: 400.0,
            alt: "Kaavio".into(),
        },
        Block::Image {
            data: JPEG.to_vec(),
            width_pt: 100.0,
            alt: "Kuva".into(),
        },
    ]);
    let images = poppler("pdfimages", &["-list"], &with_photo);
    assert_eq!(images.lines().count(), 3, "{images}");
}

#[test]
fn png_and_jpeg_photos_are_embedded() {
    let pdf = rendered(vec![
        Block::Image {
            data: PNG.to_vec(),
            width_pt: 200.0,
            alt: "Kuva".into(),
        },
        Block::Card {
            image: Some(JPEG.to_vec()),
            title: "Persoona".into(),
            fields: vec![],
        },
    ]);
    let images = poppler("pdfimages", &["-list"], &pdf);
    let rows: Vec<&str> = images.lines().skip(2).collect();
    // The PNG's alpha channel travels as a soft mask of its own.
    assert_eq!(rows.len(), 3, "{images}");
    assert!(rows
        .iter()
        .any(|row| row.contains(" 64 ") && row.contains(" 48 ")));
    assert!(rows.iter().any(|row| row.contains(" jpeg ")), "{images}");
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let blocks = vec![
        Block::Heading {
            level: 1,
            text: "Sama".into(),
        },
        Block::Paragraph("Sama teksti.".into()),
        Block::Svg {
            svg: chart("Sama"),
            width_pt: 300.0,
            alt: "Kaavio".into(),
        },
    ];
    assert_eq!(rendered(blocks.clone()), rendered(blocks));
}

#[test]
fn unreadable_pictures_fail_with_the_block_named() {
    let cases: Vec<(Block, &str)> = vec![
        (
            Block::Image {
                data: b"not an image".to_vec(),
                width_pt: 100.0,
                alt: "Kuva".into(),
            },
            "not a PNG or JPEG",
        ),
        (
            Block::Image {
                data: include_bytes!("../data/huge.png").to_vec(),
                width_pt: 100.0,
                alt: "Kuva".into(),
            },
            "too large",
        ),
        (
            Block::Card {
                image: Some(b"\x89PNG\r\n\x1a\nrest is garbage".to_vec()),
                title: "Persoona".into(),
                fields: vec![],
            },
            "",
        ),
        // The header is fine; the pixel data only fails when it is decoded for writing.
        (
            Block::Image {
                data: include_bytes!("../data/broken-data.png").to_vec(),
                width_pt: 100.0,
                alt: "Kuva".into(),
            },
            "",
        ),
    ];
    for (block, reason_part) in cases {
        let blocks = vec![Block::Paragraph("Ennen.".into()), block];
        match render(&document(blocks)) {
            Err(PdfError::Image { block, reason }) => {
                assert_eq!(block, 1);
                assert!(reason.contains(reason_part), "{reason}");
            }
            other => panic!("expected an image error, got {other:?}"),
        }
    }
}

#[test]
fn an_unreadable_svg_fails_with_the_block_named() {
    for svg in [
        "",
        "not svg at all",
        "<svg",
        "<html></html>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"/>",
    ] {
        let blocks = vec![
            Block::Paragraph("Ennen.".into()),
            Block::Paragraph("Ennen.".into()),
            Block::Svg {
                svg: svg.into(),
                width_pt: 100.0,
                alt: "Kaavio".into(),
            },
        ];
        match render(&document(blocks)) {
            Err(PdfError::Svg { block, .. }) => assert_eq!(block, 2, "{svg:?}"),
            other => panic!("expected an SVG error for {svg:?}, got {other:?}"),
        }
    }
}

#[test]
fn pdfinfo_accepts_a_full_report() {
    let pdf = rendered(vec![
        Block::Cover {
            title: "Raportti".into(),
            subtitle: None,
            fields: vec![],
            logo: None,
        },
        Block::Svg {
            svg: chart("Kaavio"),
            width_pt: f32::NAN,
            alt: "Kaavio".into(),
        },
    ]);
    assert!(info(&pdf).contains("PDF version"));
    assert_eq!(pages(&pdf), 2);
}
