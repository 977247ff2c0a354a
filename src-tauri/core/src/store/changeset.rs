//! Reading SQLite session changesets: what each change in one did, as plain values.
//!
//! The session extension writes changesets and applies them; deciding what a change means
//! (which workshop it belongs to, which columns it wrote, who wins a conflict) needs its
//! rows as values, which this reads out once.

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::ChangesetIter;
use rusqlite::types::Value;
use serde_json::json;

use crate::error::{Error, Result};

/// What one change did to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Insert,
    Update,
    Delete,
}

/// One row's change: its table, its key (every synced table's first column, `id`), and per
/// column the value before and after (`None` where the changeset holds none: an update
/// carries only the columns it changed, plus the key).
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub table: String,
    pub op: Op,
    pub pk: String,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

impl Item {
    /// The columns this change writes: every column of an insert, the changed ones of an
    /// update, none of a delete.
    pub fn written(&self) -> impl Iterator<Item = (usize, &Value)> {
        self.new
            .iter()
            .enumerate()
            .filter_map(|(column, value)| value.as_ref().map(|value| (column, value)))
    }
}

/// Every change in `changeset`, in its order.
pub(crate) fn items(changeset: &[u8]) -> Result<Vec<Item>> {
    let mut input: &[u8] = changeset;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    let mut items = Vec::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let columns = op.number_of_columns() as usize;
        let table = op.table_name().to_owned();
        let op = match op.code() {
            Action::SQLITE_INSERT => Op::Insert,
            Action::SQLITE_UPDATE => Op::Update,
            Action::SQLITE_DELETE => Op::Delete,
            _ => return Err(unreadable("a change of an unknown kind")),
        };
        let old = match op {
            Op::Insert => vec![None; columns],
            _ => (0..columns)
                .map(|column| {
                    item.old_value(column)
                        .ok()
                        .and_then(|v| Value::try_from(v).ok())
                })
                .collect(),
        };
        let new = match op {
            Op::Delete => vec![None; columns],
            _ => (0..columns)
                .map(|column| {
                    item.new_value(column)
                        .ok()
                        .and_then(|v| Value::try_from(v).ok())
                })
                .collect(),
        };
        let key = if op == Op::Insert { &new[0] } else { &old[0] };
        let pk = match key {
            Some(Value::Text(pk)) => pk.clone(),
            _ => return Err(unreadable("a row whose key is not text")),
        };
        items.push(Item {
            table,
            op,
            pk,
            old,
            new,
        });
    }
    Ok(items)
}

fn unreadable(what: &str) -> Error {
    Error::InvalidInput(format!("the changes cannot be read: {what}"))
}

/// A SQLite value as JSON (a blob as `{"base64": …}`), for what is kept as text: the
/// conflict list, deleted rows.
pub(crate) fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(n) => json!(n),
        Value::Real(x) => json!(x),
        Value::Text(text) => json!(text),
        Value::Blob(bytes) => {
            use base64::Engine;
            json!({ "base64": base64::engine::general_purpose::STANDARD.encode(bytes) })
        }
    }
}

/// A value written by [`to_json`], back as the SQLite value it was.
pub(crate) fn from_json(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or_default())),
        serde_json::Value::String(text) => Value::Text(text.clone()),
        serde_json::Value::Object(object) => {
            use base64::Engine;
            let bytes = object
                .get("base64")
                .and_then(|b| b.as_str())
                .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
                .unwrap_or_default();
            Value::Blob(bytes)
        }
        serde_json::Value::Array(_) => Value::Null,
    }
}
