//! The desktop window's IPC, through Tauri's mock runtime with the app's real capabilities:
//! commands answer like core, errors arrive as `{code, message}`, and access control holds.

mod support;

use fiilis_shell::desktop;
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::{App, Listener};

use support::{app, app_with_library, every_operation, invoke, window};

/// The `### name` headings under "## Operations" in docs/api.md.
fn documented_operations() -> Vec<String> {
    let doc = include_str!("../../docs/api.md");
    let operations = doc
        .split("## Operations")
        .nth(1)
        .expect("an Operations section");
    operations
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .map(|name| name.trim().to_owned())
        .collect()
}

#[test]
fn the_docs_core_and_ipc_list_the_same_operations() {
    let documented = documented_operations();
    assert!(documented.len() >= 10, "{documented:?}");
    assert_eq!(documented, every_operation());
}

#[test]
fn every_documented_operation_is_granted_to_the_main_window() {
    let (_dir, app) = app();
    let main = window(&app, desktop::MAIN_WINDOW);
    for operation in documented_operations() {
        // An id that does not exist: the command must run and answer from core (a result or
        // a core error code), never be stopped by access control.
        match invoke(&main, &operation, json!({ "id": "no-such-workshop" })) {
            Ok(_) => {}
            Err(error) => {
                let code = error["code"].as_str().unwrap_or_else(|| {
                    panic!("{operation} was refused before reaching core: {error}")
                });
                assert!(
                    ["not_found", "invalid_input"].contains(&code),
                    "{operation}: {error}"
                );
            }
        }
    }
}

#[test]
fn a_workshop_is_created_and_listed_over_ipc() {
    let (_dir, app) = app();
    let main = window(&app, desktop::MAIN_WINDOW);
    let created = invoke(
        &main,
        "create_workshop",
        json!({ "title": "Hotel day", "template": "hotel", "language": "fi" }),
    )
    .unwrap();
    assert_eq!(created["stages"].as_array().unwrap().len(), 8);
    assert_eq!(created["stages"][0]["title"], "Selailu");
    let listed = invoke(&main, "list_workshops", json!({})).unwrap();
    assert_eq!(listed[0]["id"], created["id"]);

    let error = invoke(&main, "create_workshop", json!({ "title": " " })).unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    assert!(error["message"].as_str().unwrap().contains("title"));
}

#[test]
fn commands_outside_the_manifest_are_refused() {
    let (_dir, app) = app();
    let main = window(&app, desktop::MAIN_WINDOW);
    for command in [
        "drop_library",
        "plugin:fs|read_file",
        "plugin:shell|execute",
    ] {
        let refused = invoke(&main, command, json!({}));
        assert!(refused.is_err(), "{command} must be refused: {refused:?}");
    }
}

/// What the presenter window may call: reading, never changing. Widening the presenter's
/// capability makes this list, and so this file, change visibly.
const PRESENTER_MAY_CALL: &[&str] = &[
    "get_workshop",
    "app_info",
    "get_board",
    "get_journey",
    "get_image",
    "emotion_chart_svg",
    "list_rounds",
    "round_progress",
    "round_results",
    "list_questions",
    "get_room",
    "participant_access",
];

