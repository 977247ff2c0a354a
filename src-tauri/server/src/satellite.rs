//! A satellite laptop's side of several laptops on one workshop: it joins a hub once, then
//! keeps the two copies in step for as long as it runs.
//!
//! The loop is plain on purpose: push this laptop's changes the hub has not confirmed, pull
//! the hub's log after the position this laptop has, wait a quarter of a second, again. Every
//! position is kept in the library and moves only after the other side answered, so a
//! satellite killed at any moment, or a hub out of reach for an hour, loses nothing: changes
//! wait on disk and travel on the next round that reaches the hub, and a change that
//! travels twice applies once (core knows each by its origin). While the hub is out of reach
//! the rounds come slower, up to one every two seconds.
//!
//! The client is hyper's, already part of the server, so following a hub adds no HTTP
//! library to the app.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use fiilis_core::error::{ErrorCode, WireError};
use fiilis_core::sync::{Batch, Entry, Role, Snapshot};
use fiilis_core::Library;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE};
use hyper::{Method, Request};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::de::DeserializeOwned;

use crate::sync::{Applied, Push};

/// The wait between rounds while the hub answers: changes reach the other laptops well
/// within a second.
const PAUSE: Duration = Duration::from_millis(250);
/// The longest wait between rounds while the hub does not answer.
const LONGEST_PAUSE: Duration = Duration::from_secs(2);
/// How long one request of a round may take.
const REQUEST_TIME: Duration = Duration::from_secs(60);
/// How long fetching the whole workshop may take: photos and all, over a slow Wi-Fi.
const SNAPSHOT_TIME: Duration = Duration::from_secs(600);
/// The largest answer read from a hub (a snapshot of a workshop with many photos).
const LARGEST_ANSWER: usize = 1024 * 1024 * 1024;
/// The most one push carries (more goes in the next): the hub gives a request 15 s to
/// arrive, which this size does even over a Wi-Fi of 5 Mbit/s, and is well under the hub's
/// limit of 32 MiB.
const PUSH_AT_MOST: usize = 8 * 1024 * 1024;
/// How long an idle connection to the hub is kept: less than the hub keeps it (10 s), so a
/// round never starts on a connection the hub is closing.
const IDLE_CONNECTION: Duration = Duration::from_secs(5);
/// When nothing travels, the time of last contact with the hub (which the Room area shows)
/// is written only this often, not at every round.
const NOTE_CONTACT_EVERY: Duration = Duration::from_secs(10);

/// Why joining or a round failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// The address is not a hub's pairing address.
    Address(String),
    /// The hub could not be reached, or did not answer in time.
    Unreachable(String),
    /// The hub answered with an error.
    Refused(WireError),
    /// This laptop's library failed.
    Local(WireError),
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::Address(why) => write!(f, "not a hub's pairing address: {why}"),
            SyncError::Unreachable(why) => write!(f, "the hub cannot be reached: {why}"),
            SyncError::Refused(error) => write!(f, "the hub refused: {}", error.message),
            SyncError::Local(error) => write!(f, "{}", error.message),
        }
    }
}

impl std::error::Error for SyncError {}

/// Where a hub is and how to pair with it, read from the address it shows:
/// `http://<address>:<port>/sync/<workshop>#<secret or code>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubAddress {
    /// `http://<address>:<port>`.
    base: String,
    workshop_id: String,
    secret: String,
}

impl HubAddress {
    pub fn parse(url: &str) -> Result<Self, SyncError> {
        let wrong = |why: &str| SyncError::Address(why.to_owned());
        let (address, secret) = url
            .trim()
            .split_once('#')
            .ok_or_else(|| wrong("it ends in # and the pairing secret or code"))?;
        let rest = address
            .strip_prefix("http://")
            .ok_or_else(|| wrong("it starts with http://"))?;
        let (authority, path) = rest
            .split_once('/')
            .ok_or_else(|| wrong("it names the workshop after /sync/"))?;
        let workshop_id = path
            .strip_prefix("sync/")
            .map(|id| id.trim_end_matches('/'))
            .filter(|id| {
                !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
            .ok_or_else(|| wrong("it names the workshop after /sync/"))?;
        let base = format!("http://{authority}");
        if authority.is_empty() || base.parse::<hyper::Uri>().is_err() {
            return Err(wrong("it names the hub's address and port"));
        }
        if secret.is_empty() || !secret.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(wrong("it ends in # and the pairing secret or code"));
        }
        Ok(HubAddress {
            base,
            workshop_id: workshop_id.to_owned(),
            secret: secret.to_owned(),
        })
    }
}

/// This laptop following one workshop of a hub.
pub struct Satellite {
    library: Arc<Library>,
    hub: HubAddress,
    client: Client<HttpConnector, Body>,
}

impl Satellite {
    /// Follows the hub at `url` (see [`HubAddress`]): fetches the workshop and joins first,
    /// unless this library already follows it (a restart), when it only carries on.
    pub async fn connect(library: Arc<Library>, url: &str) -> Result<Satellite, SyncError> {
        let hub = HubAddress::parse(url)?;
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(IDLE_CONNECTION)
            .build_http();
        let satellite = Satellite {
            library,
            hub,
            client,
        };
        let workshop_id = satellite.hub.workshop_id.clone();
        let joined = satellite
            .local(move |library| {
                Ok(library
                    .sync_links()?
                    .iter()
                    .any(|link| link.workshop_id == workshop_id && link.role == Role::Satellite))
            })
            .await?;
        if !joined {
            let snapshot: Snapshot = satellite
                .request(Method::GET, "snapshot", None, SNAPSHOT_TIME)
                .await?;
            if snapshot.workshop_id != satellite.hub.workshop_id {
                return Err(SyncError::Refused(WireError::new(
                    ErrorCode::InvalidInput,
                    "the hub sent another workshop than the address names",
                )));
            }
            let (base, secret) = (satellite.hub.base.clone(), satellite.hub.secret.clone());
            satellite
                .local(move |library| library.join_sync(&snapshot, &base, &secret))
                .await?;
        }
        Ok(satellite)
    }

