//! The session report: golden HTML and Markdown of a fixed workshop, escaping, CSV safety.

use fiilis_core::board::{NewNote, Note};
use fiilis_core::emotions::{EmotionInput, Variant};
use fiilis_core::journey::StageEdit;
use fiilis_core::participants::Role;
use fiilis_core::personas::{Persona, PersonaFields, Section, SectionBody};
use fiilis_core::report::{PaperSize, ReportFormat};
use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Language, Library, Table, TemplateId};

use fiilis_testkit::note;

/// A small workshop whose report holds nothing that changes between runs.
fn fixed(language: Language, texts: &[&str]) -> (tempfile::TempDir, Library, String) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "Spa hotel <mornings> & more".into(),
            date: Some("2026-11-20".into()),
            goal: "Find why guests don't come back".into(),
            facilitator: "Aino Virtanen".into(),
            language,
            template: TemplateId::Hotel,
        })
        .unwrap();
    let id = workshop.id.clone();
    let stage = workshop.stages[3].id.clone();
    library
        .update_stage(
            &id,
            &StageEdit {
                id: stage.clone(),
                pain_points: Some("Queue at the desk".into()),
                opportunities: Some("Mobile key".into()),
                channels: Some(vec!["in person".into(), "mobile app".into()]),
                moment_of_truth: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    let aino = library
        .add_participant(&id, Some("Aino"), Role::Employee)
        .unwrap();
    let guest = library.add_participant(&id, None, Role::Customer).unwrap();
    let persona: Persona = library
        .create_persona(
            &id,
            &PersonaFields {
                name: Some("Maija Meikäläinen".into()),
                age: Some("38".into()),
                occupation: Some("Nurse".into()),
                quote: Some("I just want to sleep.".into()),
                goals: Some("Rest".into()),
                channels: Some(vec!["phone".into()]),
                sections: Some(vec![
                    Section {
                        id: String::new(),
                        title: "Morning routine".into(),
                        body: SectionBody::List {
                            items: vec!["Early swim".into(), "Quiet breakfast".into()],
                        },
                    },
                    Section {
                        id: String::new(),
                        title: "Tech comfort".into(),
                        body: SectionBody::Slider { value: 4 },
                    },
                ]),
                ..Default::default()
            },
        )
        .unwrap()
        .upserted(Table::Personas)
        .remove(0);
    let mut notes: Vec<NewNote> = texts.iter().map(|t| note(t)).collect();
    notes[0].author_id = Some(aino.id.clone());
    notes[0].stage_id = Some(stage.clone());
    notes[0].persona_id = Some(persona.id.clone());
    if let Some(second) = notes.get_mut(1) {
        second.colour = "sky".into();
    }
    let created: Vec<Note> = library
        .create_notes(&id, &notes)
        .unwrap()
        .upserted(Table::Notes);
    library
        .group_notes(
            &id,
            "Breakfast",
            &[created[0].id.clone(), created[1].id.clone()],
        )
        .unwrap();
    library
        .set_emotion(
            &id,
            &EmotionInput {
                persona_id: persona.id.clone(),
                stage_id: stage,
                variant: Variant::Current,
                score: Some(-2.0),
                note: Some("Nobody greeted us at the desk".into()),
            },
        )
        .unwrap();
    // A named round: the report ranks the notes and names who voted.
    let round: VotingRound = library
        .create_round(
            &id,
            &NewRound {
                title: Some("Most important".into()),
                anonymous: false,
                ..Default::default()
            },
        )
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    for (who, note, client) in [
        (&aino.id, &created[1].id, "a1"),
        (&aino.id, &created[1].id, "a2"),
        (&guest.id, &created[1].id, "g1"),
        (&aino.id, &created[0].id, "a3"),
    ] {
        library
            .cast_vote(&id, &round.id, who, note, client)
            .unwrap();
    }
    library.reveal_round(&id, &round.id).unwrap();
    // An untitled anonymous round with a tie: called "Round 2", ranks shared.
    let untitled: VotingRound = library
        .create_round(&id, &NewRound::default())
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    for note in [&created[0].id, created.last().map(|n| &n.id).unwrap()] {
        library.add_paper_votes(&id, &untitled.id, note, 2).unwrap();
    }
    library.close_round(&id, &untitled.id).unwrap();
    (dir, library, id)
}

const NOTES: [&str; 3] = [
    "Breakfast ends too early",
    "Coffee queue",
    "Parking is hard to find",
];

#[test]
fn the_html_report_of_a_fixed_workshop_matches_its_snapshot() {
    let (_dir, library, id) = fixed(Language::En, &NOTES);
    insta::assert_snapshot!(
        "report_en_html",
        library.export_report(&id, ReportFormat::Html).unwrap()
    );
}

#[test]
fn the_markdown_report_of_a_fixed_workshop_matches_its_snapshot() {
    let (_dir, library, id) = fixed(Language::Fi, &NOTES);
    insta::assert_snapshot!(
        "report_fi_md",
        library.export_report(&id, ReportFormat::Md).unwrap()
    );
}

const PAYLOADS: [&str; 4] = [
    "<img src=x onerror=alert(1)>",
    "<script>alert('x')</script>",
    "[click me](javascript:alert(1))",
    "=HYPERLINK(\"http://evil\",\"x\")",
];

#[test]
fn text_from_people_is_text_in_html() {
    let (_dir, library, id) = fixed(Language::En, &PAYLOADS);
    let html = library.export_report(&id, ReportFormat::Html).unwrap();
    assert!(!html.contains("<img src=x"), "raw markup leaked");
    assert!(!html.contains("<script"), "a script tag leaked");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("Spa hotel &lt;mornings&gt; &amp; more"));
    // Every tag in the page is one the template writes itself.
    let allowed = [
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "p",
        "h1",
        "h2",
        "h3",
        "dl",
        "dt",
        "dd",
        "ul",
        "li",
        "article",
        "div",
        "q",
        "strong",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "footer",
        "section",
        "ol",
        "span",
        "svg",
        "rect",
        "line",
        "text",
        "circle",
        "polyline",
        "polygon",
        "path",
        "g",
    ];
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_lowercase();
        assert!(allowed.contains(&name.as_str()), "unexpected tag <{name}");
    }
    assert!(!html.contains("href="), "no links at all");
}

