//! Accepting connections so that no client can starve a listener.
//!
//! axum's own `serve` keeps every connection as long as the client likes. Here each listener
//! accepts connections itself: a connection that does not send a whole request head in time
//! (or sits idle between requests that long) is closed; one address may hold only so many
//! connections and the listener only so many in all, so a device opening sockets by the
//! thousand is turned away while phones and the facilitator's own listener go on; and when
//! the process runs out of file descriptors it waits a moment instead of spinning. A hall of
//! phones connecting at once (after the QR code goes up, or the Wi-Fi comes back) finds a
//! listen queue long enough for all of them: a connection the kernel drops from a full queue
//! is tried again by the phone only a second or three later.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::unpoisoned;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::watch;
use tower_service::Service;

/// Connections the kernel may hold for a listener before it accepts them (the system's
/// `somaxconn` may cap it lower).
const LISTEN_QUEUE: u32 = 4096;

/// Binds a listener on `addr` with a listen queue of [`LISTEN_QUEUE`].
pub(crate) fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    // As `TcpListener::bind`: a port just closed can be listened on again at once.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_QUEUE)
}

/// How one listener treats its connections.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Connections one address may hold at once.
    pub per_address: usize,
    /// Connections the listener holds at once.
    pub total: usize,
    /// How long a connection may take to send a request head, or sit idle between requests.
    pub head_timeout: Duration,
}

/// How many connections a listener may hold given the process's limit of open files, keeping
/// `reserve` for the library, logs and the other listener: at most `wanted`.
pub(crate) fn within_open_file_limit(wanted: usize, reserve: usize) -> usize {
    match open_file_limit() {
        Some(limit) => wanted.min(limit.saturating_sub(reserve).max(64)),
        None => wanted,
    }
}

/// The soft limit of open files of this process, where the system tells it.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Open connections, by address.
#[derive(Default)]
struct Counts {
    by_address: HashMap<IpAddr, usize>,
    total: usize,
}

/// One accepted connection's place in the counts, given back when it closes.
struct Admitted {
    counts: Arc<Mutex<Counts>>,
    address: IpAddr,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut counts = unpoisoned(&self.counts);
        counts.total -= 1;
        if let Some(count) = counts.by_address.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                counts.by_address.remove(&self.address);
            }
        }
    }
}

fn admit(counts: &Arc<Mutex<Counts>>, address: IpAddr, limits: Limits) -> Option<Admitted> {
    let mut held = unpoisoned(counts);
    let of_address = held.by_address.get(&address).copied().unwrap_or(0);
    if held.total >= limits.total || of_address >= limits.per_address {
        return None;
    }
    held.total += 1;
    *held.by_address.entry(address).or_default() += 1;
    Some(Admitted {
        counts: counts.clone(),
        address,
    })
}

/// Serves `router` on `listener` within `limits` until `shutdown` completes; then every
/// connection is asked to finish (`closing` must end long-lived responses such as event
/// streams) and waited for, a few seconds at most.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let counts: Arc<Mutex<Counts>> = Arc::default();
    let (stop, stopping) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors (or a connection reset before it was accepted):
                // breathe, so that closing connections can free some, instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(admitted) = admit(&counts, peer.ip(), limits) else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut stopping = stopping.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(peer));
                    router.clone().call(request)
                });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.head_timeout)
                .serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = async { stopping.wait_for(|stop| *stop).await.map(|_| ()) } => {
                    connection.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(5), connection).await;
                }
            }
            drop(admitted);
        });
    }
    let _ = stop.send(true);
    // Connections finish their responses; wait for them, but not for ever.
    for _ in 0..100 {
        if unpoisoned(&counts).total == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// The address of a peer, for tests of this module.
#[cfg(test)]
fn peer(last: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, last])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_and_the_listener_hold_only_so_many_connections() {
        let counts: Arc<Mutex<Counts>> = Arc::default();
        let limits = Limits {
            per_address: 2,
            total: 3,
            head_timeout: Duration::from_secs(1),
        };
        let first = admit(&counts, peer(1), limits).unwrap();
        let _second = admit(&counts, peer(1), limits).unwrap();
        assert!(
            admit(&counts, peer(1), limits).is_none(),
            "the address is full"
        );
        let _other = admit(&counts, peer(2), limits).unwrap();
        assert!(
            admit(&counts, peer(3), limits).is_none(),
            "the listener is full"
        );
        drop(first);
        assert!(
            admit(&counts, peer(1), limits).is_some(),
            "a closed one frees its place"
        );
    }
}