    /// Carries on following `workshop_id`, which this library joined earlier (after a
    /// restart): the hub's address and the secret are the ones kept when it joined.
    pub async fn resume(library: Arc<Library>, workshop_id: &str) -> Result<Satellite, SyncError> {
        let id = workshop_id.to_owned();
        let kept = library.clone();
        let (hub_url, secret) = tokio::task::spawn_blocking(move || {
            let hub_url = kept
                .sync_links()?
                .into_iter()
                .find(|link| link.workshop_id == id && link.role == Role::Satellite)
                .and_then(|link| link.hub_url);
            Ok::<_, fiilis_core::Error>((hub_url, kept.sync_secret(&id)?))
        })
        .await
        .map_err(|_| {
            SyncError::Local(WireError::new(
                ErrorCode::Storage,
                "the library's work failed unexpectedly",
            ))
        })?
        .map_err(|error| SyncError::Local(error.to_wire()))?;
        let (Some(hub_url), Some(secret)) = (hub_url, secret) else {
            return Err(SyncError::Local(WireError::new(
                ErrorCode::NotFound,
                "this laptop does not follow a hub for that workshop",
            )));
        };
        Satellite::connect(library, &format!("{hub_url}/sync/{workshop_id}#{secret}")).await
    }

    /// The workshop this laptop follows.
    pub fn workshop_id(&self) -> &str {
        &self.hub.workshop_id
    }

    /// The hub's address for this workshop, without the secret: safe to print and log.
    pub fn hub_url(&self) -> String {
        format!("{}/sync/{}", self.hub.base, self.hub.workshop_id)
    }

    /// Keeps the workshop in step with the hub until `shutdown` completes (see the module
    /// documentation). Trouble is logged when it starts and when it ends, not at every round.
    pub async fn run_until(self, shutdown: impl Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        let mut pause = PAUSE;
        let mut trouble: Option<SyncError> = None;
        let mut noted = Instant::now();
        loop {
            let round = tokio::select! {
                round = self.round() => round,
                () = &mut shutdown => return,
            };
            match round {
                Ok(moved) => {
                    if trouble.take().is_some() {
                        tracing::info!(workshop = %self.hub.workshop_id, "in contact with the hub again");
                    }
                    pause = PAUSE;
                    if moved {
                        noted = Instant::now();
                    } else if noted.elapsed() >= NOTE_CONTACT_EVERY {
                        noted = Instant::now();
                        let workshop_id = self.hub.workshop_id.clone();
                        let _ = self
                            .local(move |library| library.sync_progress(&workshop_id, None, None))
                            .await;
                    }
                }
                Err(error) => {
                    if trouble.as_ref() != Some(&error) {
                        tracing::warn!(workshop = %self.hub.workshop_id, "syncing with the hub: {error}");
                    }
                    trouble = Some(error);
                    pause = (pause * 2).min(LONGEST_PAUSE);
                }
            }
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = &mut shutdown => return,
            }
        }
    }

    /// One round: push, then pull until the hub has nothing more. Answers whether anything
    /// travelled.
    async fn round(&self) -> Result<bool, SyncError> {
        let mut moved = false;
        loop {
            let workshop_id = self.hub.workshop_id.clone();
            let outgoing = self
                .local(move |library| library.sync_outgoing(&workshop_id))
                .await?;
            if outgoing.entries.is_empty() {
                break;
            }
            // Pushed in parts when large; the loop asks again until nothing is left.
            let entries = within(outgoing.entries, PUSH_AT_MOST);
            let pushed = entries.last().map(|entry| entry.seq);
            let body = serde_json::to_vec(&Push { entries }).expect("entries serialise");
            let _: Applied = self
                .request(Method::POST, "changes", Some(body), REQUEST_TIME)
                .await?;
            let workshop_id = self.hub.workshop_id.clone();
            self.local(move |library| library.sync_progress(&workshop_id, None, pushed))
                .await?;
            moved = true;
        }
        loop {
            let workshop_id = self.hub.workshop_id.clone();
            let after = self
                .local(move |library| library.sync_pulled(&workshop_id))
                .await?;
            let batch: Batch = self
                .request(
                    Method::GET,
                    &format!("changes?after={after}&site={}", self.library.sync_site()),
                    None,
                    REQUEST_TIME,
                )
                .await?;
            if batch.entries.is_empty() {
                return Ok(moved);
            }
            let workshop_id = self.hub.workshop_id.clone();
            self.local(move |library| {
                library.receive_sync_changes(&workshop_id, &batch.entries)?;
                library.sync_progress(&workshop_id, Some(batch.last), None)
            })
            .await?;
            moved = true;
        }
    }