#[test]
fn text_from_people_is_text_in_markdown() {
    let (_dir, library, id) = fixed(Language::En, &PAYLOADS);
    let md = library.export_report(&id, ReportFormat::Md).unwrap();
    assert!(md.contains(r"\[click me\]\(javascript:alert\(1\)\)"));
    assert!(md.contains(r"\<img src=x onerror=alert\(1\)\>"));
    for (index, _) in md.match_indices('<') {
        assert_eq!(&md[index - 1..index], "\\", "an unescaped < at {index}");
    }
    assert!(md.contains("![Emotion curves](emotion-chart.svg)"));
}

#[test]
fn the_csv_opens_in_excel_with_formulas_neutralised_and_anonymity_kept() {
    let (_dir, library, id) = fixed(
        Language::Fi,
        &["Hyvä aamiainen", "-1 stars", "@everyone", "=1+1"],
    );
    let csv = library.export_report(&id, ReportFormat::Csv).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte order mark for Excel");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\"Muistilappu\",\"Ryhmä\",\"Väri\",\"Kirjoittaja\",\"Vaihe\",\"Persoona\",\"Ääniä: Most important\",\"Ääniä: Kierros 2\""
    );
    assert_eq!(
        lines[1],
        "\"Hyvä aamiainen\",\"Breakfast\",\"Keltainen\",\"Aino\",\"Saapuminen / sisäänkirjautuminen\",\"Maija Meikäläinen\",1,2"
    );
    assert!(
        lines[2].contains(",\"Taivaansininen\","),
        "colours by the names people see: {}",
        lines[2]
    );
    assert!(lines[2].ends_with(",3,0"), "{}", lines[2]);
    assert!(lines[2].starts_with("\"'-1 stars\",\"Breakfast\""));
    assert!(lines[3].starts_with("\"'@everyone\","));
    assert!(lines[4].starts_with("\"'=1+1\",\"\",\"Keltainen\",\"nimetön\""));
}

