//! Live changes for browsers: `GET /api/events`, a server-sent event stream.
//!
//! Core calls a watcher after every committed change; here each change is serialised once
//! and fanned out over a broadcast channel to every open stream. A browser that falls so far
//! behind that changes were dropped gets a `resync` event and reloads what it shows, so it
//! can never silently miss one.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use fiilis_core::Library;
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast::{self, error::RecvError};

/// How many changes may wait for a slow browser before it is told to resync.
const BACKLOG: usize = 1024;

/// The fan-out of serialised changes to every open event stream.
#[derive(Clone)]
pub(crate) struct Changes {
    sender: broadcast::Sender<Arc<str>>,
}

impl Changes {
    /// Starts forwarding `library`'s changes.
    pub(crate) fn watch(library: &Library) -> Self {
        let (sender, _) = broadcast::channel(BACKLOG);
        let forward = sender.clone();
        library.watch(move |change| {
            let json = serde_json::to_string(change).expect("a change serialises to JSON");
            // No open stream is fine: nobody is watching.
            let _ = forward.send(json.into());
            true
        });
        Changes { sender }
    }
}

pub(crate) async fn stream_events(
    State(changes): State<Changes>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = changes.sender.subscribe();
    let events = stream::unfold(receiver, |mut receiver| async move {
        match receiver.recv().await {
            Ok(json) => Some((Ok(Event::default().data(&*json)), receiver)),
            Err(RecvError::Lagged(_)) => {
                Some((Ok(Event::default().event("resync").data("{}")), receiver))
            }
            Err(RecvError::Closed) => None,
        }
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
