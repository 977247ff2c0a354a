//! Tauri's build step. The app manifest lists every IPC command so that each one needs an
//! explicit grant in `src-tauri/capabilities/`; without it any window could call any command.
//! The names come from core's one list of operations, included from its file.

include!("core/src/api/list.rs");

macro_rules! command_names {
    (
        core: [$($name:ident $($core_mark:ident)*),* $(,)?],
        access: [$($access:ident $($access_mark:ident)*),* $(,)?],
        desktop: [$($module:ident :: $desktop:ident $($desktop_mark:ident)*),* $(,)?] $(,)?
    ) => {
        &[$(stringify!($name),)* $(stringify!($access),)* $(stringify!($desktop),)*]
    };
}

const COMMANDS: &[&str] = for_each_operation!(command_names);

fn main() {
    // tauri-build watches its default capabilities folder only; ours is elsewhere, and a
    // changed grant must never be left out of a build.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/core/src/api/list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
