//! The hub's side of several laptops on one workshop: what a satellite laptop asks of it,
//! over the LAN.
//!
//! Core keeps the log of changes and settles conflicts (`fiilis_core::sync`); this is only the
//! door: a satellite fetches the workshop once (`snapshot`), then pulls the hub's log after the
//! position it has and pushes its own changes (`changes`). The routes live on the participant
//! listener rather than a listener of their own because that is the one door this laptop
//! opens to the LAN, with its checks (`Host`, `Origin`), body caps, connection limits and
//! time limits already in place; a second door would need all of them again, and nothing of
//! the facilitator API is reachable through either.
//!
//! Every request carries the workshop's pairing secret (or its short code) as
//! `Authorization: Bearer`. A wrong or missing one counts against the sender's address as a
//! wrong room code does, so the 8-character code cannot be guessed by trying: ten tries, then
//! one every five seconds. Only a workshop this laptop is the hub of answers.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use fiilis_core::error::ErrorCode;
use fiilis_core::sync::{Entry, Role};
use serde::{Deserialize, Serialize};

use crate::participants::{bearer, rate_limited, Bucket, Room};
use crate::wire::error_response;

/// Where the routes start: the participant listener's guard counts these requests as a
/// laptop's and gives them [`MAX_BODY_BYTES`].
pub(crate) const PREFIX: &str = "/sync/";

/// Pushed changes carry whole rows, photos included, up to 500 at once after a satellite was
/// offline for a while (this app's satellites split a push at 8 MiB; one change of a large
/// photo board may still be more).
pub(crate) const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// The routes, merged into the participant listener's router (which adds its guard).
pub(crate) fn routes() -> Router<Room> {
    Router::new()
        .route("/sync/{workshop}/snapshot", get(snapshot))
        .route(
            "/sync/{workshop}/changes",
            get(changes)
                .post(receive)
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
}

/// A request that showed the pairing secret of a workshop this laptop is the hub of: the
/// workshop's id. Extracting it is the authentication.
struct Paired(String);

impl FromRequestParts<Room> for Paired {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, room: &Room) -> Result<Self, Response> {
        let Path(workshop_id) = Path::<String>::from_request_parts(parts, room)
            .await
            .map_err(|_| error_response(ErrorCode::NotFound, "no such workshop"))?;
        let ConnectInfo(peer) = ConnectInfo::<SocketAddr>::from_request_parts(parts, room)
            .await
            .map_err(|_| error_response(ErrorCode::Forbidden, "unknown peer"))?;
        let guesses = Bucket::WrongSecret(peer.ip());
        // Even the right secret waits while the address's guesses are spent: otherwise a
        // guesser would learn from the answer whether the last guess was right.
        if !room.has_token(guesses.clone()) {
            return Err(rate_limited(
                "too many wrong pairing codes from this device: wait a little",
            ));
        }
        let given = bearer(&parts.headers).unwrap_or_default().trim().to_owned();
        let (library, id) = (room.library.clone(), workshop_id.clone());
        let checked = tokio::task::spawn_blocking(move || {
            if !given.is_empty() && library.sync_secret_matches(&id, &given)? {
                return Ok(Some(true));
            }
            let hub = library
                .sync_links()?
                .into_iter()
                .any(|link| link.workshop_id == id && link.role == Role::Hub);
            Ok::<_, fiilis_core::Error>(hub.then_some(false))
        })
        .await;
        match checked {
            Ok(Ok(Some(true))) => Ok(Paired(workshop_id)),
            Ok(Ok(found)) => {
                room.take_token(guesses);
                Err(match found {
                    Some(_) => {
                        error_response(ErrorCode::Unauthorized, "that pairing code is not right")
                    }
                    None => error_response(
                        ErrorCode::NotFound,
                        "this laptop is not the hub of that workshop",
                    ),
                })
            }
            Ok(Err(error)) => {
                let wire = error.to_wire();
                Err(error_response(wire.code, wire.message))
            }
            Err(_) => Err(error_response(
                ErrorCode::Storage,
                "the request failed unexpectedly",
            )),
        }
    }
}

/// `GET /sync/{workshop}/snapshot`: the whole workshop, as a joining satellite takes it in.
async fn snapshot(State(room): State<Room>, Paired(workshop_id): Paired) -> Response {
    let library = room.library.clone();
    room.read(move || library.sync_snapshot(&workshop_id)).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct After {
    #[serde(default)]
    after: i64,
    /// The pulling laptop's site id, so the hub can list its satellites and how far behind
    /// each is.
    #[serde(default)]
    site: Option<String>,
}

/// `GET /sync/{workshop}/changes?after=N&site=S`: the hub's log after position N, at most
/// 500 entries; the satellite asks again after the answer's `last` until none come.
async fn changes(
    State(room): State<Room>,
    Paired(workshop_id): Paired,
    Query(after): Query<After>,
) -> Response {
    let library = room.library.clone();
    room.read(move || {
        if let Some(site) = &after.site {
            library.sync_peer_seen(&workshop_id, site, Some(after.after))?;
        }
        library.sync_changes_after(&workshop_id, after.after)
    })
    .await
}

/// What a satellite pushes: its own changes the hub has not confirmed yet.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Push {
    pub entries: Vec<Entry>,
}

/// The answer to a push: how many of its changes were new here (a resent one is not).
#[derive(Serialize, Deserialize)]
pub(crate) struct Applied {
    pub applied: usize,
}

/// `POST /sync/{workshop}/changes`: applies a satellite's changes; sending the same ones
/// again changes nothing.
async fn receive(
    State(room): State<Room>,
    Paired(workshop_id): Paired,
    Json(push): Json<Push>,
) -> Response {
    let library = room.library.clone();
    room.write(move || {
        let applied = library.receive_sync_changes(&workshop_id, &push.entries)?;
        if let Some(entry) = push.entries.first() {
            library.sync_peer_seen(&workshop_id, &entry.origin, None)?;
        }
        Ok(Applied { applied })
    })
    .await
}
