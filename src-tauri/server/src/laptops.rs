//! Several laptops as the facilitator switches them: make this laptop a workshop's hub and
//! show the address other laptops pair with, join another laptop's hub, and keep following
//! every hub this library joined for as long as the process runs.
//!
//! It belongs to [`ParticipantAccess`] because the hub's side is the LAN listener phones use
//! (the sync routes are on it): making a laptop the hub opens that listener when it is
//! closed, and the pairing address uses the same LAN address the phones are shown. The
//! desktop app, `fiilis serve`'s API and its command line all reach it there, so they host,
//! join and resume alike.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use fiilis_core::error::{ErrorCode, WireError};
use fiilis_core::model::Workshop;
use fiilis_core::sync::Role;
use fiilis_core::Library;
use serde::{Deserialize, Serialize};
use tokio::sync::{oneshot, Mutex};
use ts_rs::TS;

use crate::access::{qr_code, OpenAccess, ParticipantAccess};
use crate::satellite::{Satellite, SyncError};

/// What a hub shows other laptops: the pairing address (QR code) and the short code to type
/// instead of the secret at its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Hosting {
    pub workshop_id: String,
    /// The hub's address, `/sync/`, the workshop and `#` with the secret: what a satellite
    /// joins with.
    pub url: String,
    pub code: String,
    /// The pairing address as a QR code, an SVG document (shown as an image, never as markup).
    pub qr_svg: String,
}

/// The arguments of `join_hub`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct JoinHub {
    /// The hub's pairing address, with its secret or short code after `#`.
    pub url: String,
}

/// A satellite loop that runs, and how to end it.
struct Loop {
    stop: oneshot::Sender<()>,
    done: tokio::task::JoinHandle<()>,
}

/// The satellite loops of this process, one per workshop it follows.
#[derive(Default)]
pub(crate) struct Following {
    loops: Mutex<HashMap<String, Loop>>,
}

impl Following {
    /// Runs `satellite`'s loop, unless one runs for its workshop already (joining twice, or
    /// joining what the start resumed, changes nothing).
    async fn follow(&self, satellite: Satellite) {
        let mut loops = self.loops.lock().await;
        let workshop_id = satellite.workshop_id().to_owned();
        if loops
            .get(&workshop_id)
            .is_some_and(|running| !running.done.is_finished())
        {
            return;
        }
        tracing::info!(workshop = %workshop_id, hub = %satellite.hub_url(), "following a hub");
        let (stop, stopped) = oneshot::channel();
        let done = tokio::spawn(satellite.run_until(async {
            let _ = stopped.await;
        }));
        loops.insert(workshop_id, Loop { stop, done });
    }

    /// Ends every loop and waits for each, so no round is cut off mid-write.
    async fn stop_all(&self) {
        let loops: Vec<Loop> = self.loops.lock().await.drain().map(|(_, l)| l).collect();
        for running in loops {
            let _ = running.stop.send(());
            let _ = running.done.await;
        }
    }
}

impl ParticipantAccess {
    /// Makes this laptop the hub of `workshop_id` (or shows its existing pairing), opening
    /// the LAN listener for the workshop if it is closed.
    pub async fn host_laptops(&self, workshop_id: &str) -> Result<Hosting, WireError> {
        let id = workshop_id.to_owned();
        let pairing = on_library(&self.library, move |library| library.host_sync(&id)).await?;
        let status = self.status().await;
        let status = if status.open {
            status
        } else {
            self.open(&OpenAccess {
                workshop_id: workshop_id.to_owned(),
                port: None,
                address: None,
            })
            .await?
        };
        let (Some(address), Some(port)) = (status.address, status.port) else {
            return Err(WireError::new(
                ErrorCode::Storage,
                "the LAN listener did not open",
            ));
        };
        let url = format!(
            "http://{}/sync/{}#{}",
            SocketAddr::new(address, port),
            pairing.workshop_id,
            pairing.secret
        );
        Ok(Hosting {
            workshop_id: pairing.workshop_id,
            qr_svg: qr_code(&url)?,
            url,
            code: pairing.code,
        })
    }

    /// Joins the hub at `url` (fetching its workshop) and follows it from now on.
    pub async fn join_hub(&self, url: &str) -> Result<Workshop, WireError> {
        let satellite = Satellite::connect(self.library.clone(), url)
            .await
            .map_err(join_error)?;
        let workshop_id = satellite.workshop_id().to_owned();
        self.following.follow(satellite).await;
        on_library(&self.library, move |library| {
            library.get_workshop(&workshop_id)
        })
        .await
    }

    /// Follows a hub already joined (`fiilis serve --join`).
    pub async fn follow(&self, satellite: Satellite) {
        self.following.follow(satellite).await;
    }

    /// Carries on following every hub this library joined: at the start of the app and of
    /// `fiilis serve`. A workshop that cannot be resumed is logged and left; the others go on.
    pub async fn follow_joined_hubs(&self) {
        let links = match on_library(&self.library, |library| library.sync_links()).await {
            Ok(links) => links,
            Err(error) => {
                tracing::warn!(
                    "cannot list the hubs this laptop follows: {}",
                    error.message
                );
                return;
            }
        };
        for link in links
            .into_iter()
            .filter(|link| link.role == Role::Satellite)
        {
            match Satellite::resume(self.library.clone(), &link.workshop_id).await {
                Ok(satellite) => self.following.follow(satellite).await,
                Err(error) => {
                    tracing::warn!(workshop = %link.workshop_id, "cannot follow its hub again: {error}")
                }
            }
        }
    }

    /// Stops following every hub (the app or `fiilis serve` ends); what was not sent yet
    /// waits on disk for the next start.
    pub async fn stop_following(&self) {
        self.following.stop_all().await;
    }
}

/// Joining's failures as the UIs show them: the hub out of reach and a refused pairing code
/// get codes of their own, so the UI can say what to check.
fn join_error(error: SyncError) -> WireError {
    let message = error.to_string();
    match error {
        SyncError::Address(_) => WireError::new(ErrorCode::InvalidInput, message),
        SyncError::Unreachable(_) => WireError::new(ErrorCode::HubUnreachable, message),
        SyncError::Refused(refused) => match refused.code {
            // The hub's "unauthorized" is about the pairing code, not this API's token, and
            // its "not found" about its own workshops, not this library's.
            ErrorCode::Unauthorized | ErrorCode::NotFound => {
                WireError::new(ErrorCode::PairingRefused, message)
            }
            ErrorCode::RateLimited => WireError::new(ErrorCode::RateLimited, message),
            _ => WireError::new(refused.code, message),
        },
        SyncError::Local(local) => local,
    }
}

/// Runs `work` on the library off the async threads.
async fn on_library<T: Send + 'static>(
    library: &Arc<Library>,
    work: impl FnOnce(&Library) -> fiilis_core::Result<T> + Send + 'static,
) -> Result<T, WireError> {
    let library = library.clone();
    match tokio::task::spawn_blocking(move || work(&library)).await {
        Ok(result) => result.map_err(|error| error.to_wire()),
        Err(_) => Err(WireError::new(
            ErrorCode::Storage,
            "the library's work failed unexpectedly",
        )),
    }
}
