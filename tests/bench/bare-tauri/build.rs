//! Tauri's build step for the baseline app: embeds tauri.conf.json and dist/.
fn main() {
    // The baseline has no capabilities. Without a pattern, tauri-build watches a `capabilities`
    // folder that does not exist, and a missing watched path rebuilds the crate every time.
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./capabilities/**/*"),
    )
    .expect("tauri build step");
}