/// The operations a window with `label` gets past access control for.
fn granted_to(app: &App<MockRuntime>, label: &str) -> Vec<String> {
    let window = window(app, label);
    every_operation()
        .into_iter()
        .filter(|operation| {
            match invoke(&window, operation, json!({ "id": "no-such-workshop" })) {
                Ok(_) => true,
                // Refused by access control: a plain string, not a `{code, message}` from core.
                Err(error) => error.get("code").is_some(),
            }
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_presenter_window_may_only_read_and_other_windows_nothing() {
    let (_dir, app) = app();
    assert_eq!(
        granted_to(&app, desktop::PRESENTER_WINDOW),
        PRESENTER_MAY_CALL
    );
    assert!(granted_to(&app, "stranger").is_empty());
    let refused = invoke(
        &window(&app, "another"),
        "create_workshop",
        json!({ "title": "x" }),
    )
    .unwrap_err()
    .to_string();
    assert!(refused.contains("not allowed"), "{refused}");
}

#[test]
fn every_change_reaches_the_windows_as_an_event() {
    let (_dir, app, library) = app_with_library();
    desktop::forward_changes(app.handle(), &library);
    let (sender, received) = std::sync::mpsc::channel();
    app.listen_any(desktop::CHANGE_EVENT, move |event| {
        sender.send(event.payload().to_owned()).unwrap();
    });
    let main = window(&app, desktop::MAIN_WINDOW);
    let workshop = invoke(&main, "create_workshop", json!({ "title": "Live" })).unwrap();
    let change = invoke(
        &main,
        "create_notes",
        json!({ "workshop_id": workshop["id"], "notes": [{ "text": "seen everywhere", "x": 1, "y": 2 }] }),
    )
    .unwrap();
    let payload = received
        .recv_timeout(std::time::Duration::from_secs(5))
        .expect("the change is broadcast");
    let event: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(event, change);
    assert_eq!(event["upserted"]["notes"][0]["text"], "seen everywhere");
}

/// The grant file of a window: the permission of each listed operation, then the events.
fn capability(identifier: &str, description: &str, window: &str, operations: &[&str]) -> String {
    let mut permissions: Vec<String> = operations
        .iter()
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect();
    permissions.extend(["core:event:allow-listen", "core:event:allow-unlisten"].map(String::from));
    let file = json!({
        "$schema": "../../gen/schemas/desktop-schema.json",
        "identifier": identifier,
        "description": description,
        "windows": [window],
        "permissions": permissions,
    });
    serde_json::to_string_pretty(&file).unwrap() + "\n"
}

/// The capability files are derived from core's operation list: the main window may call
/// every operation, the presenter those the list marks `presenter`. `FIILIS_BLESS=1`
/// rewrites them after the list changed.
#[test]
fn the_capability_files_grant_what_the_operation_list_says() {
    let everything: Vec<&str> = every_operation();
    let presenter: Vec<&str> = fiilis_core::api::ALL
        .iter()
        .filter(|operation| operation.presenter())
        .map(|operation| operation.name)
        .collect();
    let files = [
        (
            "main.json",
            capability(
                "main-window",
                "The facilitator's desktop window may call the facilitator operations, and nothing else.",
                desktop::MAIN_WINDOW,
                &everything,
            ),
        ),
        (
            "presenter.json",
            capability(
                "presenter-window",
                "The projector's window shows the workshop and may only read it: no edits, no participant access switching, no files.",
                desktop::PRESENTER_WINDOW,
                &presenter,
            ),
        ),
    ];
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
    for (name, expected) in files {
        let path = folder.join(name);
        if std::env::var_os("FIILIS_BLESS").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let found = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            found, expected,
            "{name} is stale: run FIILIS_BLESS=1 cargo test --test ipc"
        );
    }
}

#[test]
fn every_mark_in_the_operation_list_is_one_the_code_knows() {
    for operation in fiilis_core::api::ALL {
        for mark in operation.marks() {
            assert!(
                ["presenter", "file"].contains(mark),
                "{}: {mark}",
                operation.name
            );
        }
    }
}

/// Every command refuses an argument it does not know: it names it, or (taking a workshop's
/// id or a tagged choice before anything else) says what it misses first. Nothing runs.
#[test]
fn every_command_refuses_an_argument_it_does_not_know() {
    let (_dir, app) = app();
    let main = window(&app, desktop::MAIN_WINDOW);
    let mut named = 0;
    for operation in every_operation() {
        let refused =
            invoke(&main, operation, json!({ "no_such_argument": 1 })).expect_err(operation);
        assert_eq!(refused["code"], "invalid_input", "{operation}: {refused}");
        let message = refused["message"].as_str().unwrap();
        if message.contains("no_such_argument") {
            named += 1;
        } else {
            assert!(message.contains("missing field"), "{operation}: {message}");
        }
    }
    assert!(
        named >= 40,
        "only {named} commands named the unknown argument"
    );
}
