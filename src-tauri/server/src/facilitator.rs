//! The facilitator API: `POST /api/<operation>` on loopback, guarded by the token. Core's
//! operations go to `fiilis_core::api::call`; opening and closing participant access goes to
//! the process's [`ParticipantAccess`].

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use fiilis_core::error::{ErrorCode, WireError};
use fiilis_core::Library;
use serde_json::Value;
use tokio::net::TcpListener;

use crate::access::ParticipantAccess;
use crate::assets::serve_ui;
use crate::events::{stream_events, Changes};
use crate::wire::{error_response, json_errors};
use fiilis_core::secrets;
use fiilis_core::secrets::new_secret;

/// Facilitator requests are small JSON documents; anything bigger is a mistake or an attack.
const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Except a workshop file being imported or merged: as large as a file may be, escaped into
/// a JSON string (which can double its size), plus the envelope.
const MAX_FILE_BODY_BYTES: usize = 2 * fiilis_core::exchange::MAX_FILE_BYTES + MAX_BODY_BYTES;

#[derive(Clone)]
struct Facilitator {
    library: Arc<Library>,
    access: Arc<ParticipantAccess>,
    token: Arc<str>,
    port: u16,
    changes: Changes,
}

impl axum::extract::FromRef<Facilitator> for Changes {
    fn from_ref(state: &Facilitator) -> Changes {
        state.changes.clone()
    }
}

/// The facilitator's server, bound to 127.0.0.1 (never another interface) with a fresh token.
pub struct FacilitatorServer {
    listener: TcpListener,
    router: Router,
    url: String,
}

impl FacilitatorServer {
    /// Binds `port` on loopback (0 picks a free one) and makes a new token.
    pub async fn bind(
        library: Arc<Library>,
        access: Arc<ParticipantAccess>,
        port: u16,
    ) -> std::io::Result<Self> {
        let listener = crate::listener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
        let port = listener.local_addr()?.port();
        let token = new_secret();
        Ok(FacilitatorServer {
            router: facilitator_router(library, access, &token, port),
            url: format!("http://127.0.0.1:{port}/#token={token}"),
            listener,
        })
    }

    /// The address to open, token included (in the fragment, which browsers never send).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Serves until `shutdown` completes.
    pub async fn serve_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        crate::listener::serve(self.listener, self.router, LIMITS, shutdown).await
    }
}

/// The facilitator's listener takes connections only from this computer: a browser's
/// handful, never enough to run the process out of file descriptors.
const LIMITS: crate::listener::Limits = crate::listener::Limits {
    per_address: 128,
    total: 128,
    head_timeout: std::time::Duration::from_secs(30),
};

/// The facilitator's router: the API under `/api/` and the UI everywhere else. `port` is the
/// port it is served on, which the `Host` check needs.
pub fn facilitator_router(
    library: Arc<Library>,
    access: Arc<ParticipantAccess>,
    token: &str,
    port: u16,
) -> Router {
    let state = Facilitator {
        changes: Changes::watch(&library),
        library,
        access,
        token: token.into(),
        port,
    };
    let api = Router::new()
        .route("/api/events", get(stream_events))
        .route("/api/{operation}", post(call_operation))
        .layer(middleware::from_fn_with_state(state.clone(), require_token))
        .layer(DefaultBodyLimit::max(MAX_FILE_BODY_BYTES))
        .with_state(state.clone());
    Router::new()
        .merge(api)
        .fallback(serve_ui)
        .layer(middleware::from_fn_with_state(state, check_host_and_origin))
        .layer(middleware::map_response(json_errors))
}

/// Refuses requests addressed to any name but this loopback server (DNS rebinding) and
/// cross-site requests from pages of other origins.
async fn check_host_and_origin(
    State(state): State<Facilitator>,
    request: Request,
    next: Next,
) -> Response {
    match foreign_host_or_origin(request.headers(), state.port) {
        Some(refusal) => refusal,
        None => next.run(request).await,
    }
}

fn foreign_host_or_origin(headers: &HeaderMap, port: u16) -> Option<Response> {
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    let host_ok = text(header::HOST).is_some_and(|host| allowed.iter().any(|a| a == host));
    if !host_ok {
        return Some(error_response(
            ErrorCode::Forbidden,
            "this server answers only to 127.0.0.1 and localhost",
        ));
    }
    let origin = text(header::ORIGIN)?;
    if allowed.iter().any(|a| origin == format!("http://{a}")) {
        return None;
    }
    Some(error_response(
        ErrorCode::Forbidden,
        format!("requests from {origin} are not allowed"),
    ))
}

async fn require_token(
    State(state): State<Facilitator>,
    headers: HeaderMap,
    request: Request,
    next: Next,
) -> Response {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    match given {
        Some(given) if secrets::matches(given, &state.token) => next.run(request).await,
        Some(_) => error_response(ErrorCode::Unauthorized, "the token is wrong"),
        None => error_response(
            ErrorCode::Unauthorized,
            "a token is required: open the URL that `fiilis serve` printed",
        ),
    }
}

async fn call_operation(
    State(state): State<Facilitator>,
    Path(operation): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let file = fiilis_core::api::operation(&operation).is_some_and(|known| known.carries_file());
    if !file && body.len() > MAX_BODY_BYTES {
        return error_response(
            ErrorCode::PayloadTooLarge,
            format!("{operation} takes at most {MAX_BODY_BYTES} bytes"),
        );
    }
    let input: Value = if body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(input) => input,
            Err(error) => {
                return error_response(
                    ErrorCode::InvalidInput,
                    format!("the body is not JSON: {error}"),
                )
            }
        }
    };
    let outcome = if fiilis_core::api::ACCESS_OPERATIONS.contains(&operation.as_str()) {
        state.access.call(&operation, input).await
    } else {
        let library = state.library.clone();
        match tokio::task::spawn_blocking(move || {
            fiilis_core::api::call(&library, &operation, input)
        })
        .await
        {
            Ok(result) => result.map_err(WireError::from),
            Err(_) => Err(WireError {
                code: ErrorCode::Storage,
                message: "the operation failed unexpectedly".to_owned(),
            }),
        }
    };
    match outcome {
        Ok(value) => ([(header::CACHE_CONTROL, "no-store")], Json(value)).into_response(),
        Err(wire) => error_response(wire.code, wire.message),
    }
}
