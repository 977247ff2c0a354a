//! Tauri's build step. The app manifest lists every IPC command so that each one needs an
//! explicit grant in `src-tauri/capabilities/`; without it any window could call any command.
//! The list is core's own operation list, included from the same file.

const COMMANDS: &[&str] = include!("core/src/operations.in");

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
