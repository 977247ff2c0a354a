//! Tauri's build step. The app manifest lists every IPC command so that each one needs an
//! explicit grant in `src-tauri/capabilities/`; without it any window could call any command.
//! The lists are core's own operation list and the server's participant-access operations,
//! included from the same files, plus the desktop's own commands (windows, file dialogs,
//! recovery) from `src/desktop_operations.in`.

const CORE: &[&str] = include!("core/src/operations.in");
const ACCESS: &[&str] = include!("server/src/access_operations.in");
const DESKTOP: &[&str] = include!("src/desktop_operations.in");

fn main() {
    // tauri-build wants the list for the whole program; a build script's run is that long.
    let commands: &'static [&'static str] =
        Vec::leak(CORE.iter().chain(ACCESS).chain(DESKTOP).copied().collect());
    // tauri-build watches its default capabilities folder only; ours is elsewhere, and a
    // changed grant must never be left out of a build.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build step");
}
