//! The IPC commands of the desktop window: one per facilitator operation.
//!
//! Each command only forwards its `input` to `fiilis_core::api::call` (or, for participant
//! access, to the server crate's `ParticipantAccess`) under its own name and returns errors
//! as `{code, message}`. They are generated from core's one list of operations
//! (`fiilis_core::for_each_operation!`), so a command cannot differ from its HTTP twin;
//! build.rs lists the same names in the app manifest. The desktop's own commands (windows,
//! file dialogs, recovery) live beside their subjects in this module, `files`,
//! `diagnostics` and `recovery`, and the list names each one's module.

use std::sync::Arc;

use fiilis_core::api::args::NoArgs;
use fiilis_core::error::{ErrorCode, WireError};
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
    (
        core: [$($name:ident $($core_mark:ident)*),* $(,)?],
        access: [$($access:ident $($access_mark:ident)*),* $(,)?],
        desktop: [$($module:ident :: $desktop:ident $($desktop_mark:ident)*),* $(,)?] $(,)?
    ) => {
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

        /// The invoke handler that routes the window's calls to every command of the list.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![
                $($name,)*
                $($access,)*
                $(crate::$module::$desktop,)*
            ]
        }
    };
}

fiilis_core::for_each_operation!(facilitator_commands);

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

/// Reads a desktop command's arguments (none when the input is empty), refusing fields the
/// command does not know, as core's operations do.
pub(crate) fn arguments<T: serde::de::DeserializeOwned>(
    command: &str,
    input: Option<Value>,
) -> Result<T, WireError> {
    let input = match input {
        None | Some(Value::Null) => Value::Object(Default::default()),
        Some(input) => input,
    };
    serde_json::from_value(input).map_err(|error| {
        WireError::new(
            ErrorCode::InvalidInput,
            format!("invalid input for {command}: {error}"),
        )
    })
}

/// The window's first interactive frame: the startup benchmark's finish line, and the signal
/// the first backup waits for.
#[tauri::command]
pub fn app_ready<R: Runtime>(app: AppHandle<R>, input: Option<Value>) -> Result<Value, WireError> {
    arguments::<NoArgs>("app_ready", input)?;
    crate::desktop::ready(&app);
    Ok(Value::Null)
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
    let PresenterArgs { workshop_id } = arguments("open_presenter", input)?;
    crate::desktop::open_presenter(&app, &workshop_id).map_err(|error| {
        WireError::new(
            ErrorCode::Storage,
            format!("the presenter window could not be opened: {error}"),
        )
    })?;
    Ok(Value::Null)
}
