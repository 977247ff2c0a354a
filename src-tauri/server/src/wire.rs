//! Errors as they cross HTTP: always `{ "code", "message" }` with a status matching the code,
//! also for requests axum itself turns away (bad JSON, a missing content type, a body that is
//! too large), so every client handles one shape.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use fiilis_core::error::{ErrorCode, WireError};

/// The HTTP status for an error code of docs/api.md.
pub fn status_for(code: ErrorCode) -> StatusCode {
    use ErrorCode::*;
    match code {
        InvalidInput => StatusCode::BAD_REQUEST,
        Unauthorized => StatusCode::UNAUTHORIZED,
        Forbidden => StatusCode::FORBIDDEN,
        NotFound | UnknownOperation => StatusCode::NOT_FOUND,
        InTrash | NotInTrash | NothingToUndo => StatusCode::CONFLICT,
        // Refusals by a rule of the workshop: the request was fine, the moment was not.
        BudgetExhausted | NoteCapReached | RoundClosed | RoundStillOpen | ResultsHidden
        | NotInRound | ActivityClosed | NoteFaceDown | PortInUse | PairingRefused => {
            StatusCode::CONFLICT
        }
        // Another laptop, not this server, failed to answer.
        HubUnreachable => StatusCode::BAD_GATEWAY,
        PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        RateLimited => StatusCode::TOO_MANY_REQUESTS,
        DiskFull => StatusCode::INSUFFICIENT_STORAGE,
        DatabaseTooNew | ReadOnly | LibraryDamaged | Storage | NotChosen | NotExported => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

pub(crate) fn error_response(code: ErrorCode, message: impl Into<String>) -> Response {
    (status_for(code), Json(WireError::new(code, message))).into_response()
}

/// The code for a failure that arrived without one.
fn code_for(status: StatusCode) -> ErrorCode {
    match status {
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => ErrorCode::NotFound,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::RateLimited,
        status if status.is_client_error() => ErrorCode::InvalidInput,
        _ => ErrorCode::Storage,
    }
}

/// Rewrites a plain-text error response (axum's rejections) as `{code, message}`, keeping its
/// status: 400 for broken JSON, 415 without a JSON content type, 422 for a body of the wrong
/// shape, 413 for one too large (see docs/participant-api.yaml).
pub(crate) async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/plain"));
    if !(status.is_client_error() || status.is_server_error()) || !plain {
        return response;
    }
    let text = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    (status, Json(WireError::new(code_for(status), text))).into_response()
}