    /// Runs `work` on this laptop's library, off the async threads.
    async fn local<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Library) -> fiilis_core::Result<T> + Send + 'static,
    ) -> Result<T, SyncError> {
        let library = self.library.clone();
        match tokio::task::spawn_blocking(move || work(&library)).await {
            Ok(result) => result.map_err(|error| SyncError::Local(error.to_wire())),
            Err(_) => Err(SyncError::Local(WireError::new(
                ErrorCode::Storage,
                "the library's work failed unexpectedly",
            ))),
        }
    }

    /// Asks the hub `/sync/<workshop>/<path>` and reads its JSON answer.
    async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        json: Option<Vec<u8>>,
        time: Duration,
    ) -> Result<T, SyncError> {
        let uri = format!("{}/{path}", self.hub_url());
        let builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(AUTHORIZATION, format!("Bearer {}", self.hub.secret));
        let request = match json {
            Some(bytes) => builder
                .header(CONTENT_TYPE, "application/json")
                .body(Body::from(bytes)),
            None => builder.body(Body::empty()),
        }
        .map_err(|error| SyncError::Address(error.to_string()))?;
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|error| SyncError::Unreachable(causes(&error)))?;
            let status = response.status();
            let bytes = axum::body::to_bytes(Body::new(response.into_body()), LARGEST_ANSWER)
                .await
                .map_err(|error| SyncError::Unreachable(causes(&error)))?;
            Ok::<_, SyncError>((status, bytes))
        };
        let (status, bytes) = tokio::time::timeout(time, exchange)
            .await
            .map_err(|_| SyncError::Unreachable("it did not answer in time".into()))??;
        if !status.is_success() {
            return Err(SyncError::Refused(
                serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                    WireError::new(ErrorCode::Storage, format!("it answered {status}"))
                }),
            ));
        }
        serde_json::from_slice(&bytes).map_err(|error| {
            SyncError::Refused(WireError::new(
                ErrorCode::InvalidInput,
                format!("its answer was not understood: {error}"),
            ))
        })
    }
}

/// The first of `entries` that fit in a push of `bytes` (at least one): each travels as
/// base64, a third larger than its bytes.
fn within(mut entries: Vec<Entry>, bytes: usize) -> Vec<Entry> {
    let mut size = 0;
    let fit = entries
        .iter()
        .position(|entry| {
            size += entry.changeset.len() * 4 / 3 + entry.hlc.len() + 256;
            size > bytes
        })
        .unwrap_or(entries.len())
        .max(1);
    entries.truncate(fit);
    entries
}

/// An error with its causes, which for a connection is where the reason is ("connection
/// refused").
fn causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pairing_address_names_the_hub_the_workshop_and_the_secret() {
        let hub = HubAddress::parse("http://192.168.1.10:8790/sync/w-1#abc123").unwrap();
        assert_eq!(hub.base, "http://192.168.1.10:8790");
        assert_eq!(hub.workshop_id, "w-1");
        assert_eq!(hub.secret, "abc123");
        for wrong in [
            "http://192.168.1.10:8790/sync/w-1",
            "https://192.168.1.10:8790/sync/w-1#abc",
            "http://192.168.1.10:8790/p/w-1#abc",
            "http://192.168.1.10:8790/sync/#abc",
            "http://192.168.1.10:8790/sync/w-1#",
            "http://192.168.1.10:8790/sync/w-1#a b",
            "http:///sync/w-1#abc",
        ] {
            assert!(
                matches!(HubAddress::parse(wrong), Err(SyncError::Address(_))),
                "{wrong}"
            );
        }
    }

    #[test]
    fn a_push_stays_under_its_size_but_carries_at_least_one_change() {
        let entry = |seq, bytes| Entry {
            seq,
            workshop_id: "w".into(),
            origin: "o".into(),
            origin_seq: seq,
            hlc: "h".into(),
            changeset: vec![0; bytes],
        };
        let small: Vec<Entry> = (1..=3).map(|seq| entry(seq, 10)).collect();
        assert_eq!(within(small, PUSH_AT_MOST).len(), 3);
        let large: Vec<Entry> = (1..=3).map(|seq| entry(seq, PUSH_AT_MOST / 2)).collect();
        assert_eq!(within(large, PUSH_AT_MOST).len(), 1);
        let huge = vec![entry(1, PUSH_AT_MOST * 2)];
        assert_eq!(within(huge, PUSH_AT_MOST).len(), 1);
    }
}
