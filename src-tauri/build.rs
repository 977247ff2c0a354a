//! Tauri's build step. The app manifest lists every IPC command so that each one needs an
//! explicit grant in `src-tauri/capabilities/`; without it any window could call any command.
//! Keep the list equal to `fiilis_core::api::OPERATIONS` (the IPC test checks it).

const COMMANDS: &[&str] = &[
    "list_workshops",
    "get_workshop",
    "create_workshop",
    "update_workshop",
    "duplicate_workshop",
    "trash_workshop",
    "restore_workshop",
    "delete_workshop",
    "list_templates",
    "app_info",
    "get_board",
    "create_notes",
    "update_notes",
    "delete_notes",
    "group_notes",
    "rename_cluster",
    "ungroup",
    "undo",
    "redo",
    "add_participant",
    "get_journey",
    "create_stage",
    "update_stage",
    "move_stage",
    "delete_stage",
    "create_persona",
    "update_persona",
    "move_persona",
    "duplicate_persona",
    "delete_persona",
    "set_persona_photo",
    "get_image",
    "set_emotion",
    "set_emotion_scale",
    "emotion_chart_svg",
];

fn main() {
    // tauri-build watches its default capabilities folder only; ours is elsewhere, and a
    // changed grant must never be left out of a build.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
