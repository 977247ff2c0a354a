//! docs/workshop-format.schema.json against the code: every file Fiilis writes validates,
//! files the importer refuses are refused by the schema wherever a schema can say why, the
//! limits and lists in the schema are core's own, and the schema is valid draft 2020-12.

mod support;

use fiilis_core::emotions::Scale;
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{model, palette, Language, Library, TemplateId};
use serde_json::{json, Value};
use support::{counts, library, rich_workshop};

fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/workshop-format.schema.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).unwrap()
}

/// The schema's complaints about `file`, one line each, or none.
fn complaints(validator: &jsonschema::Validator, file: &Value) -> Vec<String> {
    validator
        .iter_errors(file)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// What Fiilis writes for the workshop, read back as JSON the way another tool would.
fn exported(library: &Library, workshop: &str) -> Value {
    let bytes = library
        .render_file(
            workshop,
            fiilis_core::files::FileFormat::Json,
            Default::default(),
        )
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("not a valid draft 2020-12 schema: {error}");
    }
    assert_eq!(
        validator().draft(),
        jsonschema::Draft::Draft202012,
        "the schema compiles as draft 2020-12"
    );
}

#[test]
fn the_schema_states_cores_own_limits() {
    use fiilis_core::{board, emotions, exchange, journey, participants, personas, workshops};
    let schema = schema();
    let at = |pointer: &str| {
        schema
            .pointer(pointer)
            .unwrap_or_else(|| panic!("the schema has no {pointer}"))
            .clone()
    };
    assert_eq!(at("/properties/format/const"), exchange::FORMAT);
    assert_eq!(
        at("/properties/version/enum"),
        json!((1..=exchange::VERSION).collect::<Vec<_>>()),
        "the versions read"
    );
    use fiilis_core::{feelings, figures, lanes, questions};
    let limits = [
        ("/$defs/title/maxLength", workshops::MAX_TITLE_CHARS),
        ("/properties/feelings/maxItems", feelings::MAX_OWN_WORDS),
        ("/properties/lanes/maxItems", lanes::MAX_LANES as usize),
        (
            "/$defs/own_feeling/properties/word/maxLength",
            feelings::MAX_WORD_CHARS,
        ),
        (
            "/$defs/stage/properties/designed_feelings/maxItems",
            model::MAX_DESIGNED_FEELINGS,
        ),
        (
            "/$defs/rating/properties/feelings/maxItems",
            feelings::MAX_FELT,
        ),
        (
            "/$defs/lane_cell/properties/text/maxLength",
            lanes::MAX_CELL_CHARS,
        ),
        (
            "/$defs/question/properties/prompt/maxLength",
            questions::MAX_PROMPT_CHARS,
        ),
        (
            "/$defs/question/properties/options/maxItems",
            questions::MAX_OPTIONS,
        ),
        (
            "/$defs/question/properties/options/items/maxLength",
            questions::MAX_OPTION_CHARS,
        ),
        (
            "/$defs/question/then/properties/options/minItems",
            questions::MIN_OPTIONS,
        ),
        (
            "/$defs/answer/properties/text/maxLength",
            questions::MAX_ANSWER_CHARS,
        ),
        (
            "/$defs/stage_figure/properties/source/maxLength",
            figures::MAX_SOURCE_CHARS,
        ),
        (
            "/$defs/workshop/properties/goal/maxLength",
            workshops::MAX_GOAL_CHARS,
        ),
        (
            "/$defs/workshop/properties/facilitator/maxLength",
            workshops::MAX_FACILITATOR_CHARS,
        ),
        (
            "/$defs/stage/properties/description/maxLength",
            journey::MAX_STAGE_TEXT_CHARS,
        ),
        (
            "/$defs/stage/properties/pain_points/maxLength",
            journey::MAX_STAGE_TEXT_CHARS,
        ),
        (
            "/$defs/stage/properties/opportunities/maxLength",
            journey::MAX_STAGE_TEXT_CHARS,
        ),
        ("/$defs/short_list/maxItems", model::MAX_CHANNELS),
        (
            "/$defs/short_list/items/maxLength",
            model::MAX_CHANNEL_CHARS,
        ),
        (
            "/$defs/participant/properties/name/maxLength",
            participants::MAX_NAME_CHARS,
        ),
        (
            "/$defs/persona/properties/name/maxLength",
            personas::MAX_NAME_CHARS,
        ),
        (
            "/$defs/persona/properties/age/maxLength",
            personas::MAX_AGE_CHARS,
        ),
        (
            "/$defs/persona/properties/occupation/maxLength",
            personas::MAX_SHORT_CHARS,
        ),
        (
            "/$defs/persona/properties/quote/maxLength",
            personas::MAX_SHORT_CHARS,
        ),
        (
            "/$defs/persona/properties/background/maxLength",
            personas::MAX_LONG_CHARS,
        ),
        (
            "/$defs/persona/properties/expectations/maxLength",
            personas::MAX_LONG_CHARS,
        ),
        (
            "/$defs/persona/properties/sections/maxItems",
            personas::MAX_SECTIONS,
        ),
        (
            "/$defs/section/properties/title/maxLength",
            personas::MAX_NAME_CHARS,
        ),
        (
            "/$defs/section/oneOf/0/properties/text/maxLength",
            personas::MAX_LONG_CHARS,
        ),
        (
            "/$defs/section/oneOf/1/properties/items/maxItems",
            personas::MAX_SECTION_ITEMS,
        ),
        (
            "/$defs/section/oneOf/1/properties/items/items/maxLength",
            personas::MAX_SHORT_CHARS,
        ),
        (
            "/$defs/note/properties/text/maxLength",
            board::MAX_NOTE_CHARS,
        ),
        (
            "/$defs/emotion_point/properties/note/maxLength",
            emotions::MAX_NOTE_CHARS,
        ),
        (
            "/$defs/voting_round/properties/title/maxLength",
            workshops::MAX_TITLE_CHARS,
        ),
    ];
    for (pointer, limit) in limits {
        assert_eq!(at(pointer), limit, "{pointer}");
    }
    assert_eq!(
        at("/$defs/note/properties/colour/enum"),
        json!(palette::NOTE_COLOURS)
    );
    assert_eq!(
        at("/$defs/persona/properties/avatar_colour/enum"),
        json!(palette::AVATAR_COLOURS)
    );
    let scales: Vec<Value> = [
        Scale::MinusTwoToTwo,
        Scale::MinusThreeToThree,
        Scale::OneToTen,
    ]
    .iter()
    .map(|scale| serde_json::to_value(scale).unwrap())
    .collect();
    assert_eq!(
        at("/$defs/workshop/properties/emotion_scale/enum"),
        json!(scales)
    );
    // Each scale's rule bounds scores by that scale's own ends.
    for (index, scale) in [
        Scale::MinusTwoToTwo,
        Scale::MinusThreeToThree,
        Scale::OneToTen,
    ]
    .into_iter()
    .enumerate()
    {
        let rule = at(&format!("/allOf/{index}"));
        assert_eq!(
            rule["if"]["properties"]["workshop"]["properties"]["emotion_scale"]["const"],
            serde_json::to_value(scale).unwrap()
        );
        let (min, max) = scale.bounds();
        for rows in ["emotions", "ratings"] {
            let score = &rule["then"]["properties"][rows]["items"]["properties"]["score"];
            assert_eq!(score["minimum"].as_f64(), Some(min), "{rows} on {scale:?}");
            assert_eq!(score["maximum"].as_f64(), Some(max), "{rows} on {scale:?}");
        }
    }
}