/// The text `pdftotext` reads out of a PDF; poppler-utils is installed by `make test`.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed: run .ci/install-deps --test");
    assert!(output.status.success(), "pdftotext refused the PDF");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_pdf_report_holds_the_titles_personas_and_top_ideas_in_finnish() {
    let (_dir, library, id) = fixed(Language::Fi, &NOTES);
    let pdf = library.export_pdf(&id, PaperSize::A4).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for expected in [
        "Spa hotel <mornings> & more",
        "Työpajaraportti",
        "Maija Meikäläinen",
        "Äänestys",
        "Most important",
        "Coffee queue",
        "Kipupisteet",
        "Queue at the desk",
        "Sivu 1",
        "Sisällys",
        "Yhteenveto",
        "Kierros 2",
        "Morning routine",
        "Early swim",
        "Tech comfort",
        "Huomiot tunnekäyrällä",
        "Nobody greeted us at the desk",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is missing from:\n{text}"
        );
    }
    // The top idea comes first in the round's ranking (the round's own heading is the last
    // mention of its title: the contents and the summary name it before).
    let ranking = &text[text.rfind("Most important").unwrap()..];
    assert!(
        ranking.find("Coffee queue").unwrap() < ranking.find("Breakfast ends too early").unwrap()
    );
}

#[test]
fn the_pdf_comes_in_letter_size_too_and_over_the_api_as_base64() {
    let (_dir, library, id) = fixed(Language::En, &PAYLOADS);
    let letter = library.export_pdf(&id, PaperSize::Letter).unwrap();
    let a4 = library.export_pdf(&id, PaperSize::A4).unwrap();
    let page_size = |pdf: &[u8]| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, pdf).unwrap();
        let info = std::process::Command::new("pdfinfo")
            .arg(&path)
            .output()
            .expect("pdfinfo (poppler-utils) must be installed");
        let info = String::from_utf8(info.stdout).unwrap();
        info.lines()
            .find(|line| line.starts_with("Page size:"))
            .map(|line| {
                line.split_whitespace()
                    .take(5)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    assert_eq!(page_size(&letter), "Page size: 612 x 792");
    assert!(
        page_size(&a4).starts_with("Page size: 595"),
        "{}",
        page_size(&a4)
    );
    let encoded = fiilis_core::api::call(
        &library,
        "export_report",
        serde_json::json!({ "workshop_id": id, "format": "pdf", "paper": "letter" }),
    )
    .unwrap();
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.as_str().unwrap())
        .unwrap();
    assert!(decoded.starts_with(b"%PDF-"));
    // Payloads are text in the PDF as everywhere: they come back out as typed.
    let text = pdf_text(&decoded);
    assert!(text.contains("<script>"), "{text}");
}

/// A small PNG, base64, as the app sends a photo.
fn png_base64() -> String {
    png_base64_in(90)
}

/// A small PNG whose blue is `blue`: photos that differ.
fn png_base64_in(blue: u8) -> String {
    use base64::Engine;
    let image = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(40, 40, |x, y| {
        image::Rgb([(x * 6) as u8, (y * 6) as u8, blue])
    }));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes.into_inner())
}

#[test]
fn the_markdown_zip_holds_the_report_and_every_file_it_links() {
    use fiilis_core::files::FileFormat;
    use std::io::Read;
    let (_dir, library, id) = fixed(Language::En, &NOTES);
    let persona = &library.get_journey(&id).unwrap().personas[0];
    library
        .set_persona_photo(&id, &persona.id, Some(&png_base64()))
        .unwrap();
    let name = library.suggested_file_name(&id, FileFormat::Md).unwrap();
    assert_eq!(name, "Spa hotel -mornings- & more-markdown.zip");
    let bytes = library
        .render_file(&id, FileFormat::Md, PaperSize::A4)
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let folder = "Spa hotel -mornings- & more/";
    assert!(names.iter().all(|n| n.starts_with(folder)), "{names:?}");
    let mut md = String::new();
    zip.by_name(&format!("{folder}Spa hotel -mornings- & more.md"))
        .unwrap()
        .read_to_string(&mut md)
        .unwrap();
    // Every `](file)` the Markdown links is in the zip, and there are both kinds.
    let links: Vec<&str> = md
        .split("](")
        .skip(1)
        .map(|rest| &rest[..rest.find(')').unwrap()])
        .collect();
    // Photos are stored as JPEG whatever came in (see `images`).
    assert_eq!(links, ["photos/persona-1.jpg", "emotion-chart.svg"]);
    for link in links {
        let mut file = zip.by_name(&format!("{folder}{link}")).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        assert!(!data.is_empty(), "{link} is empty");
    }
    assert_eq!(names.len(), 3, "nothing but the report and what it links");

    // The browser gets the same zip over the API, as base64.
    let encoded = fiilis_core::api::call(
        &library,
        "export_report",
        serde_json::json!({ "workshop_id": id, "format": "md" }),
    )
    .unwrap();
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.as_str().unwrap())
        .unwrap();
    assert!(decoded.starts_with(b"PK\x03\x04"));
}

