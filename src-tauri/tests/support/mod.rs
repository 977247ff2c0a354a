//! What the IPC test files share: the app on Tauri's mock runtime with the real capabilities,
//! its windows, and invoking a command the way a page would.

use std::sync::Arc;

use fiilis_core::Library;
use fiilis_shell::desktop;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

/// The page address of the app's own UI, which the ACL treats as local.
pub const APP_ORIGIN: &str = "tauri://localhost";

pub fn app() -> (tempfile::TempDir, App<MockRuntime>) {
    let (dir, app, _) = app_with_library();
    (dir, app)
}

pub fn app_with_library() -> (tempfile::TempDir, App<MockRuntime>, Arc<Library>) {
    let (dir, library) = fiilis_testkit::library();
    let library = Arc::new(library);
    let app = desktop::builder(mock_builder(), library.clone())
        .build(desktop::context())
        .unwrap();
    (dir, app, library)
}

pub fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, WebviewUrl::default())
        .build()
        .unwrap()
}

/// Invokes `cmd` from the app's own page.
pub fn invoke(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    input: Value,
) -> Result<Value, Value> {
    invoke_from(window, APP_ORIGIN, cmd, input)
}

/// Invokes `cmd` as if from a page at `url` loaded in `window`.
pub fn invoke_from(
    window: &WebviewWindow<MockRuntime>,
    url: &str,
    cmd: &str,
    input: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: url.parse().unwrap(),
            body: InvokeBody::Json(json!({ "input": input })),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// Core's operations, then participant access, then the desktop's own: the order of the docs.
pub fn every_operation() -> Vec<&'static str> {
    fiilis_core::api::ALL
        .iter()
        .map(|operation| operation.name)
        .collect()
}
