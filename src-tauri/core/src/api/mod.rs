//! The facilitator operations, by name, with JSON in and JSON out.
//!
//! This is the one place that maps an operation name to core: the desktop shell's IPC
//! commands and the loopback HTTP API both forward here, so the two transports cannot drift
//! apart in what they accept or answer. The names come from one list, [`for_each_operation!`]
//! (in `api/list.rs`); each core operation is a typed function of the same name in
//! [`handlers`], whose argument and result types are also what the UI's generated
//! TypeScript types say (see [`typescript`]).

pub mod args;
mod handlers;
mod list;
pub mod typescript;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::store::Library;

/// Who answers an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnsweredBy {
    /// Core itself, through [`call`].
    Core,
    /// The server crate's participant access (it owns the LAN listener).
    Access,
    /// The desktop shell (it has windows, dialogs and a recovery mode).
    Desktop,
}

/// One facilitator operation as the list names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    pub name: &'static str,
    pub answered_by: AnsweredBy,
    marks: &'static [&'static str],
}

impl Operation {
    /// Whether the read-only presenter window may call it.
    pub fn presenter(&self) -> bool {
        self.marks.contains(&"presenter")
    }

    /// Whether it carries a whole file (a workshop file, a photo) and may be as large.
    pub fn carries_file(&self) -> bool {
        self.marks.contains(&"file")
    }

    /// The marks the list gave it, for the test that knows every mark.
    pub fn marks(&self) -> &'static [&'static str] {
        self.marks
    }
}

macro_rules! derive_from_the_list {
    (
        core: [$($op:ident $($op_mark:ident)*),* $(,)?],
        access: [$($access:ident $($access_mark:ident)*),* $(,)?],
        desktop: [$($module:ident :: $desktop:ident $($desktop_mark:ident)*),* $(,)?] $(,)?
    ) => {
        /// Every facilitator operation, in the order docs/api.md lists them.
        pub const ALL: &[Operation] = &[
            $(Operation {
                name: stringify!($op),
                answered_by: AnsweredBy::Core,
                marks: &[$(stringify!($op_mark)),*],
            },)*
            $(Operation {
                name: stringify!($access),
                answered_by: AnsweredBy::Access,
                marks: &[$(stringify!($access_mark)),*],
            },)*
            $(Operation {
                name: stringify!($desktop),
                answered_by: AnsweredBy::Desktop,
                marks: &[$(stringify!($desktop_mark)),*],
            },)*
        ];

        /// The operations core answers, in the order docs/api.md lists them.
        pub const OPERATIONS: &[&str] = &[$(stringify!($op)),*];

        /// The operations the server crate's participant access answers.
        pub const ACCESS_OPERATIONS: &[&str] = &[$(stringify!($access)),*];

        fn dispatch(library: &Library, op: &str, input: Value) -> Result<Value> {
            match op {
                $(stringify!($op) => run(op, input, |args| handlers::$op(library, args)),)*
                other => Err(Error::UnknownOperation(other.to_owned())),
            }
        }

        /// Adds each core operation to `generator`, typed by its handler's signature.
        fn add_core_operations(generator: &mut typescript::Generator) {
            $(typescript::add_handler(generator, stringify!($op), handlers::$op);)*
        }
    };
}

crate::for_each_operation!(derive_from_the_list);

/// The operation named `name`, if the list has it.
pub fn operation(name: &str) -> Option<&'static Operation> {
    ALL.iter().find(|operation| operation.name == name)
}

/// Reads an operation's arguments (a missing body means "no arguments") and runs it.
fn run<A: DeserializeOwned, R: Serialize>(
    op: &str,
    input: Value,
    handler: impl FnOnce(A) -> Result<R>,
) -> Result<Value> {
    let input = if input.is_null() {
        Value::Object(Default::default())
    } else {
        input
    };
    let args = serde_json::from_value(input)
        .map_err(|error| Error::InvalidInput(format!("invalid input for {op}: {error}")))?;
    let answer = handler(args)?;
    Ok(serde_json::to_value(answer).expect("core types always serialise to JSON"))
}

/// Runs the operation `op` with its JSON `input` and returns its JSON result.
pub fn call(library: &Library, op: &str, input: Value) -> Result<Value> {
    let started = std::time::Instant::now();
    let answer = dispatch(library, op, input);
    let millis = started.elapsed().as_millis() as u64;
    // Only a known name, the code and the time: inputs, messages and unknown names may hold
    // participants' text, which must never reach a log file.
    let op = operation(op).map_or("(unknown)", |known| known.name);
    match &answer {
        Err(error) => tracing::warn!(op, code = error.code().as_str(), millis, "operation failed"),
        Ok(_) if millis >= SLOW_MILLIS => tracing::info!(op, millis, "slow operation"),
        Ok(_) => tracing::trace!(op, millis, "operation"),
    }
    answer
}

/// Operations that take longer than this are logged, to find what made a session sluggish.
const SLOW_MILLIS: u64 = 250;