/// How many images a PDF holds (`pdfimages -list`, after its two header lines).
fn pdf_images(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdfimages")
        .args(["-list", path.to_str().unwrap()])
        .output()
        .expect("pdfimages (poppler-utils) must be installed");
    String::from_utf8(out.stdout).unwrap().lines().count() - 2
}

#[test]
fn photo_notes_show_their_photos_in_every_format_and_face_down_ones_nothing() {
    use fiilis_core::board::NewPhotoNote;
    use fiilis_core::files::FileFormat;
    use fiilis_core::phones::PhonePhoto;
    use std::io::Read;
    let (_dir, library, id) = fixed(Language::En, &NOTES);
    let images_before = pdf_images(&library.export_pdf(&id, PaperSize::A4).unwrap());
    let shown: Note = library
        .add_photo_note(
            &id,
            &NewPhotoNote {
                image_base64: png_base64(),
                x: 0.0,
                y: 600.0,
                text: Some("Flip chart <b>1</b>".into()),
                cluster_id: None,
            },
        )
        .unwrap()
        .upserted(Table::Notes)
        .into_iter()
        .find(|n: &Note| n.image_id.is_some())
        .unwrap();
    let shown_url = library
        .get_image(&id, shown.image_id.as_deref().unwrap())
        .unwrap()
        .data_url;
    // A phone's photo while notes are hidden lies face down: nothing of it in any report.
    let phone = fiilis_testkit::phones_writing_hidden(&library, &id, &["Ben"]).remove(0);
    let hidden = library
        .add_phone_photo(
            &id,
            &phone.id,
            &PhonePhoto {
                client_id: "p1".into(),
                image_base64: png_base64_in(200),
                text: Some("Secret wall".into()),
            },
        )
        .unwrap();
    let hidden_url = library
        .get_image(&id, hidden.image_id.as_deref().unwrap())
        .unwrap()
        .data_url;
    assert_ne!(shown_url, hidden_url);

    // HTML: the photo as a data URL, named by its caption, which stays text.
    let html = library.export_report(&id, ReportFormat::Html).unwrap();
    assert!(
        html.contains(&format!(
            "<li class=\"note-yellow\"><img src=\"{shown_url}\" alt=\"Flip chart &lt;b&gt;1&lt;/b&gt;\">Flip chart &lt;b&gt;1&lt;/b&gt;</li>"
        )),
        "{html}"
    );
    assert!(!html.contains(&hidden_url) && !html.contains("Secret wall"));

    // Markdown: the photo is a file in the zip, linked under its caption.
    let bytes = library
        .render_file(&id, FileFormat::Md, PaperSize::A4)
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let folder = "Spa hotel -mornings- & more/";
    let mut md = String::new();
    zip.by_name(&format!("{folder}Spa hotel -mornings- & more.md"))
        .unwrap()
        .read_to_string(&mut md)
        .unwrap();
    assert!(
        md.contains("- Flip chart \\<b\\>1\\</b\\>  \n  ![Flip chart \\<b\\>1\\</b\\>](photos/note-4.jpg)\n"),
        "{md}"
    );
    let mut photo = Vec::new();
    zip.by_name(&format!("{folder}photos/note-4.jpg"))
        .unwrap()
        .read_to_end(&mut photo)
        .unwrap();
    use base64::Engine;
    let stored = base64::engine::general_purpose::STANDARD
        .decode(shown_url.split_once(";base64,").unwrap().1)
        .unwrap();
    assert_eq!(photo, stored, "the stored photo, byte for byte");
    assert_eq!(
        zip.len(),
        3,
        "the report, the chart and the one photo shown"
    );
    assert!(!md.contains("Secret wall"));

    // PDF: one image more (the face-down photo adds none), its caption as text.
    let pdf = library.export_pdf(&id, PaperSize::A4).unwrap();
    assert_eq!(pdf_images(&pdf), images_before + 1);
    let text = pdf_text(&pdf);
    assert!(text.contains("Flip chart <b>1</b>"), "{text}");
    assert!(!text.contains("Secret wall"));

    // Turned over, the phone's photo shows too.
    library.reveal_notes(&id, None).unwrap();
    let html = library.export_report(&id, ReportFormat::Html).unwrap();
    assert!(html.contains(&hidden_url) && html.contains("Secret wall"));
}

