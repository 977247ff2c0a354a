//! Participant access as the facilitator switches it: open the LAN listener for a workshop,
//! show where phones join (address, QR code, room code), close it again.
//!
//! One [`ParticipantAccess`] lives in each process that can open a room: the desktop app
//! calls it over IPC, `fiilis serve` over its loopback API and its command line. So all three
//! open and close rooms the same way, and only one room is open at a time per process.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use fiilis_core::api::args::{NoArgs, WorkshopRef};
use fiilis_core::api::typescript::Generator;
use fiilis_core::error::{ErrorCode, WireError};
use fiilis_core::model::Workshop;
use fiilis_core::Library;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::{oneshot, Mutex};
use ts_rs::TS;

use crate::laptops::{Following, Hosting, JoinHub};
use crate::participants::ParticipantServer;

/// The port phones connect to unless the facilitator picks another: a fixed one, so a QR code
/// printed or projected earlier keeps working when access is opened again. Taken → any free.
pub const DEFAULT_PORT: u16 = 8790;

/// One address of this computer that phones on the same network may reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LanAddress {
    /// The network interface's name, e.g. `wlan0`, so the facilitator can tell Wi-Fi from
    /// a cable or a VPN.
    pub interface: String,
    #[ts(type = "string")]
    pub ip: IpAddr,
}

/// The addresses phones might reach this computer at, private (LAN) IPv4 ones first.
pub fn lan_addresses() -> Vec<LanAddress> {
    let mut found: Vec<LanAddress> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|interface| !interface.is_loopback() && interface.ip().is_ipv4())
        .map(|interface| LanAddress {
            ip: interface.ip(),
            interface: interface.name,
        })
        .collect();
    found.sort_by_key(|address| !matches!(address.ip, IpAddr::V4(v4) if v4.is_private()));
    found
}

/// Where participant access stands, as the UIs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccessStatus {
    pub open: bool,
    pub workshop_id: Option<String>,
    pub port: Option<u16>,
    /// Every address phones might use; the UI offers a choice when there are several.
    pub addresses: Vec<LanAddress>,
    /// The address the join URL and QR code use.
    #[ts(type = "string | null")]
    pub address: Option<IpAddr>,
    pub join_url: Option<String>,
    pub room_code: Option<String>,
    /// The join URL as a QR code, an SVG document (shown as an image, never as markup).
    pub qr_svg: Option<String>,
}

/// The arguments of `open_participant_access`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OpenAccess {
    pub workshop_id: String,
    /// The port to listen on; absent: [`DEFAULT_PORT`], or any free one if that is taken.
    #[serde(default)]
    #[ts(optional)]
    pub port: Option<u16>,
    /// Which of this computer's addresses the QR code shows; absent: the first LAN address.
    #[serde(default)]
    #[ts(as = "Option<String>", optional)]
    pub address: Option<IpAddr>,
}

struct Open {
    workshop_id: String,
    port: u16,
    address: IpAddr,
    join_url: String,
    room_code: String,
    qr_svg: String,
    stop: oneshot::Sender<()>,
    stopped: tokio::task::JoinHandle<()>,
}

/// Adds the participant-access operations, typed, to the UI's generated TypeScript.
pub fn add_typescript(generator: &mut Generator) {
    generator.add_typed_operation::<NoArgs, AccessStatus>("participant_access");
    generator.add_typed_operation::<OpenAccess, AccessStatus>("open_participant_access");
    generator.add_typed_operation::<NoArgs, AccessStatus>("close_participant_access");
    generator.add_typed_operation::<WorkshopRef, Hosting>("host_laptops");
    generator.add_typed_operation::<JoinHub, Workshop>("join_hub");
}

/// Reads an operation's arguments (none when the body is empty), refusing unknown fields.
fn args<T: DeserializeOwned>(operation: &str, input: Value) -> Result<T, WireError> {
    let input = if input.is_null() {
        Value::Object(Default::default())
    } else {
        input
    };
    serde_json::from_value(input).map_err(|error| {
        WireError::new(
            ErrorCode::InvalidInput,
            format!("invalid input for {operation}: {error}"),
        )
    })
}

/// The one participant room this process may have open, and the hubs it follows (see
/// `laptops`).
pub struct ParticipantAccess {
    pub(crate) library: Arc<Library>,
    open: Mutex<Option<Open>>,
    pub(crate) following: Following,
}

impl ParticipantAccess {
    pub fn new(library: Arc<Library>) -> Self {
        ParticipantAccess {
            library,
            open: Mutex::new(None),
            following: Following::default(),
        }
    }

