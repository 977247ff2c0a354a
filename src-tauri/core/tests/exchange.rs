//! The workshop file: round trips, moving between libraries, merging, and bad files.

use std::collections::HashMap;

use fiilis_core::board::{NewNote, Note};
use fiilis_core::emotions::{EmotionInput, Scale, Variant};
use fiilis_core::exchange::{parse, WorkshopFile, MAX_FILE_BYTES};
use fiilis_core::journey::StageEdit;
use fiilis_core::participants::Role;
use fiilis_core::personas::{Persona, PersonaFields, Section, SectionBody};
use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::workshops::{NewWorkshop, WorkshopQuery};
use fiilis_core::{Library, Table, TemplateId};
use serde_json::Value;

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    (dir, library)
}

fn png() -> String {
    use base64::Engine;
    let image =
        image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 6, y as u8 * 8, 120]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes.into_inner())
}

fn note(text: &str) -> NewNote {
    NewNote {
        text: text.into(),
        colour: "green".into(),
        x: 10.0,
        y: 20.0,
        cluster_id: None,
        stage_id: None,
        persona_id: None,
        author_id: None,
    }
}

/// A workshop with something of everything.
fn rich_workshop(library: &Library) -> String {
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "Kylpylä & <co>".into(),
            goal: "Better mornings".into(),
            template: TemplateId::Hotel,
            language: fiilis_core::Language::Fi,
            ..Default::default()
        })
        .unwrap();
    let id = workshop.id.clone();
    let stage = workshop.stages[3].id.clone();
    library
        .update_stage(
            &id,
            &StageEdit {
                id: stage.clone(),
                pain_points: Some("Jono".into()),
                channels: Some(vec!["in person".into()]),
                moment_of_truth: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    let aino = library
        .add_participant(&id, Some("Aino"), Role::Employee)
        .unwrap();
    let persona: Persona = library
        .create_persona(
            &id,
            &PersonaFields {
                name: Some("Maija".into()),
                sections: Some(vec![Section {
                    id: String::new(),
                    title: "Values".into(),
                    body: SectionBody::Tags {
                        items: vec!["calm".into()],
                    },
                }]),
                ..Default::default()
            },
        )
        .unwrap()
        .upserted(Table::Personas)
        .remove(0);
    library
        .set_persona_photo(&id, &persona.id, Some(&png()))
        .unwrap();
    let notes: Vec<Note> = library
        .create_notes(
            &id,
            &[
                NewNote {
                    stage_id: Some(stage.clone()),
                    persona_id: Some(persona.id.clone()),
                    author_id: Some(aino.id.clone()),
                    ..note("Aamiainen loppuu liian aikaisin")
                },
                note("=cmd|' /C calc'!A0"),
                note("<img src=x onerror=alert(1)>"),
            ],
        )
        .unwrap()
        .upserted(Table::Notes);
    library
        .group_notes(&id, "Aamut", &[notes[0].id.clone(), notes[1].id.clone()])
        .unwrap();
    library
        .set_emotion(
            &id,
            &EmotionInput {
                persona_id: persona.id.clone(),
                stage_id: stage.clone(),
                variant: Variant::Current,
                score: Some(-1.5),
                note: Some("Queue".into()),
            },
        )
        .unwrap();
    library
        .record_rating(
            &id,
            &aino.id,
            Some(&persona.id),
            &stage,
            Variant::Target,
            2.0,
        )
        .unwrap();
    let round: VotingRound = library
        .create_round(&id, &NewRound::default())
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    library
        .cast_vote(&id, &round.id, &aino.id, &notes[0].id, "phone-1")
        .unwrap();
    library.mark_done(&id, &round.id, &aino.id).unwrap();
    id
}

fn export_text(library: &Library, workshop: &str) -> String {
    serde_json::to_string_pretty(&library.export_workshop(workshop).unwrap()).unwrap()
}

/// The file with ids replaced by their order of first appearance and the stamps of the
/// export itself removed, so two exports of the same content compare equal.
fn normalised(file: &WorkshopFile) -> Value {
    fn walk(value: &mut Value, ids: &mut HashMap<String, String>) {
        match value {
            Value::String(text)
                if text.len() == 36 && text.chars().filter(|c| *c == '-').count() == 4 =>
            {
                let next = format!("<id {}>", ids.len());
                *text = ids.entry(text.clone()).or_insert(next).clone();
            }
            Value::Array(items) => items.iter_mut().for_each(|item| walk(item, ids)),
            Value::Object(map) => map.values_mut().for_each(|item| walk(item, ids)),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(file).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("exported_at");
    object.remove("origins");
    object["workshop"]
        .as_object_mut()
        .unwrap()
        .remove("updated_at");
    walk(&mut value, &mut HashMap::new());
    value
}

fn counts(library: &Library) -> Vec<i64> {
    let conn = rusqlite::Connection::open(library.path()).unwrap();
    [
        "workshops",
        "stages",
        "participants",
        "personas",
        "clusters",
        "notes",
        "emotions",
        "ratings",
        "images",
        "history",
        "row_origins",
    ]
    .iter()
    .map(|table| {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

#[test]
fn export_import_export_gives_the_same_document() {
    let (_a, source) = library();
    let workshop = rich_workshop(&source);
    let first = source.export_workshop(&workshop).unwrap();
    assert_eq!(first.notes.len(), 3);
    assert_eq!(first.images.len(), 1);
    assert!(first.origins.is_empty());

    let (_b, target) = library();
    let imported = target
        .import_workshop(&serde_json::to_string(&first).unwrap())
        .unwrap();
    assert_ne!(imported.id, workshop, "an import is a new workshop");
    let second = target.export_workshop(&imported.id).unwrap();
    assert_eq!(normalised(&second), normalised(&first));
    assert_eq!(
        second.images[0].data_base64, first.images[0].data_base64,
        "photos byte for byte"
    );
    // Every imported row remembers where it came from.
    assert_eq!(second.votes.len(), 1);
    assert_eq!(second.round_done.len(), 1);
    assert_eq!(second.origins.len(), 3 + 8 + 1 + 1 + 1 + 1 + 1 + 3);
    let original_note_ids: Vec<&str> = first.notes.iter().map(|n| n.id.as_str()).collect();
    for note in &second.notes {
        assert!(original_note_ids.contains(&second.origins[&note.id].as_str()));
    }
}

#[test]
fn a_workshop_moves_between_data_folders_with_nothing_lost() {
    let (_a, source) = library();
    let workshop = rich_workshop(&source);
    let text = export_text(&source, &workshop);
    let (_b, target) = library();
    let moved = target.import_workshop(&text).unwrap();
    assert_eq!(moved.title, "Kylpylä & <co>");
    let board = target.get_board(&moved.id).unwrap();
    let texts: Vec<&str> = board.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Aamiainen loppuu liian aikaisin",
            "=cmd|' /C calc'!A0",
            "<img src=x onerror=alert(1)>"
        ]
    );
    assert_eq!(board.clusters[0].title, "Aamut");
    let journey = target.get_journey(&moved.id).unwrap();
    assert!(journey.stages[3].moment_of_truth);
    assert_eq!(journey.emotions[0].score, -1.5);
    assert_eq!(journey.ratings[0].count, 1);
    let photo = journey.personas[0].photo_id.clone().unwrap();
    assert_eq!(target.get_image(&moved.id, &photo).unwrap().width, 40);
    // References point inside the new workshop.
    assert_eq!(
        board.notes[0].stage_id.as_deref(),
        Some(journey.stages[3].id.as_str())
    );
    assert_eq!(
        board.notes[0].author_id.as_deref(),
        Some(board.participants[0].id.as_str())
    );
}

#[test]
fn merging_the_same_file_twice_adds_nothing_the_second_time() {
    let (_a, main) = library();
    let workshop = rich_workshop(&main);
    let (_b, laptop) = library();
    let breakout = laptop
        .import_workshop(&export_text(&main, &workshop))
        .unwrap();
    laptop
        .create_notes(&breakout.id, &[note("From the breakout group")])
        .unwrap();
    let back = export_text(&laptop, &breakout.id);

    let merged = main.merge_workshop(&workshop, &back).unwrap();
    let added: Vec<Note> = merged.upserted(Table::Notes);
    assert_eq!(
        added.len(),
        1,
        "only the new note: the others came from here"
    );
    assert_eq!(added[0].text, "From the breakout group");
    assert_eq!(main.get_board(&workshop).unwrap().notes.len(), 4);
    let before = counts(&main);
    let again = main.merge_workshop(&workshop, &back).unwrap();
    assert!(again.upserted::<Note>(Table::Notes).is_empty());
    assert_eq!(main.get_board(&workshop).unwrap().notes.len(), 4);
    assert_eq!(counts(&main)[..9], before[..9]);

    // A merge is one undoable step.
    main.undo(&workshop).unwrap();
    main.undo(&workshop).unwrap();
    assert_eq!(main.get_board(&workshop).unwrap().notes.len(), 3);
}

#[test]
fn merging_rescales_scores_to_the_workshop_scale() {
    let (_a, main) = library();
    let workshop = rich_workshop(&main);
    let mut file = main.export_workshop(&workshop).unwrap();
    let (_b, other) = library();
    let target = other
        .create_workshop(&NewWorkshop {
            title: "Other".into(),
            ..Default::default()
        })
        .unwrap();
    other
        .set_emotion_scale(&target.id, Scale::OneToTen)
        .unwrap();
    file.origins.clear();
    other
        .merge_workshop(&target.id, &serde_json::to_string(&file).unwrap())
        .unwrap();
    let journey = other.get_journey(&target.id).unwrap();
    assert_eq!(journey.stages.len(), 8);
    assert_eq!(journey.personas[0].position, 0);
    // -1.5 on -2..2 is 1.25 of the way from worst: 1 + 0.125 * 9 = 2.125 → 2.1.
    assert_eq!(journey.emotions[0].score, 2.1);
}

#[test]
fn bad_files_name_the_problem_and_leave_the_library_untouched() {
    let (_a, source) = library();
    let workshop = rich_workshop(&source);
    let good: Value = serde_json::to_value(source.export_workshop(&workshop).unwrap()).unwrap();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut file = good.clone();
        change(&mut file);
        file.to_string()
    };
    let cases: Vec<(String, &str)> = vec![
        ("{ not json".into(), "the file is not JSON"),
        (
            r#"{"format": "miro-board", "version": 1}"#.into(),
            "not a Fiilis workshop file",
        ),
        (
            with(&|f| f["version"] = 2.into()),
            "written by a newer Fiilis (format version 2",
        ),
        (
            with(&|f| f["version"] = "one".into()),
            "no valid \u{201c}version\u{201d}",
        ),
        (
            with(&|f| {
                f["notes"][0].as_object_mut().unwrap().remove("text");
            }),
            "at notes[0]: missing field `text`",
        ),
        (
            with(&|f| f["notes"][1]["x"] = "left".into()),
            "at notes[1].x: invalid type",
        ),
        (
            with(&|f| f["notes"][2]["text"] = "x".repeat(1_001).into()),
            "notes[2].text is 1001 characters long",
        ),
        (
            with(&|f| f["notes"][0]["cluster_id"] = "ghost".into()),
            "notes[0].cluster_id refers to ghost, which is no cluster in the file",
        ),
        (
            with(&|f| f["notes"][1]["id"] = f["notes"][0]["id"].clone()),
            "notes[1].id is empty or repeats an id",
        ),
        (
            with(&|f| f["emotions"][0]["score"] = 7.into()),
            "emotions[0].score: score must be between -2 and 2",
        ),
        (
            with(&|f| f["images"][0]["data_base64"] = "aGVsbG8=".into()),
            "images[0]: the file is not an image",
        ),
        (
            with(&|f| f["personas"][0]["sections"][0]["kind"] = "video".into()),
            "at personas[0].sections[0]: unknown variant `video`",
        ),
        (
            with(&|f| f["workshop"]["extra"] = true.into()),
            "at workshop.extra: unknown field `extra`",
        ),
        (" ".repeat(MAX_FILE_BYTES + 1), "the limit is 64 MB"),
    ];
    let (_b, target) = library();
    let existing = target
        .create_workshop(&NewWorkshop {
            title: "Existing".into(),
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .unwrap();
    let before = counts(&target);
    for (text, message) in cases {
        let error = target.import_workshop(&text).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{message}");
        assert!(
            error.to_string().contains(message),
            "expected \u{201c}{message}\u{201d}, got: {error}"
        );
        let error = target.merge_workshop(&existing.id, &text).unwrap_err();
        assert!(error.to_string().contains(message), "merge: {error}");
    }
    assert_eq!(counts(&target), before);
    assert_eq!(
        target
            .list_workshops(&WorkshopQuery::default())
            .unwrap()
            .len(),
        1
    );
    assert!(parse(&good.to_string()).is_ok());
}
