//! Keeps core layered: every module imports only modules of its own layer or the layers
//! below, and no modules import each other in a circle.
//!
//! The layers are the `// N. name` groups of module declarations in `src/lib.rs` (leaves,
//! store, history, workshop, domain, exchange and report, api). A module that reaches for one
//! in a later group imports a layer above it; this test names the edge, and any cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The top-level modules `lib.rs` declares, each with the number of its layer.
fn layered_modules(lib: &str) -> BTreeMap<String, usize> {
    let mut layer = 0;
    let mut modules = BTreeMap::new();
    for line in lib.lines().map(str::trim) {
        if let Some(heading) = line.strip_prefix("// ") {
            if let Some((number, _)) = heading.split_once(". ") {
                if let Ok(number) = number.parse() {
                    layer = number;
                }
            }
            continue;
        }
        let declared = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("pub(crate) mod "))
            .or_else(|| line.strip_prefix("mod "))
            .and_then(|rest| rest.strip_suffix(';'));
        if let Some(module) = declared {
            assert!(
                layer > 0,
                "{module} is declared before the first layer heading"
            );
            modules.insert(module.to_owned(), layer);
        }
    }
    modules
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

/// A cycle in `graph`, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|seen| seen == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module.to_owned());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|module| visit(module, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_a_layer_above_it_or_makes_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let layers = layered_modules(&lib);
    assert!(layers.len() > 20, "lib.rs declares the modules: {layers:?}");
    assert!(
        layers.values().max() >= Some(&7),
        "lib.rs names the layers: {layers:?}"
    );
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut upward = Vec::new();
    for (module, layer) in &layers {
        for file in files_of(&src, module) {
            let text = fs::read_to_string(&file).expect("source file");
            for used in imports(&text) {
                if used == *module {
                    continue;
                }
                let Some(used_layer) = layers.get(&used) else {
                    panic!(
                        "{} names crate::{used}, which lib.rs does not declare",
                        file.display()
                    );
                };
                if used_layer > layer {
                    upward.push(format!(
                        "{} (layer {layer}) uses {used} (layer {used_layer})",
                        file.display()
                    ));
                }
                graph.entry(module.clone()).or_default().insert(used);
            }
        }
    }
    assert!(
        upward.is_empty(),
        "modules that import a layer above their own:\n{}",
        upward.join("\n")
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "modules that import each other in a circle: {}",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("journey", vec!["personas", "store"]),
        ("personas", vec!["journey"]),
        ("store", vec![]),
    ]
    .into_iter()
    .map(|(module, uses)| {
        (
            module.to_owned(),
            uses.into_iter().map(String::from).collect(),
        )
    })
    .collect();
    assert_eq!(
        find_cycle(&graph).unwrap(),
        ["journey", "personas", "journey"]
    );
    let acyclic: BTreeMap<String, BTreeSet<String>> = [("a".to_owned(), ["b".to_owned()].into())]
        .into_iter()
        .collect();
    assert_eq!(find_cycle(&acyclic), None);
}

#[test]
fn the_scan_sees_imports_and_skips_comments() {
    let text = "use crate::store::Library;\n// see crate::api\nlet x = crate::history::revision_of(c, id); // crate::voting\ncrate::for_each_operation!(list);\n";
    let found: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(found, ["history", "store"]);
}
