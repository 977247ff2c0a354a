//! Values turned into JSON once and sent many times.
//!
//! A room's phones are all shown the same notes, stages and feelings; only their own votes
//! and notes differ. Each phone's view used to copy and serialise the shared part anew, a
//! thousand times per change in a full hall. [`Encoded`] keeps a shared value beside its JSON,
//! made once, and serialising it writes that JSON as it is.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// A value with its JSON, made once; clones share both. Serialises (with `serde_json`, the
/// only serialiser phones' views meet) to exactly what the value itself would.
pub struct Encoded<T> {
    value: Arc<T>,
    json: Arc<RawValue>,
}

impl<T: Serialize> Encoded<T> {
    pub fn new(value: T) -> Self {
        let json = serde_json::value::to_raw_value(&value)
            .expect("plain data (no maps with non-string keys) serialises to JSON");
        Encoded {
            value: Arc::new(value),
            json: Arc::from(json),
        }
    }
}

impl<T> Deref for Encoded<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Clone for Encoded<T> {
    fn clone(&self) -> Self {
        Encoded {
            value: self.value.clone(),
            json: self.json.clone(),
        }
    }
}

impl<T: PartialEq> PartialEq for Encoded<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Encoded<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T> Serialize for Encoded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, PartialEq, Debug)]
    struct Note {
        text: String,
        votes: Option<u32>,
    }

    #[test]
    fn serialises_as_the_value_itself_would() {
        let notes = vec![
            Note {
                text: "Jono \"kassalla\" <b>".into(),
                votes: None,
            },
            Note {
                text: "Aamiainen\n".into(),
                votes: Some(3),
            },
        ];
        let plain = serde_json::to_string(&notes).unwrap();
        let encoded = Encoded::new(notes);
        assert_eq!(serde_json::to_string(&encoded).unwrap(), plain);
        let inside = serde_json::json!({ "notes": encoded.clone() });
        assert_eq!(inside["notes"][0]["text"], "Jono \"kassalla\" <b>");
        assert_eq!(encoded.len(), 2, "reads through to the value");
    }
}
