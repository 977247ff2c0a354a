//! The participant API: what phones in the room may do, over the LAN.
//!
//! This listener is the only part of Fiilis reachable from other devices, so it routes
//! participant actions and nothing else: join, read the workshop as a participant sees it,
//! write notes, vote, rate, answer the room's question, say "done". Joining needs the room's token (in the QR code) or its
//! short code; every later call carries the secret handed out at join. `Host` must be an IP
//! address (phones get one in the QR code; a name would allow DNS rebinding), `Origin` must
//! match it, bodies are small, and each phone (and each address) is rate-limited so one
//! flooding phone cannot starve the others. Rules (budgets, caps, secrecy of results) are core's.
//!
//! Other laptops following a workshop this laptop is the hub of reach it here too, under
//! `/sync/` (see [`crate::sync`]): one door on the LAN, with the same checks and limits.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use fiilis_core::api::typescript::Generator;
use fiilis_core::emotions::RatingInput;
use fiilis_core::error::{ErrorCode, WireError};
use fiilis_core::participants::{Participant, Role};
use fiilis_core::phones::{PhoneNote, PhoneNoteView, PhonePhoto, PhoneShared, PhoneState};
use fiilis_core::questions::AnswerInput;
use fiilis_core::voting::Receipt;
use fiilis_core::Library;
use futures_util::stream::{self, Stream, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{broadcast, watch, Semaphore};
use ts_rs::TS;

use crate::live::{Announcement, Live, Signal};
use crate::phones::Directory;
use crate::wire::{error_response, json_errors};
use fiilis_core::secrets;
use fiilis_core::secrets::new_secret;

/// Participant requests are tiny: a note is at most 1,000 characters.
const MAX_BODY_BYTES: usize = 16 * 1024;
/// Except a photo: the phone page scales it to at most 1,600 pixels before sending (core
/// scales it again, as persona photos), so this leaves room for any camera's JPEG of that size.
const MAX_PHOTO_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Photos one phone may send in a burst, and how many it earns back per second: decoding a
/// photo costs the laptop far more than a vote, so no phone can keep it busy with them.
const PHOTO_BURST: f64 = 5.0;
const PHOTOS_PER_SECOND: f64 = 0.2;
/// How much of a body over the limit is read (and thrown away) before it is refused.
const DRAINED_AT_MOST: usize = 4 * 1024 * 1024;
/// Requests one phone (or one device that has not joined) may make in a burst, and how many
/// it earns back per second.
const BURST: f64 = 60.0;
const PER_SECOND: f64 = 20.0;
/// Joined phones behind one address (a guest Wi-Fi's NAT) share this larger allowance, so a
/// room of phones behind one router is not throttled as if it were one device, while a
/// device making up secrets still meets a limit.
const SHARED_BURST: f64 = 600.0;
const SHARED_PER_SECOND: f64 = 200.0;
/// Wrong room codes one address may try in a burst, and how many it earns back per second:
/// whatever a request carries, guessing codes stays this slow. Wrong pairing secrets of other
/// laptops have a bucket of the same size.
const WRONG_CODE_BURST: f64 = 10.0;
const WRONG_CODES_PER_SECOND: f64 = 0.2;
/// Requests to `/sync/` from one address: laptops ask a few times a second each, and a
/// request without the pairing secret is turned away by the wrong-secret bucket before it
/// costs the library anything.
const LAPTOP_BURST: f64 = 600.0;
const LAPTOP_PER_SECOND: f64 = 200.0;
/// Phones' writes handed to core at once. More wait their turn without a thread: a thread
/// per waiting write would leave the one committing a batch a thousandth of the processor
/// when a hall votes at once. A batch of this many still shares one commit.
const WRITES_AT_ONCE: usize = 64;
/// Buckets kept before idle ones are dropped.
const MAX_BUCKETS: usize = 16_384;
/// The longest a request may take to arrive and be answered (a body announced but never
/// sent ends here); event streams answer at once and then stream.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// How the listener treats connections: phones behind one router share an address, so an
/// address may hold many; a device opening sockets by the thousand meets the cap. A hall of
/// phones holds an event stream each and opens more to fetch, so the listener may hold up to
/// 16,384, fewer where the process may not open that many files: it keeps some for the
/// library and the facilitator's own listener.
fn limits() -> crate::listener::Limits {
    crate::listener::Limits {
        per_address: 512,
        total: crate::listener::within_open_file_limit(16_384, 512),
        head_timeout: Duration::from_secs(10),
    }
}
/// Letters for room codes: no 0/O, 1/I/L, so a code read off a projector is typed right.
const CODE_LETTERS: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// Who a request is counted against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Bucket {
    /// A device that has not shown a known secret (joining, or making one up).
    Device(IpAddr),
    /// One joined phone, by its participant id.
    Phone(String),
    /// Everything joined phones send from one address.
    Shared(IpAddr),
    /// Wrong room codes from one address.
    WrongCode(IpAddr),
    /// Photos from one joined phone.
    Photos(String),
    /// Other laptops' sync requests from one address.
    Laptop(IpAddr),
    /// Wrong pairing secrets from one address.
    WrongSecret(IpAddr),
}

