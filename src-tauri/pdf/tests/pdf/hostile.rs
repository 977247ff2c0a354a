//! Odd and hostile input: each case must give a PDF that pdfinfo accepts (or, for
//! unusable pictures, an error), never a panic or a hang.

use std::time::{Duration, Instant};

use fiilis_pdf::{render, Block, Column, Paper};

use crate::common::{document, flat_text, info, pages, rendered, text};

const MEGABYTE: usize = 1 << 20;

fn every_block(text: &str) -> Vec<Block> {
    let pair = (text.to_owned(), text.to_owned());
    vec![
        Block::Cover {
            title: text.into(),
            subtitle: Some(text.into()),
            fields: vec![pair.clone()],
            logo: None,
        },
        Block::Heading {
            level: 1,
            text: text.into(),
        },
        Block::Paragraph(text.into()),
        Block::Fields(vec![pair.clone()]),
        Block::Bullets(vec![text.into()]),
        Block::Table {
            columns: vec![Column {
                header: text.into(),
                weight: 1.0,
                align_right: true,
            }],
            rows: vec![vec![text.into()]],
            landscape: false,
        },
        Block::Card {
            image: None,
            title: text.into(),
            fields: vec![pair],
        },
    ]
}

/// Renders `text` in every block, in the metadata and in the footer label.
fn render_everywhere(text: &str) -> Vec<u8> {
    let mut document = document(every_block(text));
    document.title = text.into();
    document.author = Some(text.into());
    document.language = text.into();
    document.page_label = text.into();
    render(&document).expect("text alone never fails a render")
}

#[test]
fn an_empty_document_is_one_blank_page() {
    let pdf = rendered(Vec::new());
    assert_eq!(pages(&pdf), 1);
}

#[test]
fn empty_strings_and_empty_lists_everywhere() {
    let pdf = render_everywhere("");
    info(&pdf);
    let empties = rendered(vec![
        Block::Fields(Vec::new()),
        Block::Bullets(Vec::new()),
        Block::Table {
            columns: Vec::new(),
            rows: vec![vec!["ignored".into()]],
            landscape: false,
        },
        Block::Table {
            columns: vec![Column {
                header: String::new(),
                weight: 1.0,
                align_right: false,
            }],
            rows: vec![Vec::new(), vec![String::new(), "extra cell".into()]],
            landscape: false,
        },
        Block::Card {
            image: None,
            title: String::new(),
            fields: Vec::new(),
        },
    ]);
    assert!(!text(&empties).contains("ignored"));
    assert!(!text(&empties).contains("extra cell"));
}

#[test]
fn a_megabyte_paragraph_fills_many_pages_in_reasonable_time() {
    let words: String = (0..MEGABYTE / 8).map(|n| format!("{n:07} ")).collect();
    let started = Instant::now();
    let pdf = rendered(vec![Block::Paragraph(words)]);
    let elapsed = started.elapsed();
    let count = pages(&pdf);
    assert!(count > 100, "{count} pages");
    // Linear work takes seconds; quadratic would take hours. The bound is loose because
    // the machine may be shared and the dependencies built unoptimised.
    assert!(elapsed < Duration::from_secs(300), "{elapsed:?}");
    let text = flat_text(&pdf);
    assert!(text.contains("0000000 0000001"));
    assert!(text.contains(&format!("{:07}", MEGABYTE / 8 - 1)));
}

#[test]
fn a_megabyte_in_every_place_renders() {
    // Half one long word, half short words: both the character and the word breaking paths.
    let text = "ä".repeat(MEGABYTE / 4) + &"Työpaja ".repeat(MEGABYTE / 16);
    assert!(text.len() >= MEGABYTE);
    let pdf = render_everywhere(&text);
    assert!(pages(&pdf) > 1000);
}

#[test]
fn control_characters_are_dropped() {
    let nasty: String = (0u8..32)
        .map(char::from)
        .chain(['\u{7F}', '\u{85}', '\u{9F}'])
        .collect();
    let pdf = render_everywhere(&format!("alku{nasty}loppu\0"));
    let text = text(&pdf);
    assert!(text.contains("alku"), "{text}");
    assert!(text.contains("loppu"));
    assert!(!text.contains('\0'));
}

#[test]
fn bidi_overrides_rtl_scripts_emoji_and_missing_glyphs_do_not_break_anything() {
    let samples = [
        "\u{202E}käänteinen\u{202C} teksti \u{2067}eristetty\u{2069}",
        "שלום עולם مرحبا بالعالم",
        "perhe 👨‍👩‍👧‍👦 ja lippu 🏳️‍🌈 ja käsi 👍🏽",
        "漢字とかな 한국어",
        "e\u{301}\u{302}\u{303}\u{304} \u{FEFF}\u{200B}\u{200D}\u{FFFD}\u{10FFFF}",
    ];
    for sample in samples {
        let pdf = render_everywhere(sample);
        assert!(pages(&pdf) >= 2, "{sample}");
    }
    let pdf = rendered(vec![Block::Paragraph(samples[0].into())]);
    let text = flat_text(&pdf);
    assert!(text.contains("käänteinen teksti eristetty"), "{text}");
}

