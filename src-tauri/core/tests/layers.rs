//! Keeps core layered: every module imports only modules that `lib.rs` declares before it.
//!
//! The order of the declarations in `src/lib.rs` is the architecture (leaves, store, history,
//! workshop, domain, exchange and report, api). A module that reaches for one declared later
//! either imports a layer above it or makes a cycle; this test names the edge.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The top-level modules in the order `lib.rs` declares them.
fn declared_modules(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("pub(crate) mod "))
                .or_else(|| line.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_owned)
        })
        .collect()
}

/// The source files of a module: `src/name.rs`, or everything under `src/name/`.
fn files_of(src: &Path, module: &str) -> Vec<PathBuf> {
    let single = src.join(format!("{module}.rs"));
    if single.exists() {
        return vec![single];
    }
    let mut files = Vec::new();
    let mut folders = vec![src.join(module)];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("module folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    assert!(!files.is_empty(), "no source for module {module}");
    files
}

/// The top-level modules a source file names as `crate::name`, comments left out.
fn imports(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::name!` is a macro the crate exports at its root, not a module.
            let is_macro = rest[name.len()..].starts_with('!');
            if !name.is_empty() && !is_macro {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn every_module_imports_only_modules_declared_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let order = declared_modules(&lib);
    assert!(order.len() > 20, "lib.rs declares the modules: {order:?}");
    let mut upward = Vec::new();
    for (position, module) in order.iter().enumerate() {
        for file in files_of(&src, module) {
            let text = fs::read_to_string(&file).expect("source file");
            for used in imports(&text) {
                if used == *module {
                    continue;
                }
                match order.iter().position(|other| *other == used) {
                    Some(at) if at < position => {}
                    Some(_) => upward.push(format!("{} uses {used}", file.display())),
                    None => panic!(
                        "{} names crate::{used}, which lib.rs does not declare",
                        file.display()
                    ),
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "modules that import one declared after them in lib.rs (a layer above, or a cycle):\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_scan_sees_imports_and_skips_comments() {
    let text = "use crate::store::Library;\n// see crate::api\nlet x = crate::history::revision_of(c, id); // crate::voting\ncrate::for_each_operation!(list);\n";
    let found: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(found, ["history", "store"]);
}