impl Bucket {
    fn size(&self) -> (f64, f64) {
        match self {
            Bucket::Device(_) | Bucket::Phone(_) => (BURST, PER_SECOND),
            Bucket::Shared(_) => (SHARED_BURST, SHARED_PER_SECOND),
            Bucket::WrongCode(_) | Bucket::WrongSecret(_) => {
                (WRONG_CODE_BURST, WRONG_CODES_PER_SECOND)
            }
            Bucket::Laptop(_) => (LAPTOP_BURST, LAPTOP_PER_SECOND),
            Bucket::Photos(_) => (PHOTO_BURST, PHOTOS_PER_SECOND),
        }
    }
}

#[derive(Clone)]
pub(crate) struct Room {
    pub(crate) library: Arc<Library>,
    workshop_id: Arc<str>,
    token: Arc<str>,
    code: Arc<str>,
    port: u16,
    buckets: Arc<Mutex<HashMap<Bucket, (f64, Instant)>>>,
    directory: Arc<Directory>,
    live: Arc<Live>,
    /// Phones' view reads and writes under way (see [`Room::read`] and [`Room::write`]).
    reads: Arc<Semaphore>,
    writes: Arc<Semaphore>,
    closed: watch::Receiver<bool>,
}

/// The LAN listener for one workshop's participants.
pub struct ParticipantServer {
    listener: TcpListener,
    limits: crate::listener::Limits,
    /// Set when the room closes: event streams end and the library stops feeding them.
    closing: watch::Sender<bool>,
    router: Router,
    token: String,
    code: String,
    port: u16,
}

fn room_code() -> String {
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    bytes
        .iter()
        .map(|b| CODE_LETTERS[*b as usize % CODE_LETTERS.len()] as char)
        .collect()
}

impl ParticipantServer {
    /// Binds `addr` (usually 0.0.0.0 and a port) for `workshop_id`, with a fresh room token
    /// and code. The workshop must exist and be out of the trash.
    pub async fn bind(
        library: Arc<Library>,
        workshop_id: &str,
        addr: SocketAddr,
    ) -> Result<Self, WireError> {
        let workshop = library.get_workshop(workshop_id)?;
        if workshop.trashed_at.is_some() {
            return Err(fiilis_core::Error::InTrash(workshop.title).into());
        }
        let cannot_listen = |error: std::io::Error| WireError {
            code: if error.kind() == std::io::ErrorKind::AddrInUse {
                ErrorCode::PortInUse
            } else {
                ErrorCode::Storage
            },
            message: format!("cannot listen on {addr}: {error}"),
        };
        let listener = crate::listener::bind(addr).map_err(cannot_listen)?;
        let port = listener.local_addr().map_err(cannot_listen)?.port();
        let (token, code) = (new_secret(), room_code());
        let watched: Arc<str> = workshop_id.into();
        let (closing, closed) = watch::channel(false);
        let directory = {
            let (library, workshop) = (library.clone(), watched.clone());
            tokio::task::spawn_blocking(move || Directory::load(&library, &workshop))
                .await
                .map_err(|_| WireError::new(ErrorCode::Storage, "reading the phones failed"))??
        };
        let directory = Arc::new(directory);
        let live = Live::start(Arc::downgrade(&library), watched.clone(), closed.clone());
        let (follow, tell, filter, open) = (
            directory.clone(),
            live.clone(),
            watched.clone(),
            closed.clone(),
        );
        let weak = Arc::downgrade(&library);
        library.watch(move |change| {
            if *change.workshop_id == *filter {
                if let Some(library) = weak.upgrade() {
                    tell.gone(&follow.follow(&library, change));
                }
                tell.note(change);
            }
            !*open.borrow()
        });
        let room = Room {
            library,
            workshop_id: watched,
            token: token.as_str().into(),
            code: code.as_str().into(),
            port,
            buckets: Arc::default(),
            directory,
            live,
            reads: Arc::new(Semaphore::new(fiilis_core::store::READERS)),
            writes: Arc::new(Semaphore::new(WRITES_AT_ONCE)),
            closed,
        };
        Ok(ParticipantServer {
            limits: limits(),
            router: participant_router(room),
            closing,
            listener,
            token,
            code,
            port,
        })
    }

