//! How long each export and the import take for a big workshop, next to serde_json writing
//! the same data. Run by `make bench`, which passes `BENCH_OUT`.

use std::time::Instant;

use fiilis_core::board::{NewNote, Note};
use fiilis_core::emotions::{EmotionInput, Variant};
use fiilis_core::participants::Role;
use fiilis_core::personas::{Persona, PersonaFields};
use fiilis_core::report::{PaperSize, ReportFormat};
use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Library, Table, TemplateId};

const NOTES: usize = 2_000;
const RUNS: usize = 7;

fn photo(seed: u8) -> String {
    use base64::Engine;
    let image = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([
            (x as u8).wrapping_mul(seed),
            (y as u8).wrapping_add(seed),
            seed,
        ])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes.into_inner())
}

fn big_workshop(library: &Library) -> String {
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "Big workshop".into(),
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .unwrap();
    let id = workshop.id.clone();
    let people: Vec<String> = (0..20)
        .map(|i| {
            library
                .add_participant(&id, Some(&format!("Person {i}")), Role::Customer)
                .unwrap()
                .id
        })
        .collect();
    let notes: Vec<Note> = library
        .create_notes(
            &id,
            &(0..NOTES)
                .map(|i| NewNote {
                    text: format!(
                        "Idea number {i}: the breakfast should start earlier on weekdays"
                    ),
                    colour: "yellow".into(),
                    x: (i % 50) as f64 * 200.0,
                    y: (i / 50) as f64 * 140.0,
                    cluster_id: None,
                    stage_id: Some(workshop.stages[i % 8].id.clone()),
                    persona_id: None,
                    author_id: Some(people[i % 20].clone()),
                })
                .collect::<Vec<_>>(),
        )
        .unwrap()
        .upserted(Table::Notes);
    for group in 0..40 {
        let ids: Vec<String> = notes[group * 25..group * 25 + 25]
            .iter()
            .map(|n| n.id.clone())
            .collect();
        library
            .group_notes(&id, &format!("Theme {group}"), &ids)
            .unwrap();
    }
    for p in 0..5u8 {
        let persona: Persona = library
            .create_persona(
                &id,
                &PersonaFields {
                    name: Some(format!("Persona {p}")),
                    ..Default::default()
                },
            )
            .unwrap()
            .upserted(Table::Personas)
            .remove(0);
        library
            .set_persona_photo(&id, &persona.id, Some(&photo(p + 1)))
            .unwrap();
        for (s, stage) in workshop.stages.iter().enumerate() {
            for variant in [Variant::Current, Variant::Target] {
                let score = Some(((s + p as usize) % 5) as f64 - 2.0);
                let point = EmotionInput {
                    persona_id: persona.id.clone(),
                    stage_id: stage.id.clone(),
                    variant,
                    score,
                    note: None,
                };
                library.set_emotion(&id, &point).unwrap();
            }
        }
    }
    for _ in 0..3 {
        let round: VotingRound = library
            .create_round(&id, &NewRound::default())
            .unwrap()
            .upserted(Table::VotingRounds)
            .remove(0);
        for (i, person) in people.iter().enumerate() {
            for v in 0..5 {
                let note = &notes[(i * 37 + v * 11) % NOTES].id;
                library
                    .cast_vote(&id, &round.id, person, note, &format!("{i}-{v}"))
                    .unwrap();
            }
        }
        library.reveal_round(&id, &round.id).unwrap();
    }
    id
}

fn median_ms(mut run: impl FnMut()) -> f64 {
    let mut samples: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[RUNS / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    let id = big_workshop(&library);
    let file = library.export_workshop(&id).unwrap();
    let text = serde_json::to_string(&file).unwrap();
    let mut figures = serde_json::Map::new();
    let mut record = |name: &str, ms: f64| {
        figures.insert(
            name.to_owned(),
            serde_json::json!({ "median_ms": ms, "runs": RUNS }),
        );
    };
    record(
        "baseline_serde_json_same_data",
        median_ms(|| {
            serde_json::to_string(&file).unwrap();
        }),
    );
    record(
        "json_export",
        median_ms(|| {
            serde_json::to_string(&library.export_workshop(&id).unwrap()).unwrap();
        }),
    );
    for (name, format) in [
        ("html", ReportFormat::Html),
        ("md", ReportFormat::Md),
        ("csv", ReportFormat::Csv),
    ] {
        record(
            name,
            median_ms(|| {
                library.export_report(&id, format).unwrap();
            }),
        );
    }
    for (name, paper) in [("pdf_a4", PaperSize::A4), ("pdf_letter", PaperSize::Letter)] {
        record(
            name,
            median_ms(|| {
                library.export_pdf(&id, paper).unwrap();
            }),
        );
    }
    record(
        "svg_chart",
        median_ms(|| {
            library.emotion_chart_svg(&id, &[]).unwrap();
        }),
    );
    record(
        "json_import",
        median_ms(|| {
            library.import_workshop(&text).unwrap();
        }),
    );
    let results = serde_json::json!({
        "notes": NOTES,
        "personas_with_photos": 5,
        "stages": 8,
        "voting_rounds": 3,
        "file_bytes": text.len(),
        "figures": figures,
    });
    let out = serde_json::to_string_pretty(&results).unwrap();
    println!("{out}");
    if let Ok(path) = std::env::var("BENCH_OUT") {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, out).unwrap();
    }
}
