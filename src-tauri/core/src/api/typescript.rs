//! The UI's TypeScript types, generated from the Rust types the operations take and return.
//!
//! [`Generator`] collects the declarations of the types it is given and of every type they
//! use (through ts-rs), and writes them as one module. Core adds its operations from their
//! handler functions' signatures (see [`add_core`]); the server crate adds participant access
//! and the phones' API, and its test compares the result with the committed
//! `ui/src/lib/backend/generated.ts`, so a stale file fails the build's tests.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TypeVisitor, TS};

use crate::error::Result;
use crate::store::Library;

/// The ts-rs settings of the generated file: numbers are JSON numbers, not `bigint`.
pub fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Adds the operation `name` typed by its handler's argument and result types.
pub(super) fn add_handler<A: TS + 'static, R: TS + 'static>(
    generator: &mut Generator,
    name: &str,
    _handler: fn(&Library, A) -> Result<R>,
) {
    generator.add_typed_operation::<A, R>(name);
}

/// Collects TypeScript declarations and operation signatures, then renders them.
pub struct Generator {
    cfg: Config,
    seen: HashSet<TypeId>,
    declarations: BTreeMap<String, String>,
    operations: Vec<(String, String, String)>,
    constants: Vec<(String, String)>,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            cfg: config(),
            seen: HashSet::new(),
            declarations: BTreeMap::new(),
            operations: Vec::new(),
            constants: Vec::new(),
        }
    }
}

struct Collect<'g>(&'g mut Generator);

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        self.0.add_type::<T>();
    }
}

impl Generator {
    /// Declares `T` and every type it uses.
    pub fn add_type<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let name = T::ident(&self.cfg);
            let declaration = T::decl(&self.cfg);
            let docs = T::docs()
                .map(|docs| format!("{}\n", docs.trim_end()))
                .unwrap_or_default();
            self.declarations
                .entry(name)
                .or_insert_with(|| format!("{docs}export {declaration}"));
        }
        T::visit_dependencies(&mut Collect(self));
        T::visit_generics(&mut Collect(self));
    }

    /// Adds an operation with its argument and result types (already given as TypeScript).
    pub fn add_operation(&mut self, name: &str, input: String, output: String) {
        self.operations.push((name.to_owned(), input, output));
    }

    /// Adds an operation whose argument and result types are `A` and `R`.
    pub fn add_typed_operation<A: TS + 'static, R: TS + 'static>(&mut self, name: &str) {
        self.add_type::<A>();
        self.add_type::<R>();
        let (input, output) = (A::name(&self.cfg), R::name(&self.cfg));
        self.add_operation(name, input, output);
    }

    /// Adds `export const NAME = <value as JSON> as const;`.
    pub fn add_constant(&mut self, name: &str, value: &serde_json::Value) {
        self.constants.push((name.to_owned(), value.to_string()));
    }

    /// The whole module.
    pub fn render(&self) -> String {
        let mut out = String::from(
            "// Generated from the Rust types by the server crate's `typescript` test: do not edit.\n\
             // Run `FIILIS_BLESS=1 cargo test -p fiilis-server --test typescript` after changing\n\
             // a type the API takes or returns.\n\n",
        );
        for declaration in self.declarations.values() {
            out.push_str(declaration);
            out.push_str("\n\n");
        }
        for (name, value) in &self.constants {
            out.push_str(&format!("export const {name} = {value} as const;\n\n"));
        }
        out.push_str("/** The operations answered by core and participant access, by name. */\n");
        out.push_str("export interface GeneratedOperations {\n");
        for (name, input, output) in &self.operations {
            out.push_str(&format!(
                "  {name}: {{ input: {input}; output: {output} }};\n"
            ));
        }
        out.push_str("}\n");
        out
    }
}

/// Adds every core operation, from its handler's signature, and the list's names.
pub fn add_core(generator: &mut Generator) {
    super::add_core_operations(generator);
    generator.add_type::<crate::error::ErrorCode>();
    let names = |by| {
        serde_json::Value::from(
            super::ALL
                .iter()
                .filter(|operation| operation.answered_by == by)
                .map(|operation| operation.name)
                .collect::<Vec<_>>(),
        )
    };
    generator.add_constant("CORE_OPERATIONS", &names(super::AnsweredBy::Core));
    generator.add_constant("ACCESS_OPERATIONS", &names(super::AnsweredBy::Access));
    generator.add_constant("DESKTOP_OPERATIONS", &names(super::AnsweredBy::Desktop));
}