    /// The address a phone opens (what the QR code holds), for one of [`lan_addresses`].
    pub fn join_url(&self, ip: IpAddr) -> String {
        format!("http://{ip}:{}/#room={}", self.port, self.token)
    }

    /// The short code people can type instead of scanning.
    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Caps the connections one address, and the listener, may hold at once (lower than the
    /// defaults only to show the caps at work in tests).
    pub fn limit_connections(mut self, per_address: usize, total: usize) -> Self {
        self.limits.per_address = per_address;
        self.limits.total = total;
        self
    }

    /// Serves until `shutdown` completes.
    pub async fn serve_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let closing = self.closing;
        crate::listener::serve(self.listener, self.router, self.limits, async move {
            shutdown.await;
            // Phones' event streams never end by themselves; connections are asked to finish,
            // so the streams are told to end first.
            let _ = closing.send(true);
        })
        .await
    }
}

fn participant_router(room: Room) -> Router {
    Router::new()
        .route("/p/join", post(join))
        .route("/p/state", get(state))
        .route("/p/notes", post(add_note))
        .route(
            "/p/photos",
            post(add_photo).layer(DefaultBodyLimit::max(MAX_PHOTO_BODY_BYTES)),
        )
        .route("/p/votes", post(vote))
        .route("/p/votes/retract", post(retract))
        .route("/p/done", post(done))
        .route("/p/ratings", post(rate))
        .route("/p/answers", post(answer))
        .route("/p/leave", post(leave))
        .route("/p/events", get(events))
        .merge(crate::sync::routes())
        .fallback(crate::assets::serve_phone_ui)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(room.clone(), guard))
        .layer(middleware::map_response(json_errors))
        .with_state(room)
}

/// Rate limit, then `Host` and `Origin`, then a time limit on the whole request.
///
/// A joined phone (a secret this room knows) is counted against itself first and only then
/// against its address, so a phone's own flood costs only that phone and not the phones that
/// share its router. Anything else, joins included whatever header they carry, is counted
/// against its device's address.
async fn guard(
    State(room): State<Room>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let joining = request.uri().path() == "/p/join";
    let laptop = request.uri().path().starts_with(crate::sync::PREFIX);
    let phone = bearer(request.headers())
        .filter(|_| !joining && !laptop)
        .and_then(|secret| room.directory.find(secret));
    let admitted = match phone {
        Some(phone) => {
            room.take_token(Bucket::Phone(phone.id.clone()))
                && room.take_token(Bucket::Shared(peer.ip()))
        }
        None if laptop => room.take_token(Bucket::Laptop(peer.ip())),
        None => room.take_token(Bucket::Device(peer.ip())),
    };
    if !admitted {
        return rate_limited("too many requests from this device: slow down");
    }
    if let Some(refusal) = foreign(request.headers(), room.port) {
        return refusal;
    }
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    let limit = body_limit(request.uri().path());
    if announced.is_some_and(|length| length > limit as u64) {
        // Read what was sent (up to a bound, within the time limit) before answering: a
        // connection closed on a phone still sending gets no answer at all, only a reset.
        let mut body = request.into_body().into_data_stream();
        let _ = tokio::time::timeout(REQUEST_TIMEOUT, async {
            let mut read = 0;
            while let Some(Ok(chunk)) = body.next().await {
                read += chunk.len();
                if read > DRAINED_AT_MOST {
                    break;
                }
            }
        })
        .await;
        return error_response(
            ErrorCode::PayloadTooLarge,
            format!("a request body may be at most {} KiB", limit / 1024),
        );
    }
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => error_response(
            ErrorCode::InvalidInput,
            "the request did not arrive in time",
        ),
    }
}

