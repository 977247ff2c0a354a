//! Helpers shared by the test files about the workshop file: a library in a temporary
//! folder, a workshop with something of everything, and the comparisons the round trips use.

// Each test file that includes this module uses only some of the helpers.
#![allow(dead_code, unused_imports)]

pub mod import_file;

use std::collections::HashMap;

use fiilis_core::board::{NewNote, Note};
use fiilis_core::emotions::{EmotionInput, RatingInput, Variant};
use fiilis_core::exchange::WorkshopFile;
use fiilis_core::journey::StageEdit;
use fiilis_core::participants::Role;
use fiilis_core::personas::{Persona, PersonaFields, Section, SectionBody};
use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Library, Table, TemplateId};
use serde_json::Value;

pub use fiilis_testkit::library;

pub fn png() -> String {
    use base64::Engine;
    let image =
        image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8 * 6, y as u8 * 8, 120]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes.into_inner())
}

pub fn note(text: &str) -> NewNote {
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
pub fn rich_workshop(library: &Library) -> String {
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
            &RatingInput::new(Some(&persona.id), &stage, Variant::Target, 2.0),
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

pub fn export_text(library: &Library, workshop: &str) -> String {
    serde_json::to_string_pretty(&library.export_workshop(workshop).unwrap()).unwrap()
}

/// The file with ids replaced by their order of first appearance and the stamps of the
/// export itself removed, so two exports of the same content compare equal.
pub fn normalised(file: &WorkshopFile) -> Value {
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

/// Rows of every table a workshop file writes to, content tables first (the last two are
/// the undo history and the origins), so a failed import can be shown to have written nothing.
pub fn counts(library: &Library) -> Vec<i64> {
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
        "voting_rounds",
        "votes",
        "round_done",
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
