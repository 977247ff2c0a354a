//! Typed errors with a stable code each.
//!
//! The code is the contract with the UIs (see docs/api.md): they branch on it, so it never
//! changes once shipped. The message is for people and names what was wrong.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    InvalidInput(String),
    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: String },
    #[error("the workshop \u{201c}{0}\u{201d} is in the trash; restore it first")]
    InTrash(String),
    #[error("the workshop \u{201c}{0}\u{201d} is not in the trash")]
    NotInTrash(String),
    /// A rule of the workshop said no (a vote over budget, a closed round…). The code names
    /// the rule so the UIs can say it in the participant's language.
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    #[error("this phone has not joined the workshop, or its secret is wrong")]
    Unauthorized,
    #[error("there is nothing to {0}")]
    NothingToUndo(&'static str),
    #[error("the library is damaged: {0}")]
    Corrupt(String),
    #[error("unknown operation \u{201c}{0}\u{201d}")]
    UnknownOperation(String),
    #[error(
        "the library at {path} was written by a newer Fiilis (schema {found}, this version knows up to {supported}); it was left untouched"
    )]
    DatabaseTooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("the report could not be made: {0}")]
    Report(String),
    #[error("{}", storage_message(self))]
    Storage(#[from] rusqlite::Error),
    #[error("{}", storage_message(self))]
    Io(#[from] std::io::Error),
}

impl Error {
    /// The stable machine-readable code of this error, as listed in docs/api.md.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput(_) => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::InTrash(_) => "in_trash",
            Error::NotInTrash(_) => "not_in_trash",
            Error::Refused { code, .. } => code,
            Error::Unauthorized => "unauthorized",
            Error::NothingToUndo(_) => "nothing_to_undo",
            Error::UnknownOperation(_) => "unknown_operation",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::Storage(_) | Error::Io(_) => match self.storage_trouble() {
                Some(StorageTrouble::DiskFull) => "disk_full",
                Some(StorageTrouble::ReadOnly) => "read_only",
                Some(StorageTrouble::Damaged) => "library_damaged",
                None => "storage",
            },
            Error::Corrupt(_) => "library_damaged",
            Error::Report(_) => "storage",
        }
    }

    /// What kind of trouble with the disk or the database file this is, when it is one a
    /// facilitator can do something about.
    fn storage_trouble(&self) -> Option<StorageTrouble> {
        use rusqlite::ErrorCode;
        use std::io::ErrorKind;
        match self {
            Error::Storage(rusqlite::Error::SqliteFailure(failure, _)) => match failure.code {
                ErrorCode::DiskFull => Some(StorageTrouble::DiskFull),
                ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen => {
                    Some(StorageTrouble::ReadOnly)
                }
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    Some(StorageTrouble::Damaged)
                }
                _ => None,
            },
            Error::Io(error) => match error.kind() {
                ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(StorageTrouble::DiskFull),
                ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                    Some(StorageTrouble::ReadOnly)
                }
                _ => None,
            },
            _ => None,
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }

    pub(crate) fn refused(code: &'static str, message: impl Into<String>) -> Self {
        Error::Refused {
            code,
            message: message.into(),
        }
    }

    /// The `{code, message}` shape in which errors cross IPC and HTTP.
    pub fn to_wire(&self) -> WireError {
        WireError {
            code: self.code().to_owned(),
            message: self.to_string(),
        }
    }
}

/// Disk and database troubles that get their own code and a message saying what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StorageTrouble {
    DiskFull,
    ReadOnly,
    Damaged,
}

/// The message of a storage or file-system error: for the troubles a facilitator can act
/// on, what happened to their work and what to do, then the system's own words.
fn storage_message(error: &Error) -> String {
    let (detail, otherwise) = match error {
        Error::Storage(inner) => (inner.to_string(), "storage failed"),
        Error::Io(inner) => (inner.to_string(), "file system failed"),
        other => return other.to_string(),
    };
    match error.storage_trouble() {
        Some(StorageTrouble::DiskFull) => format!(
            "the disk is full, so this was not saved; everything saved before is safe. Free some space and try again ({detail})"
        ),
        Some(StorageTrouble::ReadOnly) => format!(
            "the library's folder cannot be written to (read-only or no permission), so nothing was changed; everything saved before is safe ({detail})"
        ),
        Some(StorageTrouble::Damaged) => format!(
            "the library file is damaged or is not a Fiilis library; restore a backup ({detail})"
        ),
        None => format!("{otherwise}: {detail}"),
    }
}

/// An error as it crosses a process boundary: `{ "code": "...", "message": "..." }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct WireError {
    pub code: String,
    pub message: String,
}

impl From<Error> for WireError {
    fn from(error: Error) -> Self {
        error.to_wire()
    }
}