/// The largest body a request to `path` may carry.
fn body_limit(path: &str) -> usize {
    if path == "/p/photos" {
        MAX_PHOTO_BODY_BYTES
    } else if path.starts_with(crate::sync::PREFIX) {
        crate::sync::MAX_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

/// 429, with the wait a phone should make before trying again.
pub(crate) fn rate_limited(message: &str) -> Response {
    // A bucket earns a request back in well under a second; phones wait this long.
    let mut refusal = error_response(ErrorCode::RateLimited, message);
    refusal
        .headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
    refusal
}

impl Room {
    /// Runs a phone's read of its view in core. When a change reaches a hall of phones they
    /// may all ask at once: the reads wait their turn here, in order and holding no thread,
    /// no more at once than the library has readers.
    pub(crate) async fn read<T: Serialize + Send + 'static>(
        &self,
        work: impl FnOnce() -> fiilis_core::Result<T> + Send + 'static,
    ) -> Response {
        in_turn(&self.reads, work).await
    }

    /// Runs a phone's write in core, in turn (see [`WRITES_AT_ONCE`]).
    pub(crate) async fn write<T: Serialize + Send + 'static>(
        &self,
        work: impl FnOnce() -> fiilis_core::Result<T> + Send + 'static,
    ) -> Response {
        in_turn(&self.writes, work).await
    }

    /// Whether `bucket` has a request left, without spending it.
    pub(crate) fn has_token(&self, bucket: Bucket) -> bool {
        let buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (burst, rate) = bucket.size();
        match buckets.get(&bucket) {
            None => true,
            Some((tokens, since)) => {
                (tokens + since.elapsed().as_secs_f64() * rate).min(burst) >= 1.0
            }
        }
    }

    pub(crate) fn take_token(&self, bucket: Bucket) -> bool {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        if buckets.len() >= MAX_BUCKETS {
            // Buckets that have refilled completely carry no memory worth keeping.
            buckets.retain(|bucket, (tokens, since)| {
                let (burst, rate) = bucket.size();
                *tokens + now.duration_since(*since).as_secs_f64() * rate < burst
            });
        }
        let (burst, rate) = bucket.size();
        let (tokens, since) = buckets.entry(bucket).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*since).as_secs_f64() * rate).min(burst);
        *since = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

fn foreign(headers: &HeaderMap, port: u16) -> Option<Response> {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    let host = text(header::HOST).unwrap_or_default();
    let literal = host
        .rsplit_once(':')
        .filter(|(_, p)| *p == port.to_string())
        .map(|(name, _)| name.trim_start_matches('[').trim_end_matches(']'))
        .is_some_and(|name| name == "localhost" || name.parse::<IpAddr>().is_ok());
    if !literal {
        return Some(error_response(
            ErrorCode::Forbidden,
            "open the address from the QR code",
        ));
    }
    match text(header::ORIGIN) {
        Some(origin) if origin != format!("http://{host}") => Some(error_response(
            ErrorCode::Forbidden,
            format!("requests from {origin} are not allowed"),
        )),
        _ => None,
    }
}

fn failure(error: fiilis_core::Error) -> Response {
    let wire = error.to_wire();
    error_response(wire.code, wire.message)
}

/// The secret a phone sends with every call after joining (and another laptop its pairing
/// secret).
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
}