#[test]
fn long_finnish_words_break_at_syllables_with_a_hyphen_in_the_pdf() {
    let (_dir, library, id) = fixed(Language::Fi, &NOTES);
    let text = pdf_text(&library.export_pdf(&id, PaperSize::A4).unwrap());
    // The chart's figures put every stage in a narrow column: "sisäänkirjautuminen" does not
    // fit, so it breaks at a syllable with a hyphen, never between two other letters.
    let word = "sisäänkirjautuminen";
    let pieces: Vec<&str> = text
        .split_whitespace()
        .filter(|token| token.len() > 3 && token.ends_with('-'))
        .map(|token| token.trim_end_matches('-'))
        .filter(|piece| word.starts_with(piece) || word.contains(piece))
        .collect();
    assert!(
        !pieces.is_empty(),
        "no hyphenated piece of {word} in:\n{text}"
    );
    let syllables = ["si", "sään", "kir", "jau", "tu", "mi", "nen"];
    let boundaries: Vec<usize> = syllables
        .iter()
        .scan(0, |at, s| {
            *at += s.len();
            Some(*at)
        })
        .collect();
    for piece in pieces {
        let start = word.find(piece).unwrap();
        assert!(
            boundaries.contains(&(start + piece.len())),
            "{piece:?} ends inside a syllable of {word}"
        );
    }
}

#[test]
fn the_library_report_style_colours_and_brands_every_report() {
    use fiilis_core::branding::ReportStyle;
    let (_dir, library, id) = fixed(Language::En, &NOTES);
    let plain = library.export_report(&id, ReportFormat::Html).unwrap();
    assert!(
        plain.contains("--accent: #0f6b5c"),
        "the app's green by default"
    );
    assert!(!plain.contains("class=\"logo\""));

    let stored = library
        .set_report_style(&ReportStyle {
            accent: Some(" #AA3311 ".into()),
            logo: Some(format!("data:image/png;base64,{}", png_base64())),
        })
        .unwrap();
    assert_eq!(stored.accent.as_deref(), Some("#aa3311"));
    assert!(stored.logo.as_deref().unwrap().starts_with("data:image/"));
    assert_eq!(library.get_report_style().unwrap(), stored);

    let html = library.export_report(&id, ReportFormat::Html).unwrap();
    assert!(html.contains("--accent: #aa3311"));
    assert!(html.contains("<img class=\"logo\" src=\"data:image/"));
    // The logo is on the PDF's cover: one image more than without it.
    let images = |pdf: &[u8]| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdfimages")
            .args(["-list", "-f", "1", "-l", "1", path.to_str().unwrap()])
            .output()
            .expect("pdfimages (poppler-utils) must be installed");
        String::from_utf8(out.stdout).unwrap().lines().count()
    };
    let branded = images(&library.export_pdf(&id, PaperSize::A4).unwrap());
    library.set_report_style(&ReportStyle::default()).unwrap();
    let unbranded = images(&library.export_pdf(&id, PaperSize::A4).unwrap());
    assert_eq!(branded, unbranded + 1, "the cover shows the logo");

    for (style, field) in [
        (
            ReportStyle {
                accent: Some("red".into()),
                logo: None,
            },
            "accent",
        ),
        (
            ReportStyle {
                accent: None,
                logo: Some("bm90IGFuIGltYWdl".into()),
            },
            "logo",
        ),
    ] {
        let error = library.set_report_style(&style).unwrap_err();
        assert_eq!(error.code(), fiilis_core::error::ErrorCode::InvalidInput);
        assert!(error.to_string().contains(field), "{error}");
    }
    assert_eq!(
        library.get_report_style().unwrap(),
        ReportStyle::default(),
        "a refused style changes nothing"
    );
}

