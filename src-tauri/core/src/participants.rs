//! The people taking part in a workshop: added by the facilitator, or (later) joined from
//! their phones. A participant without a name is anonymous.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::history::{rows_of, snapshot, typed, Table};
use crate::store::Library;
use crate::validate;
use crate::workshops::{check_editable, new_id, now};

pub const MAX_NAME_CHARS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Customer,
    Employee,
    Stakeholder,
}

impl Role {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Employee => "employee",
            Role::Stakeholder => "stakeholder",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    pub workshop_id: String,
    pub name: Option<String>,
    pub role: Role,
    pub created_at: String,
}

/// The participants of a workshop, in the order they joined.
pub(crate) fn participants_of(conn: &Connection, workshop_id: &str) -> Result<Vec<Participant>> {
    rows_of(conn, Table::Participants, workshop_id)
}

/// Adds a participant row and returns its id.
pub(crate) fn insert_participant(
    conn: &Connection,
    workshop_id: &str,
    name: Option<&str>,
    role: Role,
) -> Result<String> {
    let id = new_id();
    conn.execute(
        "INSERT INTO participants (id, workshop_id, name, role, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, workshop_id, name, role.as_str(), now()],
    )?;
    Ok(id)
}

/// A participant's name as checked: trimmed, at most [`MAX_NAME_CHARS`], blank meaning none.
pub(crate) fn checked_name(name: Option<&str>) -> Result<Option<String>> {
    Ok(name
        .map(|name| validate::text("name", name, MAX_NAME_CHARS))
        .transpose()?
        .filter(|name| !name.is_empty()))
}

impl Library {
    /// Adds a participant by hand; `None` (or a blank name) is an anonymous one.
    pub fn add_participant(
        &self,
        workshop_id: &str,
        name: Option<&str>,
        role: Role,
    ) -> Result<Participant> {
        let name = checked_name(name)?;
        self.write(|tx| {
            check_editable(tx, workshop_id)?;
            let id = insert_participant(tx, workshop_id, name.as_deref(), role)?;
            let row = snapshot(tx, Table::Participants, &id)?.expect("just inserted");
            typed(Table::Participants, row)
        })
    }
}
