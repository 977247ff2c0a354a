//! Ids and timestamps, the two things every row is made with.
//!
//! Ids are UUID v7 so they sort by creation time; timestamps are RFC 3339 UTC with
//! milliseconds, so they sort as text too. A leaf: it imports nothing of core.

use chrono::{SecondsFormat, Utc};

/// The current time as every row stores it.
pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A new row id.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
