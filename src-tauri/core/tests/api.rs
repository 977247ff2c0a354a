//! The JSON dispatcher every transport goes through.

use fiilis_core::api::{call, OPERATIONS};
use fiilis_core::Library;
use serde_json::{json, Value};

use fiilis_testkit::library;

#[test]
fn a_workshop_round_trips_through_json_operations() {
    let (_dir, library) = library();
    let created = call(
        &library,
        "create_workshop",
        json!({ "title": "Hotel day", "template": "hotel", "language": "en" }),
    )
    .unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["stages"].as_array().unwrap().len(), 8);
    assert_eq!(created["stages"][0]["title"], "Browsing");
    assert_eq!(created["trashed_at"], Value::Null);

    let listed = call(&library, "list_workshops", Value::Null).unwrap();
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["stage_count"], 8);

    let updated = call(
        &library,
        "update_workshop",
        json!({ "id": id, "date": null }),
    )
    .unwrap();
    assert_eq!(updated["date"], Value::Null);
    call(&library, "trash_workshop", json!({ "id": id })).unwrap();
    let trash = call(&library, "list_workshops", json!({ "trashed": true })).unwrap();
    assert_eq!(trash.as_array().unwrap().len(), 1);
    assert_eq!(
        call(&library, "delete_workshop", json!({ "id": id })).unwrap(),
        Value::Null
    );
}

#[test]
fn bad_json_input_names_the_operation_and_the_field() {
    let (_dir, library) = library();
    let cases = [
        ("create_workshop", json!({}), "missing field `title`"),
        ("create_workshop", json!({ "title": 5 }), "invalid type"),
        (
            "create_workshop",
            json!({ "title": "x", "template": "castle" }),
            "unknown variant `castle`",
        ),
        (
            "create_workshop",
            json!({ "title": "x", "colour": "red" }),
            "unknown field `colour`",
        ),
        (
            "get_workshop",
            json!([1, 2]),
            "invalid input for get_workshop",
        ),
    ];
    for (op, input, expected) in cases {
        let error = call(&library, op, input).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{op}");
        let message = error.to_string();
        assert!(message.contains(op), "{message}");
        assert!(message.contains(expected), "{message}");
    }
    assert_eq!(
        call(&library, "list_workshops", json!({})).unwrap(),
        json!([])
    );
}

#[test]
fn unknown_operations_are_refused_by_name() {
    let (_dir, library) = library();
    let error = call(&library, "drop_database", json!({})).unwrap_err();
    assert_eq!(error.code(), "unknown_operation");
    assert!(error.to_string().contains("drop_database"));
}

#[test]
fn every_listed_operation_is_dispatched() {
    let (_dir, library) = library();
    for op in OPERATIONS {
        // Wrong input on purpose: a known operation says the input is wrong (or answers),
        // only an unlisted one says it is unknown.
        if let Err(error) = call(&library, op, json!({ "id": "missing" })) {
            assert_ne!(error.code(), "unknown_operation", "{op}");
        }
    }
}

#[test]
fn templates_and_app_info_describe_the_app() {
    let (_dir, library) = library();
    let templates = call(&library, "list_templates", json!({ "language": "fi" })).unwrap();
    let ids: Vec<_> = templates
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["blank", "hotel", "digital"]);
    assert_eq!(templates[1]["name"], "Hotellivierailu");
    assert_eq!(templates[1]["stages"].as_array().unwrap().len(), 8);

    let info = call(&library, "app_info", json!({})).unwrap();
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["schema_version"], fiilis_core::store::SCHEMA_VERSION);
    assert!(info["database_path"]
        .as_str()
        .unwrap()
        .ends_with("library.db"));
}