#[test]
fn every_file_fiilis_writes_validates() {
    let validator = validator();
    let (_dir, source) = library();
    let mut files = vec![("rich", exported(&source, &rich_workshop(&source)))];
    for language in [Language::En, Language::Fi] {
        let (_dir, fresh) = library();
        let sample = fresh.seed_sample_on_first_start(language).unwrap().unwrap();
        files.push(("sample", exported(&fresh, &sample.id)));
    }
    for template in TemplateId::ALL {
        let workshop = source
            .create_workshop(&NewWorkshop {
                title: format!("Only the {}", template.as_str()),
                template,
                ..Default::default()
            })
            .unwrap();
        source
            .set_emotion_scale(&workshop.id, Scale::OneToTen)
            .unwrap();
        files.push(("template", exported(&source, &workshop.id)));
    }
    // A file of an imported workshop carries origins.
    let (_dir, target) = library();
    let imported = target.import_workshop(&files[0].1.to_string()).unwrap();
    files.push(("re-exported", exported(&target, &imported.id)));
    assert!(!files.last().unwrap().1["origins"]
        .as_object()
        .unwrap()
        .is_empty());

    for (name, file) in &files {
        assert_eq!(complaints(&validator, file), Vec::<String>::new(), "{name}");
    }
    let rich = &files[0].1;
    for rows in [
        "notes",
        "personas",
        "emotions",
        "ratings",
        "images",
        "votes",
        "round_done",
    ] {
        assert!(!rich[rows].as_array().unwrap().is_empty(), "{rows}");
    }
}

