//! Errors as they cross HTTP: always `{ "code", "message" }` with a status matching the code,
//! also for requests axum itself turns away (bad JSON, a missing content type, a body that is
//! too large), so every client handles one shape.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use fiilis_core::error::WireError;

/// The HTTP status for an error code of docs/api.md.
pub fn status_for(code: &str) -> StatusCode {
    match code {
        "invalid_input" => StatusCode::BAD_REQUEST,
        "unauthorized" => StatusCode::UNAUTHORIZED,
        "forbidden" => StatusCode::FORBIDDEN,
        "not_found" | "unknown_operation" => StatusCode::NOT_FOUND,
        "in_trash" | "not_in_trash" | "nothing_to_undo" => StatusCode::CONFLICT,
        // Refusals by a rule of the workshop: the request was fine, the moment was not.
        "budget_exhausted" | "note_cap_reached" | "round_closed" | "round_still_open"
        | "results_hidden" | "not_in_round" | "activity_closed" | "port_in_use" => {
            StatusCode::CONFLICT
        }
        "payload_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "rate_limited" => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub(crate) fn error_response(code: &str, message: impl Into<String>) -> Response {
    let body = WireError {
        code: code.to_owned(),
        message: message.into(),
    };
    (status_for(code), Json(body)).into_response()
}

/// The code for a failure that arrived without one.
fn code_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => "not_found",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        status if status.is_client_error() => "invalid_input",
        _ => "storage",
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
    let code = code_for(status);
    let body = WireError {
        code: code.to_owned(),
        message: text,
    };
    (status, Json(body)).into_response()
}
