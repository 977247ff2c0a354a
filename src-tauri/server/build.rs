//! The server embeds the built UI (`ui/dist`) at compile time. Cargo tracks the embedded files
//! by the absolute paths of the tree that compiled them, and several trees (a work tree and a
//! fresh clone in CI) share one build folder: without this, a tree could be served the UI
//! another tree built. So the build script is rerun whenever `ui/dist` here changes, and
//! hands the crate a digest of what is in it; a different digest rebuilds the crate.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=../../ui/dist");
    let dist = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("../../ui/dist");
    let mut files = Vec::new();
    collect(&dist, &dist, &mut files);
    files.sort();
    let mut hasher = DefaultHasher::new();
    for (name, contents) in &files {
        name.hash(&mut hasher);
        contents.hash(&mut hasher);
    }
    println!("cargo:rustc-env=FIILIS_UI_DIGEST={:016x}", hasher.finish());
}

/// Every file below `dir`, as (path from `root`, contents).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(contents) = std::fs::read(&path) {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            files.push((name, contents));
        }
    }
}
