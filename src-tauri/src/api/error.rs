//! The one error every command returns: a stable `code` the UI can switch on, one plain
//! sentence, and the form field at fault when there is one.
//!
//! Each code has one HTTP status ([`ErrorCode::http_status`]), used by the loopback `serve`
//! bridge and the team server alike, so the two doors answer a failure the same way.

use agendapack_pack::PackError;
use agendapack_store::StoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Invalid,
    Conflict,
    BadAttachment,
    Storage,
    Locked,
    Internal,
    /// No one is signed in (team server): sign in first. HTTP 401.
    SignInRequired,
    /// The signed-in account's role may not run this command, or not on this paper. HTTP 403.
    Forbidden,
}

impl ErrorCode {
    /// The HTTP status a failure with this code is answered with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::Invalid => 400,
            ErrorCode::SignInRequired => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::BadAttachment => 422,
            ErrorCode::Locked => 503,
            ErrorCode::Storage | ErrorCode::Internal => 500,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// A save refused as a conflict (someone else changed the report since it was opened):
    /// the id of the kept version holding what was typed (`report_kept_versions`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub kept_version: Option<i64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), field: None, kept_version: None }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        ApiError { field: Some(field.to_string()), ..ApiError::new(ErrorCode::Invalid, message) }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::NotFound, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Invalid(problems) => match problems.first() {
                Some(first) => ApiError::invalid(&first.path, capitalise(&first.message)),
                None => ApiError::new(ErrorCode::Invalid, "The change is not valid."),
            },
            StoreError::NotFound { .. } | StoreError::NoMeeting(_) | StoreError::NoCouncil | StoreError::NoAccount(_) => {
                ApiError::not_found(capitalise(&e.to_string()))
            }
            StoreError::Conflict { field, message } => {
                ApiError { field: Some(field), ..ApiError::new(ErrorCode::Conflict, capitalise(&message)) }
            }
            StoreError::Outdated { kept, message } => {
                ApiError { kept_version: Some(kept), ..ApiError::new(ErrorCode::Conflict, message) }
            }
            StoreError::Sqlite(ref source) if is_busy(source) => {
                ApiError::new(ErrorCode::Locked, "The database is busy in another program; try again in a moment.")
            }
            other => ApiError::new(ErrorCode::Storage, capitalise(&other.to_string())),
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl From<PackError> for ApiError {
    fn from(e: PackError) -> ApiError {
        let code = match e {
            PackError::Attachment { .. } | PackError::AttachmentCheck(_) => ErrorCode::BadAttachment,
            PackError::NoSupplementaryItems => ErrorCode::Invalid,
            _ => ErrorCode::Internal,
        };
        let field = matches!(e, PackError::NoSupplementaryItems).then(|| "supplement".to_string());
        ApiError { field, ..ApiError::new(code, capitalise(&e.to_string())) }
    }
}

/// Messages from the core are sentence fragments in lower case; the UI shows sentences.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with('.') && !out.ends_with('?') && !out.ends_with('!') {
        out.push('.');
    }
    out
}
