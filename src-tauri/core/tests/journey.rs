//! Personas, the journey and emotion curves through the store API.

use fiilis_core::board::{NewNote, Note, NoteEdit};
use fiilis_core::emotions::{
    summarise, EmotionInput, EmotionPoint, Rating, RatingInput, Scale, Variant,
};
use fiilis_core::journey::StageEdit;
use fiilis_core::participants::Role;
use fiilis_core::personas::{Persona, PersonaFields, Section, SectionBody};
use fiilis_core::{Library, Stage, Table};

fn setup() -> (tempfile::TempDir, Library, String) {
    fiilis_testkit::library_with_hotel("Hotel")
}

fn named(name: &str) -> PersonaFields {
    PersonaFields {
        name: Some(name.into()),
        ..Default::default()
    }
}

fn persona(library: &Library, workshop: &str, name: &str) -> Persona {
    library
        .create_persona(workshop, &named(name))
        .unwrap()
        .upserted::<Persona>(Table::Personas)
        .remove(0)
}

fn point(persona: &str, stage: &str, variant: Variant, score: Option<f64>) -> EmotionInput {
    EmotionInput {
        persona_id: persona.into(),
        stage_id: stage.into(),
        variant,
        score,
        note: None,
    }
}

fn stages(library: &Library, workshop: &str) -> Vec<Stage> {
    library.get_journey(workshop).unwrap().stages
}

#[test]
fn personas_hold_every_field_and_ordered_custom_sections() {
    let (_dir, library, workshop) = setup();
    let maija = persona(&library, &workshop, "Maija");
    assert_eq!((maija.position, maija.avatar_colour.as_str()), (0, "teal"));
    let fields = PersonaFields {
        age: Some("35–44".into()),
        occupation: Some("Nurse".into()),
        quote: Some("I just want to sleep.".into()),
        channels: Some(vec!["phone".into(), " web ".into(), "phone".into()]),
        sections: Some(vec![
            Section {
                id: String::new(),
                title: "Digital savvy".into(),
                body: SectionBody::Slider { value: 4 },
            },
            Section {
                id: String::new(),
                title: "Values".into(),
                body: SectionBody::Tags {
                    items: vec!["calm".into(), "value".into()],
                },
            },
        ]),
        ..Default::default()
    };
    let updated: Persona = library
        .update_persona(&workshop, &maija.id, &fields)
        .unwrap()
        .upserted(Table::Personas)
        .remove(0);
    assert_eq!(
        updated.channels,
        ["phone", "web"],
        "trimmed and deduplicated"
    );
    assert_eq!(updated.sections.len(), 2);
    assert!(
        updated.sections.iter().all(|s| s.id.len() == 36),
        "ids assigned"
    );
    assert_eq!(updated.sections[0].body, SectionBody::Slider { value: 4 });

    // Reordering sections keeps their ids.
    let reversed: Vec<Section> = updated.sections.iter().rev().cloned().collect();
    let reordered: Persona = library
        .update_persona(
            &workshop,
            &maija.id,
            &PersonaFields {
                sections: Some(reversed.clone()),
                ..Default::default()
            },
        )
        .unwrap()
        .upserted(Table::Personas)
        .remove(0);
    assert_eq!(reordered.sections, reversed);

    let second = persona(&library, &workshop, "Pekka");
    assert_eq!(
        (second.position, second.avatar_colour.as_str()),
        (1, "indigo")
    );
    library.move_persona(&workshop, &second.id, 0).unwrap();
    let names: Vec<_> = library
        .get_journey(&workshop)
        .unwrap()
        .personas
        .into_iter()
        .map(|p| (p.name, p.position))
        .collect();
    assert_eq!(names, [("Pekka".to_owned(), 0), ("Maija".to_owned(), 1)]);
}

