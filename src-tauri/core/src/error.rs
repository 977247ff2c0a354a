//! Typed errors with a stable code each.
//!
//! The code is the contract with the UIs (see docs/api.md): they branch on it, so it never
//! changes once shipped. The message is for people and names what was wrong.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal,)*) => {
        /// Every error code any front end may see, core's and the transports' alike. The UIs
        /// get them as a TypeScript union generated from this enum, so a comparison with a code
        /// that does not exist fails to compile.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in the order of docs/api.md.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it crosses IPC and HTTP.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }
    };
}

error_codes! {
    InvalidInput = "invalid_input",
    NotFound = "not_found",
    InTrash = "in_trash",
    NotInTrash = "not_in_trash",
    NothingToUndo = "nothing_to_undo",
    UnknownOperation = "unknown_operation",
    DatabaseTooNew = "database_too_new",
    DiskFull = "disk_full",
    ReadOnly = "read_only",
    LibraryDamaged = "library_damaged",
    Storage = "storage",
    Unauthorized = "unauthorized",
    Forbidden = "forbidden",
    PayloadTooLarge = "payload_too_large",
    RateLimited = "rate_limited",
    BudgetExhausted = "budget_exhausted",
    NoteCapReached = "note_cap_reached",
    RoundClosed = "round_closed",
    RoundStillOpen = "round_still_open",
    ResultsHidden = "results_hidden",
    NotInRound = "not_in_round",
    ActivityClosed = "activity_closed",
    /// A face-down note's text cannot be changed before it is revealed.
    NoteFaceDown = "note_face_down",
    PortInUse = "port_in_use",
    /// Several laptops: the hub did not answer (wrong address, another network, not running).
    HubUnreachable = "hub_unreachable",
    /// Several laptops: the hub turned the pairing code down (wrong, or not its workshop).
    PairingRefused = "pairing_refused",
    /// Desktop: the facilitator closed a file dialog without choosing.
    NotChosen = "not_chosen",
    /// Desktop: the file to open or show was not exported in this session.
    NotExported = "not_exported",
}

/// A code equals its wire name, so tests and logs can compare with the documented text.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

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
    Refused { code: ErrorCode, message: String },
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
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::InTrash(_) => ErrorCode::InTrash,
            Error::NotInTrash(_) => ErrorCode::NotInTrash,
            Error::Refused { code, .. } => *code,
            Error::Unauthorized => ErrorCode::Unauthorized,
            Error::NothingToUndo(_) => ErrorCode::NothingToUndo,
            Error::UnknownOperation(_) => ErrorCode::UnknownOperation,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::Storage(_) | Error::Io(_) => match self.storage_trouble() {
                Some(StorageTrouble::DiskFull) => ErrorCode::DiskFull,
                Some(StorageTrouble::ReadOnly) => ErrorCode::ReadOnly,
                Some(StorageTrouble::Damaged) => ErrorCode::LibraryDamaged,
                None => ErrorCode::Storage,
            },
            Error::Corrupt(_) => ErrorCode::LibraryDamaged,
            Error::Report(_) => ErrorCode::Storage,
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

    /// The same error again (code and message), for telling several callers of one failure.
    pub(crate) fn duplicate(&self) -> Error {
        match self {
            Error::Storage(rusqlite::Error::SqliteFailure(failure, message)) => {
                Error::Storage(rusqlite::Error::SqliteFailure(*failure, message.clone()))
            }
            Error::Io(error) => Error::Io(std::io::Error::new(error.kind(), error.to_string())),
            Error::Refused { code, message } => Error::refused(*code, message.clone()),
            other => Error::Io(std::io::Error::other(other.to_string())),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }

    pub(crate) fn refused(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Refused {
            code,
            message: message.into(),
        }
    }

    /// The `{code, message}` shape in which errors cross IPC and HTTP.
    pub fn to_wire(&self) -> WireError {
        WireError {
            code: self.code(),
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WireError {
    pub code: ErrorCode,
    pub message: String,
}

impl WireError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        WireError {
            code,
            message: message.into(),
        }
    }
}

impl From<Error> for WireError {
    fn from(error: Error) -> Self {
        error.to_wire()
    }
}