/// A change to a good file, and what the importer says about the result.
type Case = (&'static str, fn(&mut Value), Option<&'static str>);

fn without(file: &mut Value, pointer: &str, key: &str) {
    file.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap()
        .remove(key)
        .unwrap();
}

#[test]
fn the_schema_and_the_importer_agree_on_bad_files() {
    let validator = validator();
    let (_a, source) = library();
    let good = exported(&source, &rich_workshop(&source));
    // Rejected by both; the message is the importer's.
    let refused: &[Case] = &[
        (
            "another format",
            |f| f["format"] = "miro-board".into(),
            Some("not a Fiilis workshop file"),
        ),
        (
            "newer version",
            |f| f["version"] = 4.into(),
            Some("written by a newer Fiilis"),
        ),
        (
            "version zero",
            |f| f["version"] = 0.into(),
            Some("no valid"),
        ),
        (
            "version as text",
            |f| f["version"] = "1".into(),
            Some("no valid"),
        ),
        (
            "no version",
            |f| without(f, "", "version"),
            Some("no valid"),
        ),
        (
            "no notes",
            |f| without(f, "", "notes"),
            Some("missing field `notes`"),
        ),
        (
            "no note text",
            |f| without(f, "/notes/0", "text"),
            Some("at notes[0]: missing field `text`"),
        ),
        (
            "no workshop title",
            |f| without(f, "/workshop", "title"),
            Some("missing field `title`"),
        ),
        (
            "no rating stage",
            |f| without(f, "/ratings/0", "stage_id"),
            Some("missing field `stage_id`"),
        ),
        (
            "x as text",
            |f| f["notes"][1]["x"] = "left".into(),
            Some("at notes[1].x: invalid type"),
        ),
        (
            "stages as object",
            |f| f["stages"] = json!({}),
            Some("at stages: invalid type"),
        ),
        (
            "title as number",
            |f| f["workshop"]["title"] = 7.into(),
            Some("at workshop.title: invalid type"),
        ),
        (
            "anonymous as 0",
            |f| f["voting_rounds"][0]["anonymous"] = 0.into(),
            Some("invalid type"),
        ),
        (
            "position as fraction",
            |f| f["stages"][0]["position"] = 0.5.into(),
            Some("at stages[0].position: invalid type"),
        ),
        (
            "unknown top-level field",
            |f| f["extra"] = true.into(),
            Some("unknown field `extra`"),
        ),
        (
            "unknown workshop field",
            |f| f["workshop"]["extra"] = true.into(),
            Some("at workshop.extra: unknown field"),
        ),
        (
            "unknown image field",
            |f| f["images"][0]["width"] = 40.into(),
            Some("unknown field `width`"),
        ),
        (
            "unknown language",
            |f| f["workshop"]["language"] = "sv".into(),
            Some("unknown variant `sv`"),
        ),
        (
            "unknown scale",
            |f| f["workshop"]["emotion_scale"] = "0..5".into(),
            Some("unknown variant `0..5`"),
        ),
        (
            "unknown role",
            |f| f["participants"][0]["role"] = "boss".into(),
            Some("unknown variant `boss`"),
        ),
        (
            "unknown variant",
            |f| f["emotions"][0]["variant"] = "future".into(),
            Some("unknown variant `future`"),
        ),
        (
            "unknown section kind",
            |f| f["personas"][0]["sections"][0]["kind"] = "video".into(),
            Some("unknown variant `video`"),
        ),
        (
            "unknown round status",
            |f| f["voting_rounds"][0]["status"] = "paused".into(),
            Some("unknown variant `paused`"),
        ),
        (
            "blank title",
            |f| f["workshop"]["title"] = "   ".into(),
            Some("workshop.title must not be empty"),
        ),
        (
            "long note",
            |f| f["notes"][2]["text"] = "x".repeat(1_001).into(),
            Some("notes[2].text is 1001 characters long"),
        ),
        (
            "long persona age",
            |f| f["personas"][0]["age"] = "9".repeat(41).into(),
            Some("age is 41 characters long"),
        ),
        (
            "thirteen channels",
            |f| {
                f["stages"][0]["channels"] =
                    json!((0..13).map(|n| n.to_string()).collect::<Vec<_>>())
            },
            Some("stages[0].channels must hold 0 to 12 items"),
        ),
        (
            "blank channel",
            |f| f["stages"][0]["channels"] = json!([" "]),
            Some("stages[0].channels[0] must not be empty"),
        ),
        (
            "colour off the palette",
            |f| f["notes"][0]["colour"] = "black".into(),
            Some("notes[0].colour must be one of"),
        ),
        (
            "avatar colour off the list",
            |f| f["personas"][0]["avatar_colour"] = "black".into(),
            Some("avatar_colour must be one of"),
        ),
        (
            "note far off the board",
            |f| f["notes"][0]["x"] = 2e6.into(),
            Some("notes[0].x must be a number between"),
        ),
        (
            "slider past 5",
            |f| {
                f["personas"][0]["sections"][0] =
                    json!({"id": "s", "title": "Mood", "kind": "slider", "value": 9})
            },
            Some("must be from 1 to 5, not 9"),
        ),
        (
            "score off the scale",
            |f| f["emotions"][0]["score"] = 7.into(),
            Some("emotions[0].score: score must be between -2 and 2"),
        ),
        (
            "scores of another scale",
            |f| f["workshop"]["emotion_scale"] = "1..10".into(),
            Some("score must be between 1 and 10"),
        ),
        (
            "empty id",
            |f| f["clusters"][0]["id"] = "".into(),
            Some("clusters[0].id is empty"),
        ),
        (
            "image not base64",
            |f| f["images"][0]["data_base64"] = "not base64!".into(),
            Some("images[0].data_base64 is not base64"),
        ),
        (
            "no votes per participant",
            |f| f["voting_rounds"][0]["votes_per_participant"] = 0.into(),
            Some("voting_rounds[0].votes_per_participant must be from 1 to 99, not 0"),
        ),
        (
            "a hundred per note",
            |f| f["voting_rounds"][0]["max_per_note"] = 100.into(),
            Some("voting_rounds[0].max_per_note must be from 1 to 99, not 100"),
        ),
        (
            "weightless vote",
            |f| f["votes"][0]["weight"] = 0.into(),
            Some("votes[0].weight must be 1 for a participant's vote, not 0"),
        ),
        (
            "a participant's vote weighing three",
            |f| f["votes"][0]["weight"] = 3.into(),
            Some("votes[0].weight must be 1 for a participant's vote, not 3"),
        ),
        (
            "a thousand votes counted on paper at once",
            |f| {
                f["votes"][0]["participant_id"] = Value::Null;
                f["votes"][0]["weight"] = 1000.into();
            },
            Some("votes[0].weight must be from 1 to 999, not 1000"),
        ),
    ];
    // Accepted by both: what the importer tolerates, the schema allows.
    let accepted: &[Case] = &[
        ("no date", |f| without(f, "/workshop", "date"), None),
        (
            "no optional references",
            |f| {
                without(f, "/notes/0", "cluster_id");
                without(f, "/notes/0", "author_id");
                without(f, "/personas/0", "photo_id");
            },
            None,
        ),
        (
            "no voting or origins",
            |f| {
                for key in ["voting_rounds", "votes", "round_done", "origins"] {
                    without(f, "", key);
                }
            },
            None,
        ),
        (
            "unknown field in a row",
            |f| f["notes"][0]["rotation"] = 3.into(),
            None,
        ),
        // Stamps are kept as they are, never checked; `format` is only an annotation.
        (
            "stamps of any text",
            |f| {
                f["exported_at"] = "yesterday".into();
                f["notes"][0]["created_at"] = "".into();
            },
            None,
        ),
        (
            "a section without an id",
            |f| without(f, "/personas/0/sections/0", "id"),
            None,
        ),
        (
            "empty lists",
            |f| {
                for key in [
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
                ] {
                    f[key] = json!([]);
                }
            },
            None,
        ),
    ];
    // Refused by the importer for what no JSON Schema can check: ids across the file,
    // references between rows, and what the bytes of an image hold.
    let beyond_the_schema: &[Case] = &[
        (
            "reference to nothing",
            |f| f["notes"][0]["cluster_id"] = "ghost".into(),
            Some("notes[0].cluster_id refers to ghost"),
        ),
        (
            "repeated id",
            |f| f["notes"][1]["id"] = f["notes"][0]["id"].clone(),
            Some("notes[1].id is empty or repeats an id"),
        ),
        (
            "photo of nothing",
            |f| f["personas"][0]["photo_id"] = "ghost".into(),
            Some("personas[0].photo_id refers to ghost"),
        ),
        (
            "image that is not one",
            |f| f["images"][0]["data_base64"] = "aGVsbG8=".into(),
            Some("images[0]: the file is not an image"),
        ),
        (
            "two points for one place",
            |f| {
                let mut twin = f["emotions"][0].clone();
                twin["id"] = "twin".into();
                f["emotions"].as_array_mut().unwrap().push(twin);
            },
            Some("emotions[1] is a second point for the same persona, stage and variant"),
        ),
    ];

    let (_b, target) = library();
    let before = counts(&target);
    let verdict =
        |name: &str, change: fn(&mut Value), message: Option<&str>, schema_accepts: bool| {
            let mut file = good.clone();
            change(&mut file);
            let found = complaints(&validator, &file);
            assert_eq!(
                found.is_empty(),
                schema_accepts,
                "{name}: the schema says {found:?}"
            );
            let imported = target.import_workshop(&file.to_string());
            match (message, imported) {
                (None, Ok(_)) => {}
                (None, Err(error)) => panic!("{name}: the importer refused it: {error}"),
                (Some(_), Ok(_)) => panic!("{name}: the importer took it in"),
                (Some(message), Err(error)) => {
                    assert_eq!(error.code(), "invalid_input", "{name}: {error}");
                    assert!(
                        error.to_string().contains(message),
                        "{name}: expected \u{201c}{message}\u{201d}, got: {error}"
                    );
                }
            }
        };
    for (name, change, message) in refused {
        verdict(name, *change, *message, false);
    }
    for (name, change, message) in beyond_the_schema {
        verdict(name, *change, *message, true);
    }
    assert_eq!(counts(&target), before, "a refused file writes nothing");
    for (name, change, message) in accepted {
        verdict(name, *change, *message, true);
    }
    assert_eq!(counts(&target)[0], before[0] + accepted.len() as i64);
}