#[test]
fn bad_persona_input_is_refused_with_nothing_changed() {
    let (_dir, library, workshop) = setup();
    let maija = persona(&library, &workshop, "Maija");
    let before = library.get_journey(&workshop).unwrap();
    let slider = |value| PersonaFields {
        sections: Some(vec![Section {
            id: String::new(),
            title: "Savvy".into(),
            body: SectionBody::Slider { value },
        }]),
        ..Default::default()
    };
    let cases = [
        (slider(6), "sections[0].value must be from 1 to 5, not 6"),
        (slider(0), "sections[0].value must be from 1 to 5, not 0"),
        (named("  "), "name must not be empty"),
        (
            PersonaFields {
                avatar_colour: Some("beige".into()),
                ..Default::default()
            },
            "avatar_colour must be one of",
        ),
        (
            PersonaFields {
                goals: Some("g".repeat(2_001)),
                ..Default::default()
            },
            "goals is 2001 characters long",
        ),
        (
            PersonaFields {
                channels: Some(vec!["".into()]),
                ..Default::default()
            },
            "channels[0] must not be empty",
        ),
    ];
    for (fields, message) in cases {
        let error = library
            .update_persona(&workshop, &maija.id, &fields)
            .unwrap_err();
        assert_eq!(error.code(), "invalid_input");
        assert!(error.to_string().contains(message), "{error}");
    }
    assert_eq!(
        library
            .create_persona(&workshop, &PersonaFields::default())
            .unwrap_err()
            .to_string(),
        "name is required"
    );
    assert_eq!(library.get_journey(&workshop).unwrap(), before);
}

#[test]
fn reordering_stages_keeps_scores_on_their_stage() {
    let (_dir, library, workshop) = setup();
    let maija = persona(&library, &workshop, "Maija");
    let original = stages(&library, &workshop);
    for (score, stage) in [-2.0, -1.0, 0.0, 1.0, 2.0, 1.0, 0.0, -1.0]
        .iter()
        .zip(&original)
    {
        library
            .set_emotion(
                &workshop,
                &point(&maija.id, &stage.id, Variant::Current, Some(*score)),
            )
            .unwrap();
    }
    let last = original.last().unwrap();
    library.move_stage(&workshop, &last.id, 0).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    let positions: Vec<i64> = journey.stages.iter().map(|s| s.position).collect();
    assert_eq!(positions, (0..8).collect::<Vec<_>>());
    assert_eq!(journey.stages[0].id, last.id);
    assert_eq!(journey.stages[1].id, original[0].id);
    let score_of = |stage: &str| {
        journey
            .emotions
            .iter()
            .find(|p| p.stage_id == stage)
            .map(|p| p.score)
    };
    assert_eq!(score_of(&last.id), Some(-1.0));
    assert_eq!(score_of(&original[0].id), Some(-2.0));
    assert_eq!(score_of(&original[4].id), Some(2.0));

    library.undo(&workshop).unwrap();
    let ids: Vec<String> = stages(&library, &workshop)
        .into_iter()
        .map(|s| s.id)
        .collect();
    let original_ids: Vec<String> = original.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, original_ids);
}