#[test]
fn a_storm_of_combining_marks_on_one_letter() {
    let storm = format!("a{}", "\u{301}".repeat(100_000));
    let started = Instant::now();
    let pdf = rendered(vec![
        Block::Paragraph(storm.clone()),
        Block::Table {
            columns: vec![Column {
                header: storm.clone(),
                weight: 1.0,
                align_right: false,
            }],
            rows: vec![vec![storm]],
            landscape: false,
        },
    ]);
    assert!(started.elapsed() < Duration::from_secs(300));
    info(&pdf);
}

#[test]
fn nonsense_sizes_and_levels_are_tamed() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50"/></svg>"#;
    let mut blocks = Vec::new();
    for width_pt in [
        f32::NAN,
        -10.0,
        0.0,
        f32::INFINITY,
        f32::NEG_INFINITY,
        1e30,
        1e-30,
        f32::MIN_POSITIVE,
    ] {
        blocks.push(Block::Svg {
            svg: svg.into(),
            width_pt,
            alt: "Kaavio".into(),
        });
        blocks.push(Block::Image {
            data: include_bytes!("../data/photo.jpg").to_vec(),
            width_pt,
            alt: "Kuva".into(),
        });
    }
    for level in [0, 4, 255] {
        blocks.push(Block::Heading {
            level,
            text: format!("Taso {level}"),
        });
    }
    let weights = [f32::NAN, -1.0, 0.0, f32::INFINITY, 1e30, 1e-30];
    blocks.push(Block::Table {
        columns: weights
            .iter()
            .map(|&weight| Column {
                header: format!("{weight}"),
                weight,
                align_right: false,
            })
            .collect(),
        rows: vec![vec!["solu".into(); weights.len()]],
        landscape: false,
    });
    let pdf = rendered(blocks);
    assert!(text(&pdf).contains("Taso 255"));
}

#[test]
fn extreme_pictures_fit_on_the_page() {
    let tall = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"><rect width="1" height="100000"/></svg>"#;
    let wide = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="1"><rect width="1e9" height="1"/></svg>"#;
    let block = |svg: &str| Block::Svg {
        svg: svg.into(),
        width_pt: 400.0,
        alt: "Kaavio".into(),
    };
    let pdf = rendered(vec![
        block(tall),
        Block::Paragraph("jälkeen".into()),
        block(wide),
        Block::Paragraph("loppu".into()),
    ]);
    // The tall picture shrinks to most of a page and the wide one to a sliver, so the
    // text after them still fits on the first page.
    assert_eq!(pages(&pdf), 1);
    assert!(text(&pdf).contains("loppu"));
}

#[test]
fn svg_text_in_fonts_that_do_not_exist_still_renders() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">
        <text x="10" y="30" font-family="No Such Font">Puuttuva fontti</text>
        <text x="10" y="60" font-family="monospace" font-weight="900" font-style="italic">Lihava kursiivi</text>
        <text x="10" y="90">Ilman fonttia 👍</text>
    </svg>"#;
    let pdf = rendered(vec![Block::Svg {
        svg: svg.into(),
        width_pt: 300.0,
        alt: "Kaavio".into(),
    }]);
    let text = flat_text(&pdf);
    for expected in ["Puuttuva fontti", "Lihava kursiivi", "Ilman fonttia"] {
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }
}

#[test]
fn heavy_svg_structures_do_not_hang() {
    let nested = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{}<rect width="10" height="10"/>{}</svg>"#,
        "<g>".repeat(500),
        "</g>".repeat(500)
    );
    let many: String = (0..20_000)
        .map(|n| format!(r#"<circle cx="{}" cy="{}" r="1"/>"#, n % 100, n / 200))
        .collect();
    let many =
        format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{many}</svg>"#);
    let self_use = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"><g id="a"><use xlink:href="#a"/></g></svg>"##;
    let huge_filter = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><filter id="f" x="-1e6" y="-1e6" width="2e6" height="2e6"><feGaussianBlur stdDeviation="50"/></filter><rect width="100" height="100" filter="url(#f)"/></svg>"#;
    let started = Instant::now();
    for svg in [nested.as_str(), many.as_str(), self_use, huge_filter] {
        let outcome = render(&document(vec![Block::Svg {
            svg: svg.into(),
            width_pt: 200.0,
            alt: "Kaavio".into(),
        }]));
        // Parsing may refuse some of these; what matters is an answer, not a crash.
        if let Ok(pdf) = outcome {
            info(&pdf);
        }
    }
    assert!(started.elapsed() < Duration::from_secs(300));
}

#[test]
fn thousands_of_page_breaks_make_no_empty_pages() {
    let mut blocks = vec![Block::PageBreak; 5000];
    blocks.push(Block::Paragraph("Vain yksi sivu.".into()));
    blocks.extend(vec![Block::PageBreak; 5000]);
    let pdf = rendered(blocks);
    assert_eq!(pages(&pdf), 1);
}

#[test]
fn hundreds_of_columns_render() {
    let columns: Vec<Column> = (0..300)
        .map(|n| Column {
            header: format!("Sarake {n}"),
            weight: 1.0,
            align_right: n % 2 == 0,
        })
        .collect();
    let rows = vec![vec!["pitkä solun teksti".to_owned(); 300]; 3];
    let mut document = document(vec![Block::Table {
        columns,
        rows,
        landscape: false,
    }]);
    document.paper = Paper::Letter;
    let pdf = render(&document).unwrap();
    info(&pdf);
}