/// The participant whose secret the request carries; extracting it is the authentication,
/// from the room's directory in memory.
struct Phone(Arc<Participant>);

impl FromRequestParts<Room> for Phone {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, room: &Room) -> Result<Self, Response> {
        bearer(&parts.headers)
            .and_then(|secret| room.directory.find(secret))
            .map(Phone)
            .ok_or_else(|| failure(fiilis_core::Error::Unauthorized))
    }
}

/// Runs core work off the async threads once `turns` lets it, and turns its result into a
/// response.
async fn in_turn<T: Serialize + Send + 'static>(
    turns: &Arc<Semaphore>,
    work: impl FnOnce() -> fiilis_core::Result<T> + Send + 'static,
) -> Response {
    let Ok(_turn) = turns.clone().acquire_owned().await else {
        return error_response(ErrorCode::Storage, "the room is closing");
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(value)) => Json(value).into_response(),
        Ok(Err(error)) => failure(error),
        Err(_) => error_response(ErrorCode::Storage, "the request failed unexpectedly"),
    }
}

/// Adds what phones send and receive to the UI's generated TypeScript (see
/// docs/participant-api.yaml for the routes).
pub fn add_typescript(generator: &mut Generator) {
    generator.add_type::<JoinRequest>();
    generator.add_type::<Welcome>();
    generator.add_type::<PhoneState>();
    generator.add_type::<PhoneShared>();
    generator.add_type::<PhoneNote>();
    generator.add_type::<PhonePhoto>();
    generator.add_type::<PhoneNoteView>();
    generator.add_type::<VoteRequest>();
    generator.add_type::<Receipt>();
    generator.add_type::<RetractRequest>();
    generator.add_type::<DoneRequest>();
    generator.add_type::<RatingInput>();
    generator.add_type::<AnswerInput>();
}

#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    room: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    name: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    role: Option<Role>,
}

/// What a phone learns when it joins: who it is now, and the secret it proves that with.
#[derive(Serialize, TS)]
pub struct Welcome {
    participant_id: String,
    name: Option<String>,
    secret: String,
}

async fn join(
    State(room): State<Room>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<JoinRequest>,
) -> Response {
    let guesses = Bucket::WrongCode(peer.ip());
    if !room.has_token(guesses.clone()) {
        return rate_limited("too many wrong room codes from this device: wait a little");
    }
    let given = request.room.trim();
    let admitted = secrets::matches(given, &room.token) || given.eq_ignore_ascii_case(&room.code);
    if !admitted {
        room.take_token(guesses);
        return error_response(ErrorCode::Unauthorized, "that room code is not right");
    }
    let (library, directory) = (room.library.clone(), room.directory.clone());
    room.clone()
        .write(move || {
            let joined = library.join_from_phone(
                &room.workshop_id,
                request.name.as_deref(),
                request.role.unwrap_or_default(),
            )?;
            directory.add(joined.secret.clone(), joined.participant.clone());
            Ok(Welcome {
                participant_id: joined.participant.id,
                name: joined.participant.name,
                secret: joined.secret,
            })
        })
        .await
}

async fn state(State(room): State<Room>, Phone(me): Phone) -> Response {
    room.clone()
        .read(move || room.library.phone_state(&room.workshop_id, &me))
        .await
}

async fn add_note(
    State(room): State<Room>,
    Phone(me): Phone,
    Json(note): Json<PhoneNote>,
) -> Response {
    room.clone()
        .write(move || {
            room.library
                .add_phone_note(&room.workshop_id, &me.id, &note)
                .map(as_written)
        })
        .await
}

/// A note (or photo) a phone wrote, as it sees it: it lands in the inbox, in no section.
fn as_written(note: fiilis_core::board::Note) -> PhoneNoteView {
    PhoneNoteView {
        id: note.id,
        text: note.text,
        colour: note.colour,
        section: None,
    }
}