#[test]
fn stages_are_added_edited_and_deleted_with_everything_attached_restored_by_undo() {
    let (_dir, library, workshop) = setup();
    let added = library.create_stage(&workshop, "Parking", Some(1)).unwrap();
    let parking: Stage = added
        .upserted(Table::Stages)
        .into_iter()
        .find(|s: &Stage| s.title == "Parking")
        .unwrap();
    assert_eq!(parking.position, 1);
    assert_eq!(stages(&library, &workshop).len(), 9);
    library
        .update_stage(
            &workshop,
            &StageEdit {
                id: parking.id.clone(),
                pain_points: Some("No spaces after 18".into()),
                channels: Some(vec!["in person".into()]),
                moment_of_truth: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    let maija = persona(&library, &workshop, "Maija");
    library
        .set_emotion(
            &workshop,
            &point(&maija.id, &parking.id, Variant::Target, Some(1.5)),
        )
        .unwrap();
    let rater = library
        .add_participant(&workshop, Some("Aino"), Role::Customer)
        .unwrap();
    library
        .record_rating(
            &workshop,
            &rater.id,
            &RatingInput::new(None, &parking.id, Variant::Current, -2.0),
        )
        .unwrap();
    let note: Note = library
        .create_notes(
            &workshop,
            &[NewNote {
                text: "Where do I park?".into(),
                colour: "red".into(),
                x: 0.0,
                y: 0.0,
                cluster_id: None,
                stage_id: Some(parking.id.clone()),
                persona_id: Some(maija.id.clone()),
                author_id: None,
            }],
        )
        .unwrap()
        .upserted(Table::Notes)
        .remove(0);
    let before = library.get_journey(&workshop).unwrap();
    assert!(before.stages[1].moment_of_truth);
    assert_eq!(before.stages[1].channels, ["in person"]);
    assert_eq!(before.ratings.len(), 1);

    let deleted = library.delete_stage(&workshop, &parking.id).unwrap();
    assert_eq!(
        deleted.deleted(Table::Stages),
        std::slice::from_ref(&parking.id)
    );
    assert_eq!(deleted.deleted(Table::Emotions).len(), 1);
    assert_eq!(deleted.deleted(Table::Ratings).len(), 1);
    let after = library.get_journey(&workshop).unwrap();
    assert_eq!(after.stages.len(), 8);
    assert!(after.emotions.is_empty() && after.ratings.is_empty());
    let unlinked = &library.get_board(&workshop).unwrap().notes[0];
    assert_eq!(
        (unlinked.id.as_str(), unlinked.stage_id.as_deref()),
        (note.id.as_str(), None)
    );

    library.undo(&workshop).unwrap();
    let restored = library.get_journey(&workshop).unwrap();
    assert_eq!(restored.stages, before.stages);
    assert_eq!(restored.emotions, before.emotions);
    assert_eq!(restored.ratings, before.ratings);
    assert_eq!(library.get_board(&workshop).unwrap().notes[0], note);
}

#[test]
fn scores_outside_the_scale_or_for_unknown_stages_are_refused() {
    let (_dir, library, workshop) = setup();
    let maija = persona(&library, &workshop, "Maija");
    let stage = stages(&library, &workshop)[0].id.clone();
    let before = library.get_journey(&workshop).unwrap();
    let error = library
        .set_emotion(
            &workshop,
            &point(&maija.id, &stage, Variant::Current, Some(2.5)),
        )
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert!(
        error.to_string().contains("score must be between -2 and 2"),
        "{error}"
    );
    let error = library
        .set_emotion(
            &workshop,
            &point(&maija.id, "nowhere", Variant::Current, Some(1.0)),
        )
        .unwrap_err();
    assert_eq!(
        (error.code().as_str(), error.to_string()),
        ("not_found", "no stage with id nowhere".into())
    );
    let error = library
        .set_emotion(
            &workshop,
            &point("nobody", &stage, Variant::Current, Some(1.0)),
        )
        .unwrap_err();
    assert_eq!(error.code(), "not_found");
    assert_eq!(library.get_journey(&workshop).unwrap(), before);

    // A set point can be changed, given a note, and removed.
    library
        .set_emotion(
            &workshop,
            &EmotionInput {
                note: Some("Queue at the desk".into()),
                ..point(&maija.id, &stage, Variant::Current, Some(-1.26))
            },
        )
        .unwrap();
    let points = library.get_journey(&workshop).unwrap().emotions;
    assert_eq!(
        (points[0].score, points[0].note.as_str()),
        (-1.3, "Queue at the desk")
    );
    let removed = library
        .set_emotion(&workshop, &point(&maija.id, &stage, Variant::Current, None))
        .unwrap();
    assert_eq!(removed.deleted(Table::Emotions).len(), 1);
}

#[test]
fn changing_the_scale_rescales_every_score_and_undo_puts_it_back() {
    let (_dir, library, workshop) = setup();
    let maija = persona(&library, &workshop, "Maija");
    let all = stages(&library, &workshop);
    for (score, stage) in [-2.0, 0.0, 2.0, 1.0].iter().zip(&all) {
        library
            .set_emotion(
                &workshop,
                &point(&maija.id, &stage.id, Variant::Current, Some(*score)),
            )
            .unwrap();
    }
    let rater = library
        .add_participant(&workshop, None, Role::Customer)
        .unwrap();
    library
        .record_rating(
            &workshop,
            &rater.id,
            &RatingInput::new(Some(&maija.id), &all[0].id, Variant::Current, -1.0),
        )
        .unwrap();
    let change = library
        .set_emotion_scale(&workshop, Scale::OneToTen)
        .unwrap();
    let rescaled: Vec<EmotionPoint> = change.upserted(Table::Emotions);
    assert_eq!(rescaled.len(), 4, "the change says how many were rescaled");
    assert_eq!(change.upserted::<Rating>(Table::Ratings).len(), 1);
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(journey.scale, Scale::OneToTen);
    let score_at = |journey: &fiilis_core::journey::Journey, stage: &str| {
        journey
            .emotions
            .iter()
            .find(|p| p.stage_id == stage)
            .unwrap()
            .score
    };
    assert_eq!(score_at(&journey, &all[0].id), 1.0);
    assert_eq!(score_at(&journey, &all[1].id), 5.5);
    assert_eq!(score_at(&journey, &all[2].id), 10.0);
    assert_eq!(score_at(&journey, &all[3].id), 7.8);
    assert_eq!(journey.ratings[0].mean, 3.3);

    library.undo(&workshop).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(journey.scale, Scale::MinusTwoToTwo);
    assert_eq!(score_at(&journey, &all[3].id), 1.0);
    assert_eq!(journey.ratings[0].mean, -1.0);
    assert_eq!(
        Scale::MinusThreeToThree.rescale(3.0, Scale::MinusTwoToTwo),
        2.0
    );
}

#[test]
fn ratings_aggregate_to_hand_computed_figures_and_are_not_undone() {
    let (_dir, library, workshop) = setup();
    let stage = stages(&library, &workshop)[2].id.clone();
    let scores = [1.0, 2.0, 2.0, -2.0];
    for (index, score) in scores.iter().enumerate() {
        let rater = library
            .add_participant(&workshop, Some(&format!("P{index}")), Role::Customer)
            .unwrap();
        library
            .record_rating(
                &workshop,
                &rater.id,
                &RatingInput::new(None, &stage, Variant::Current, *score),
            )
            .unwrap();
        // Rating again replaces the participant's earlier rating.
        library
            .record_rating(
                &workshop,
                &rater.id,
                &RatingInput::new(None, &stage, Variant::Current, *score),
            )
            .unwrap();
    }
    let summary = &library.get_journey(&workshop).unwrap().ratings;
    assert_eq!(summary.len(), 1);
    let s = &summary[0];
    assert_eq!(
        (s.count, s.mean, s.median, s.min, s.max),
        (4, 0.75, 1.5, -2.0, 2.0)
    );
    // Population variance: ((0.25)² + 1.25² + 1.25² + 2.75²) / 4 = 2.6875.
    assert!((s.stddev - 2.6875f64.sqrt()).abs() < 1e-12, "{}", s.stddev);
    assert_eq!(s.persona_id, None);
    assert_eq!(
        library.undo(&workshop).unwrap_err().code(),
        "nothing_to_undo"
    );

    let odd = summarise(&[]);
    assert!(odd.is_empty());
}

fn png(width: u32, height: u32, alpha: bool) -> Vec<u8> {
    let image = if alpha {
        image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            width,
            height,
            image::Rgba([200, 10, 10, 128]),
        ))
    } else {
        image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        }))
    };
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn photos_are_checked_scaled_and_served_as_data_urls() {
    let (_dir, library, workshop) = setup();
    let maija = persona(&library, &workshop, "Maija");
    let big = base64(&png(1024, 768, false));
    let with_photo: Persona = library
        .set_persona_photo(
            &workshop,
            &maija.id,
            Some(&format!("data:image/png;base64,{big}")),
        )
        .unwrap()
        .upserted(Table::Personas)
        .remove(0);
    let image = library
        .get_image(&workshop, with_photo.photo_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(
        (image.mime.as_str(), image.width, image.height),
        ("image/jpeg", 512, 384)
    );
    assert!(image.data_url.starts_with("data:image/jpeg;base64,/9j/"));

    let transparent: Persona = library
        .set_persona_photo(&workshop, &maija.id, Some(&base64(&png(64, 64, true))))
        .unwrap()
        .upserted(Table::Personas)
        .remove(0);
    let image = library
        .get_image(&workshop, transparent.photo_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(
        (image.mime.as_str(), image.width),
        ("image/png", 64),
        "small images keep their size"
    );

    // Undo brings back the earlier photo.
    library.undo(&workshop).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(journey.personas[0].photo_id, with_photo.photo_id);
    assert_eq!(
        library
            .get_image("other", with_photo.photo_id.as_deref().unwrap())
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn files_that_are_not_images_or_too_large_are_refused() {
    let (_dir, library, workshop) = setup();
    let maija = persona(&library, &workshop, "Maija");
    let before = library.get_journey(&workshop).unwrap();
    let mut truncated = png(100, 100, false);
    truncated.truncate(60);
    let huge = vec![0u8; 11 * 1024 * 1024];
    let cases = [
        (base64(b"%PDF-1.7 not a picture"), "not an image"),
        ("***".to_owned(), "not valid base64"),
        (base64(&truncated), "could not be read"),
        (
            base64(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            "not supported",
        ),
        (base64(&huge), "the limit is 10 MB"),
    ];
    for (data, message) in cases {
        let error = library
            .set_persona_photo(&workshop, &maija.id, Some(&data))
            .unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{error}");
        assert!(error.to_string().contains(message), "{message}: {error}");
    }
    assert_eq!(library.get_journey(&workshop).unwrap(), before);
}

#[test]
fn duplicating_and_deleting_a_persona_carry_its_curve() {
    let (_dir, library, workshop) = setup();
    let maija = persona(&library, &workshop, "Maija");
    let pekka = persona(&library, &workshop, "Pekka");
    let stage = stages(&library, &workshop)[0].id.clone();
    library
        .set_emotion(
            &workshop,
            &point(&maija.id, &stage, Variant::Current, Some(-1.0)),
        )
        .unwrap();
    let note: Note = library
        .create_notes(
            &workshop,
            &[NewNote {
                text: "hers".into(),
                colour: "yellow".into(),
                x: 0.0,
                y: 0.0,
                cluster_id: None,
                stage_id: None,
                persona_id: Some(maija.id.clone()),
                author_id: None,
            }],
        )
        .unwrap()
        .upserted(Table::Notes)
        .remove(0);
    library.duplicate_persona(&workshop, &maija.id).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    let names: Vec<_> = journey.personas.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Maija", "Maija (copy)", "Pekka"]);
    assert_eq!(journey.personas[2].id, pekka.id);
    assert_eq!(journey.emotions.len(), 2);

    let before = library.get_journey(&workshop).unwrap();
    library.delete_persona(&workshop, &maija.id).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(journey.personas.len(), 2);
    assert_eq!(journey.personas[0].position, 0);
    assert_eq!(journey.emotions.len(), 1);
    assert_eq!(
        library.get_board(&workshop).unwrap().notes[0].persona_id,
        None
    );
    library.undo(&workshop).unwrap();
    let restored = library.get_journey(&workshop).unwrap();
    assert_eq!(
        (restored.personas, restored.emotions),
        (before.personas, before.emotions)
    );
    assert_eq!(library.get_board(&workshop).unwrap().notes[0], note);
    let relinked = library
        .update_notes(
            &workshop,
            &[NoteEdit {
                id: note.id.clone(),
                persona_id: Some(Some("ghost".into())),
                ..Default::default()
            }],
        )
        .unwrap_err();
    assert_eq!(relinked.code(), "not_found");
}

#[test]
fn undoing_the_first_scale_change_tells_which_scale_is_back() {
    let (_dir, library, workshop) = setup();
    library
        .set_emotion_scale(&workshop, Scale::OneToTen)
        .unwrap();
    let undone = library.undo(&workshop).unwrap();
    let settings = &undone.upserted["journey_settings"];
    assert_eq!(
        settings.len(),
        1,
        "the settings row comes back, not a deletion"
    );
    assert_eq!(settings[0]["emotion_scale"], "-2..2");
    assert!(undone.deleted(Table::JourneySettings).is_empty());
    let copy = library.duplicate_workshop(&workshop, None).unwrap();
    assert_eq!(
        library.get_journey(&copy.id).unwrap().scale,
        Scale::MinusTwoToTwo
    );
}
