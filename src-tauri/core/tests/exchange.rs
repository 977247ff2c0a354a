//! The workshop file: round trips, moving between libraries, merging, and bad files.

mod support;

use fiilis_core::board::Note;
use fiilis_core::emotions::Scale;
use fiilis_core::exchange::{parse, MAX_FILE_BYTES};
use fiilis_core::workshops::{NewWorkshop, WorkshopQuery};
use fiilis_core::{Table, TemplateId};
use serde_json::Value;
use support::{counts, export_text, library, normalised, note, rich_workshop};

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
    // Participants, stages, persona, cluster, notes…, and the hotel template's nine lanes.
    assert_eq!(second.origins.len(), 3 + 8 + 1 + 1 + 1 + 1 + 1 + 3 + 9);
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
    assert_eq!(counts(&main)[..12], before[..12]);

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
fn imported_texts_are_stored_as_the_editing_operations_store_them() {
    let (_a, source) = library();
    let workshop = rich_workshop(&source);
    let mut file: Value = serde_json::to_value(source.export_workshop(&workshop).unwrap()).unwrap();
    let pad = |value: &mut Value| *value = format!("  \t{}\n ", value.as_str().unwrap()).into();
    pad(&mut file["workshop"]["title"]);
    pad(&mut file["stages"][3]["title"]);
    pad(&mut file["stages"][3]["channels"][0]);
    file["stages"][3]["channels"]
        .as_array_mut()
        .unwrap()
        .extend([" Phone ".into(), "Phone".into()]);
    pad(&mut file["notes"][0]["text"]);
    pad(&mut file["clusters"][0]["title"]);
    pad(&mut file["personas"][0]["name"]);
    pad(&mut file["personas"][0]["quote"]);

    let (_b, target) = library();
    let imported = target.import_workshop(&file.to_string()).unwrap();
    let back = target.export_workshop(&imported.id).unwrap();
    let first = source.export_workshop(&workshop).unwrap();
    assert_eq!(back.workshop.title, first.workshop.title);
    assert_eq!(back.stages[3].title, first.stages[3].title);
    assert_eq!(first.stages[3].channels, ["in person"]);
    assert_eq!(
        back.stages[3].channels,
        ["in person", "Phone"],
        "trimmed, a repeat dropped"
    );
    assert_eq!(back.notes[0].text, first.notes[0].text);
    assert_eq!(back.clusters[0].title, first.clusters[0].title);
    assert_eq!(back.personas[0].name, first.personas[0].name);
    assert_eq!(back.personas[0].quote, first.personas[0].quote);
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
            with(&|f| f["version"] = 4.into()),
            "written by a newer Fiilis (format version 4",
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
