//! The IPC commands of the desktop window: one per facilitator operation.
//!
//! Each command only forwards its `input` to `fiilis_core::api::call` under its own name and
//! returns errors as `{code, message}`. They are generated from one list so that a command
//! cannot differ from its HTTP twin; build.rs lists the same names in the app manifest.

use std::sync::Arc;

use fiilis_core::error::WireError;
use fiilis_core::Library;
use serde_json::Value;
use tauri::State;

fn forward(library: &Library, operation: &str, input: Option<Value>) -> Result<Value, WireError> {
    fiilis_core::api::call(library, operation, input.unwrap_or(Value::Null)).map_err(Into::into)
}

macro_rules! facilitator_commands {
    ($($name:ident),* $(,)?) => {
        $(
            #[tauri::command(async)]
            pub fn $name(
                library: State<'_, Arc<Library>>,
                input: Option<Value>,
            ) -> Result<Value, WireError> {
                forward(&library, stringify!($name), input)
            }
        )*

        /// The names of the commands, as the window invokes them.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The invoke handler that routes the window's calls to the commands above.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

facilitator_commands![
    list_workshops,
    get_workshop,
    create_workshop,
    update_workshop,
    duplicate_workshop,
    trash_workshop,
    restore_workshop,
    delete_workshop,
    list_templates,
    app_info,
    get_board,
    create_notes,
    update_notes,
    delete_notes,
    group_notes,
    rename_cluster,
    ungroup,
    undo,
    redo,
    add_participant,
    get_journey,
    create_stage,
    update_stage,
    move_stage,
    delete_stage,
    create_persona,
    update_persona,
    move_persona,
    duplicate_persona,
    delete_persona,
    set_persona_photo,
    get_image,
    set_emotion,
    set_emotion_scale,
    emotion_chart_svg,
    export_workshop,
    import_workshop,
    merge_workshop,
    export_report,
    list_rounds,
    create_round,
    close_round,
    reveal_round,
    cast_vote,
    retract_vote,
    mark_done,
    add_paper_votes,
    round_progress,
    round_results,
];
