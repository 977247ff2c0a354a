//! The JSON dispatcher every transport goes through.

use fiilis_core::api::{call, OPERATIONS};
use fiilis_core::Library;
use serde_json::{json, Value};

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    (dir, library)
}

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