    /// Runs one of [`fiilis_core::api::ACCESS_OPERATIONS`] with its JSON input, as IPC and
    /// HTTP receive it.
    pub async fn call(&self, operation: &str, input: Value) -> Result<Value, WireError> {
        let answer = match operation {
            "participant_access" => {
                args::<NoArgs>(operation, input)?;
                to_json(self.status().await)
            }
            "open_participant_access" => to_json(self.open(&args(operation, input)?).await?),
            "close_participant_access" => {
                args::<NoArgs>(operation, input)?;
                to_json(self.close().await)
            }
            "host_laptops" => {
                let request: WorkshopRef = args(operation, input)?;
                to_json(self.host_laptops(&request.workshop_id).await?)
            }
            "join_hub" => {
                let request: JoinHub = args(operation, input)?;
                to_json(self.join_hub(&request.url).await?)
            }
            other => {
                return Err(WireError::new(
                    ErrorCode::UnknownOperation,
                    format!("unknown operation \u{201c}{other}\u{201d}"),
                ))
            }
        };
        Ok(answer)
    }

    /// Where access stands now.
    pub async fn status(&self) -> AccessStatus {
        let open = self.open.lock().await;
        let addresses = lan_addresses();
        match open.as_ref() {
            None => AccessStatus {
                open: false,
                workshop_id: None,
                port: None,
                addresses,
                address: None,
                join_url: None,
                room_code: None,
                qr_svg: None,
            },
            Some(open) => AccessStatus {
                open: true,
                workshop_id: Some(open.workshop_id.clone()),
                port: Some(open.port),
                addresses,
                address: Some(open.address),
                join_url: Some(open.join_url.clone()),
                room_code: Some(open.room_code.clone()),
                qr_svg: Some(open.qr_svg.clone()),
            },
        }
    }

    /// Opens access for a workshop, closing any room open before (for this or another one).
    pub async fn open(&self, request: &OpenAccess) -> Result<AccessStatus, WireError> {
        let mut open = self.open.lock().await;
        if let Some(previous) = open.take() {
            stop(previous).await;
        }
        let addresses = lan_addresses();
        let address = match request.address {
            Some(address) if addresses.iter().any(|a| a.ip == address) => address,
            Some(address) if address.is_loopback() => address,
            Some(address) => {
                return Err(WireError::new(
                    ErrorCode::InvalidInput,
                    format!("{address} is not an address of this computer"),
                ))
            }
            // No network at all: phones cannot join, but this computer's own browser can,
            // which is what a rehearsal without Wi-Fi needs.
            None => addresses
                .first()
                .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |a| a.ip),
        };
        let server = match request.port {
            Some(port) => self.bind(&request.workshop_id, port).await?,
            None => match self.bind(&request.workshop_id, DEFAULT_PORT).await {
                Err(error) if error.code == ErrorCode::PortInUse => {
                    self.bind(&request.workshop_id, 0).await?
                }
                other => other?,
            },
        };
        let join_url = server.join_url(address);
        let qr_svg = qr_code(&join_url)?;
        let (room_code, port) = (server.code().to_owned(), server.port());
        let (stop_sender, stop_receiver) = oneshot::channel();
        let stopped = tokio::spawn(async move {
            // The listener ends with the room; an accept error has nobody to report to.
            let _ = server
                .serve_until(async {
                    let _ = stop_receiver.await;
                })
                .await;
        });
        *open = Some(Open {
            workshop_id: request.workshop_id.clone(),
            port,
            address,
            join_url,
            room_code,
            qr_svg,
            stop: stop_sender,
            stopped,
        });
        drop(open);
        Ok(self.status().await)
    }

    /// Closes the room, if one is open: the listener stops and phones can no longer connect.
    pub async fn close(&self) -> AccessStatus {
        if let Some(open) = self.open.lock().await.take() {
            stop(open).await;
        }
        self.status().await
    }

    async fn bind(&self, workshop_id: &str, port: u16) -> Result<ParticipantServer, WireError> {
        let any = SocketAddr::from((Ipv4Addr::UNSPECIFIED, port));
        ParticipantServer::bind(self.library.clone(), workshop_id, any).await
    }
}

async fn stop(open: Open) {
    let _ = open.stop.send(());
    // Waiting makes the port free again before anyone opens a new room on it.
    let _ = open.stopped.await;
}

fn to_json(answer: impl Serialize) -> Value {
    serde_json::to_value(answer).expect("the answer serialises to JSON")
}

/// An address to join by (a phone's or a laptop's) as a QR code in SVG, with the quiet zone
/// scanners need.
pub(crate) fn qr_code(url: &str) -> Result<String, WireError> {
    let code =
        qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).map_err(|error| {
            WireError::new(
                ErrorCode::InvalidInput,
                format!("the join address cannot be a QR code: {error}"),
            )
        })?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build())
}
