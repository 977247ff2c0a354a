//! The IPC commands of the desktop window: one per facilitator operation.
//!
//! Each command only forwards its `input` to `fiilis_core::api::call` (or, for participant
//! access, to the server crate's `ParticipantAccess`) under its own name and returns errors
//! as `{code, message}`. They are generated from one list so that a command cannot differ
//! from its HTTP twin; build.rs lists the same names in the app manifest. The desktop's own
//! commands ([`DESKTOP_COMMANDS`]: windows, file dialogs, recovery) live beside their
//! subjects in `desktop`, `files`, `diagnostics` and `recovery`.

use std::sync::Arc;

use fiilis_core::error::WireError;
use fiilis_core::Library;
use fiilis_server::ParticipantAccess;
use serde_json::Value;
use tauri::{AppHandle, Runtime, State};

use crate::memory::Trimmer;

fn forward(
    library: &Library,
    trimmer: &Trimmer,
    operation: &str,
    input: Option<Value>,
) -> Result<Value, WireError> {
    let result = fiilis_core::api::call(library, operation, input.unwrap_or(Value::Null));
    trimmer.worked();
    result.map_err(Into::into)
}

macro_rules! facilitator_commands {
    (core: [$($name:ident),* $(,)?], access: [$($access:ident),* $(,)?]) => {
        $(
            #[tauri::command(async)]
            pub fn $name(
                library: State<'_, Arc<Library>>,
                trimmer: State<'_, Trimmer>,
                input: Option<Value>,
            ) -> Result<Value, WireError> {
                forward(&library, &trimmer, stringify!($name), input)
            }
        )*

        $(
            #[tauri::command]
            pub async fn $access(
                access: State<'_, Arc<ParticipantAccess>>,
                input: Option<Value>,
            ) -> Result<Value, WireError> {
                access.call(stringify!($access), input.unwrap_or(Value::Null)).await
            }
        )*

        /// The names of the core and participant-access commands, as the window invokes them.
        pub const FACILITATOR_COMMANDS: &[&str] = &[$(stringify!($name),)* $(stringify!($access),)*];

        /// The invoke handler that routes the window's calls to the commands above.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![
                $($name,)*
                $($access,)*
                open_presenter,
                app_ready,
                crate::files::save_export,
                crate::files::import_file,
                crate::files::open_exported,
                crate::files::show_exported,
                crate::diagnostics::diagnostics,
                crate::recovery::recovery_status,
                crate::recovery::recover,
            ]
        }
    };
}

/// The commands only the desktop has, in the order docs/api.md lists them.
pub const DESKTOP_COMMANDS: &[&str] = include!("desktop_operations.in");

/// The invoke handler of the recovery window: the library did not open, so only what
/// recovery needs is there.
pub fn recovery_handler<R: Runtime>(
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_ready,
        crate::diagnostics::diagnostics,
        crate::recovery::recovery_status,
        crate::recovery::recover,
    ]
}

/// The window's first interactive frame: the startup benchmark's finish line, and the signal
/// the first backup waits for.
#[tauri::command]
pub fn app_ready<R: Runtime>(app: AppHandle<R>) -> Value {
    crate::desktop::ready(&app);
    Value::Null
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PresenterArgs {
    workshop_id: String,
}

/// Opens the presenter window on a workshop, or brings it forward and points it there.
#[tauri::command]
pub async fn open_presenter<R: Runtime>(
    app: AppHandle<R>,
    input: Option<Value>,
) -> Result<Value, WireError> {
    let PresenterArgs { workshop_id } = serde_json::from_value(input.unwrap_or(Value::Null))
        .map_err(|error| WireError {
            code: "invalid_input".to_owned(),
            message: format!("invalid input for open_presenter: {error}"),
        })?;
    crate::desktop::open_presenter(&app, &workshop_id).map_err(|error| WireError {
        code: "storage".to_owned(),
        message: format!("the presenter window could not be opened: {error}"),
    })?;
    Ok(Value::Null)
}

facilitator_commands! {
core: [
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
    list_participants,
    remove_participant,
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
    get_room,
    update_room,
    set_timer,
    list_backups,
    backup_now,
    restore_backup,
],
access: [
    participant_access,
    open_participant_access,
    close_participant_access,
]
}