/// A workshop with one stage, one persona and an open room, for the argument checks.
fn hotel(library: &Library) -> (String, String, String) {
    let workshop = call(
        library,
        "create_workshop",
        json!({ "title": "Hotel", "template": "hotel" }),
    )
    .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let journey = call(library, "get_journey", json!({ "workshop_id": workshop })).unwrap();
    let stage = journey["stages"][0]["id"].as_str().unwrap().to_owned();
    let change = call(
        library,
        "create_persona",
        json!({ "workshop_id": workshop, "name": "Maija" }),
    )
    .unwrap();
    let persona = change["upserted"]["personas"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (workshop, stage, persona)
}

#[test]
fn a_misspelt_argument_is_refused_by_name_and_changes_nothing() {
    let (_dir, library) = library();
    let (workshop, stage, persona) = hotel(&library);
    let revision = |library: &Library| {
        call(library, "get_journey", json!({ "workshop_id": workshop })).unwrap()["revision"]
            .as_i64()
            .unwrap()
    };
    let before = revision(&library);
    let cases = [
        (
            "update_stage",
            json!({ "workshop_id": workshop, "id": stage, "titel": "X" }),
            "titel",
        ),
        (
            "create_round",
            json!({ "workshop_id": workshop, "votes_per_participnt": 50 }),
            "votes_per_participnt",
        ),
        (
            "create_persona",
            json!({ "workshop_id": workshop, "name": "A", "agee": "40" }),
            "agee",
        ),
        (
            "update_persona",
            json!({ "workshop_id": workshop, "id": persona, "nmae": "B" }),
            "nmae",
        ),
        (
            "set_emotion",
            json!({ "workshop_id": workshop, "persona_id": persona, "stage_id": stage,
                    "variant": "current", "score": 1, "notes": "x" }),
            "notes",
        ),
        (
            "update_room",
            json!({ "workshop_id": workshop, "brainstorm": true }),
            "brainstorm",
        ),
        (
            "set_emotion_scale",
            json!({ "workshop_id": workshop, "scale": "-2..2", "x": 1 }),
            "`x`",
        ),
        ("list_templates", json!({ "lang": "fi" }), "lang"),
        ("app_info", json!({ "verbose": true }), "verbose"),
    ];
    for (op, input, field) in cases {
        let error = call(&library, op, input).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{op}");
        let message = error.to_string();
        assert!(
            message.contains(op) && message.contains(field),
            "{op}: {message}"
        );
    }
    assert_eq!(
        revision(&library),
        before,
        "no refused call changed the workshop"
    );
    let rounds = call(&library, "list_rounds", json!({ "workshop_id": workshop })).unwrap();
    assert_eq!(rounds, json!([]));
}

#[test]
fn the_id_beside_flattened_fields_must_be_given_as_a_string() {
    let (_dir, library) = library();
    let (workshop, stage, _) = hotel(&library);
    let missing = call(
        &library,
        "update_stage",
        json!({ "id": stage, "title": "X" }),
    )
    .unwrap_err();
    assert!(missing.to_string().contains("workshop_id"), "{missing}");
    let number = call(
        &library,
        "update_persona",
        json!({ "workshop_id": workshop, "id": 7 }),
    )
    .unwrap_err();
    assert_eq!(number.code(), "invalid_input");
    assert!(
        number.to_string().contains("id must be a string"),
        "{number}"
    );
}

#[test]
fn an_update_that_changes_nothing_makes_no_revision_and_no_undo_step() {
    let (_dir, library) = library();
    let (workshop, stage, persona) = hotel(&library);
    let journey = call(&library, "get_journey", json!({ "workshop_id": workshop })).unwrap();
    let title = journey["stages"][0]["title"].clone();
    let (revision, undo) = (journey["revision"].clone(), journey["undo"].clone());
    assert_eq!(undo, "create_persona");

    for (op, input) in [
        (
            "update_stage",
            json!({ "workshop_id": workshop, "id": stage, "title": title }),
        ),
        (
            "update_stage",
            json!({ "workshop_id": workshop, "id": stage }),
        ),
        (
            "update_persona",
            json!({ "workshop_id": workshop, "id": persona, "name": "Maija" }),
        ),
    ] {
        let change = call(&library, op, input).unwrap();
        assert_eq!(change["revision"], revision, "{op}");
        assert_eq!(change["undo"], "create_persona", "{op}");
        assert_eq!(change["upserted"]["stages"], json!([]), "{op}");
    }
    let after = call(&library, "get_journey", json!({ "workshop_id": workshop })).unwrap();
    assert_eq!(
        (after["revision"].clone(), after["undo"].clone()),
        (revision.clone(), undo)
    );

    let before = call(&library, "get_workshop", json!({ "id": workshop })).unwrap();
    let same = call(
        &library,
        "update_workshop",
        json!({ "id": workshop, "title": "Hotel" }),
    )
    .unwrap();
    assert_eq!(
        same["updated_at"], before["updated_at"],
        "saving the same title is no edit"
    );

    let changed = call(
        &library,
        "update_stage",
        json!({ "workshop_id": workshop, "id": stage, "title": "Looking around" }),
    )
    .unwrap();
    assert_eq!(changed["revision"], revision.as_i64().unwrap() + 1);
    assert_eq!(changed["undo"], "update_stage");
}