/// Gives the fixed workshop's arrival stage the experience model: a designed feeling of the
/// workshop's own (named `word`), three phones' felt feelings, a text in the brand promise
/// lane, an NPS question, an open question answered with `answer`, and a survey figure.
fn with_experience(library: &Library, id: &str, word: &str, answer: &str) {
    use fiilis_core::emotions::RatingInput;
    use fiilis_core::figures::FigureInput;
    use fiilis_core::metrics::QuestionKind;
    use fiilis_core::questions::{AnswerInput, NewQuestion};
    let journey = library.get_journey(id).unwrap();
    let stage = journey.stages[3].id.clone();
    library.add_feeling(id, word, true).unwrap();
    let own = library
        .get_journey(id)
        .unwrap()
        .feelings
        .last()
        .unwrap()
        .key
        .clone();
    library
        .update_stage(
            id,
            &StageEdit {
                id: stage.clone(),
                designed_feelings: Some(vec![own]),
                explain_again: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    library
        .set_lane_text(id, &journey.lanes[1].id, &stage, answer)
        .unwrap();
    let ask = |kind| {
        library
            .ask_question(
                id,
                &NewQuestion {
                    kind,
                    prompt: None,
                    stage_id: (kind == QuestionKind::Nps).then(|| stage.clone()),
                    options: Vec::new(),
                },
            )
            .unwrap();
        library
            .list_questions(id)
            .unwrap()
            .pop()
            .unwrap()
            .question
            .id
    };
    let nps = ask(QuestionKind::Nps);
    let phones: Vec<String> = (0..3)
        .map(|_| {
            library
                .join_from_phone(id, None, Role::Customer)
                .unwrap()
                .participant
                .id
        })
        .collect();
    for (phone, score) in phones.iter().zip([10, 9, 3]) {
        let answer = AnswerInput {
            question_id: nps.clone(),
            score: Some(score),
            text: None,
        };
        library.record_answer(id, phone, &answer).unwrap();
        let mut rating = RatingInput::new(None, &stage, Variant::Current, -1.0);
        rating.feelings = vec!["ignored".into()];
        library.record_rating(id, phone, &rating).unwrap();
    }
    let open = ask(QuestionKind::Open);
    let answer = AnswerInput {
        question_id: open,
        score: None,
        text: Some(answer.into()),
    };
    library.record_answer(id, &phones[0], &answer).unwrap();
    library
        .set_stage_figure(
            id,
            &FigureInput {
                id: None,
                stage_id: stage,
                kind: QuestionKind::Csat,
                value: 71.0,
                n: 250,
                source: "Guest survey 2026".into(),
            },
        )
        .unwrap();
}

#[test]
fn the_experience_chapter_shows_designed_and_felt_figures_and_answers_in_every_format() {
    let (_dir, library, id) = fixed(Language::En, &NOTES);
    with_experience(
        &library,
        &id,
        "<b>Homely</b>",
        "<script>alert(1)</script> [x](y)",
    );
    let html = library.export_report(&id, ReportFormat::Html).unwrap();
    assert!(html.contains("<h2>Designed and felt</h2>"));
    assert!(html.contains("&lt;b&gt;Homely&lt;/b&gt;"));
    assert!(html.contains("ignored \u{d7}3 \u{2014} differs from the design"));
    assert!(
        html.contains("NPS +33, n = 3 (small n)"),
        "the room's figure"
    );
    assert!(
        html.contains("CSAT 71.0 %, n = 250, Guest survey 2026"),
        "the survey's"
    );
    assert!(html.contains("had to explain again"));
    assert!(html.contains("<h3>Brand promise</h3>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !html.contains("<script") && !html.contains("<b>"),
        "people's text is text"
    );
    assert!(html.contains("<h4>Describe the experience in a few words.</h4>"));

    let md = library.export_report(&id, ReportFormat::Md).unwrap();
    assert!(md.contains("## Designed and felt"));
    assert!(md.contains(r"\<b\>Homely\</b\>"));
    assert!(md.contains(r"\<script\>alert\(1\)\</script\> \[x\]\(y\)"));
    for (index, _) in md.match_indices('<') {
        assert_eq!(&md[index - 1..index], "\\", "an unescaped < at {index}");
    }

    let (_fi_dir, finnish, fi_id) = fixed(Language::Fi, &NOTES);
    with_experience(&finnish, &fi_id, "Kotoisa", "Pitkä jono");
    let text = pdf_text(&finnish.export_pdf(&fi_id, PaperSize::A4).unwrap());
    for expected in [
        "Tavoiteltu ja koettu",
        "Kotoisa",
        "sivuutettu",
        "NPS +33",
        "Brändilupaus",
        "jono",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected}:\n{text}");
    }
}