async fn add_photo(
    State(room): State<Room>,
    Phone(me): Phone,
    Json(photo): Json<PhonePhoto>,
) -> Response {
    if !room.take_token(Bucket::Photos(me.id.clone())) {
        return rate_limited("too many photos from this phone: wait a moment");
    }
    room.clone()
        .write(move || {
            room.library
                .add_phone_photo(&room.workshop_id, &me.id, &photo)
                .map(as_written)
        })
        .await
}

#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct VoteRequest {
    round_id: String,
    note_id: String,
    client_id: String,
}

async fn vote(
    State(room): State<Room>,
    Phone(me): Phone,
    Json(vote): Json<VoteRequest>,
) -> Response {
    room.clone()
        .write(move || {
            room.library.cast_vote(
                &room.workshop_id,
                &vote.round_id,
                &me.id,
                &vote.note_id,
                &vote.client_id,
            )
        })
        .await
}

#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RetractRequest {
    round_id: String,
    client_id: String,
}

async fn retract(
    State(room): State<Room>,
    Phone(me): Phone,
    Json(request): Json<RetractRequest>,
) -> Response {
    room.clone()
        .write(move || {
            room.library
                .retract_vote(
                    &room.workshop_id,
                    &request.round_id,
                    &me.id,
                    &request.client_id,
                )
                .map(|_| Value::Null)
        })
        .await
}

#[derive(Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DoneRequest {
    round_id: String,
}

async fn done(
    State(room): State<Room>,
    Phone(me): Phone,
    Json(request): Json<DoneRequest>,
) -> Response {
    room.clone()
        .write(move || {
            room.library
                .mark_done(&room.workshop_id, &request.round_id, &me.id)
                .map(|_| Value::Null)
        })
        .await
}

async fn rate(
    State(room): State<Room>,
    Phone(me): Phone,
    Json(rating): Json<RatingInput>,
) -> Response {
    room.clone()
        .write(move || {
            room.library
                .record_rating(&room.workshop_id, &me.id, &rating)
                .map(|_| Value::Null)
        })
        .await
}

async fn answer(
    State(room): State<Room>,
    Phone(me): Phone,
    Json(answer): Json<AnswerInput>,
) -> Response {
    room.clone()
        .write(move || {
            room.library
                .record_answer(&room.workshop_id, &me.id, &answer)
                .map(|_| Value::Null)
        })
        .await
}

/// The phone's owner leaves the room: from now on their secret is refused, as when the
/// facilitator removes them.
async fn leave(State(room): State<Room>, Phone(me): Phone) -> Response {
    room.clone()
        .write(move || {
            room.library
                .remove_participant(&room.workshop_id, &me.id)
                .map(|_| Value::Null)
        })
        .await
}

/// Tells a phone that something it shows changed: either what every phone is shown alike
/// now (`PhoneShared` as JSON), or only a number, which asks it to fetch its own view (which
/// core filters for it). Ends when the phone leaves or is removed, or the room closes.
async fn events(State(room): State<Room>, Phone(me): Phone) -> Response {
    let (everyone, own) = room.live.listen(&me.id);
    let receivers = (everyone, own, room.closed.clone());
    let stream: std::pin::Pin<
        Box<dyn Stream<Item = Result<Event, std::convert::Infallible>> + Send>,
    > = Box::pin(stream::unfold(
        receivers,
        |(mut everyone, mut own, mut closed)| async move {
            if *closed.borrow() || *own.borrow() == Signal::Gone {
                return None;
            }
            let heard = tokio::select! {
                received = everyone.recv() => match received {
                    Ok(announcement) => announcement,
                    // Fell behind: one fetch catches up on everything.
                    Err(broadcast::error::RecvError::Lagged(_)) => Announcement::Fetch(0),
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                changed = own.changed() => match (changed, *own.borrow()) {
                    (Err(_), _) | (_, Signal::Gone) => return None,
                    (Ok(()), Signal::Fetch(count)) => Announcement::Fetch(count),
                },
                _ = closed.changed() => return None,
            };
            let event = match heard {
                Announcement::Fetch(count) => Event::default().data(count.to_string()),
                Announcement::View(shared) => Event::default().data(&*shared),
            };
            Some((Ok(event), (everyone, own, closed)))
        },
    ));
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}
