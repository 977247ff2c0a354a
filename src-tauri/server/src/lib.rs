//! Fiilis's HTTP side: the facilitator API on loopback and the built UI that calls it.
//!
//! The facilitator API is the same list of operations as the desktop window's IPC (it
//! forwards to `fiilis_core::api::call`), so `fiilis serve` gives any browser on this laptop
//! the full app. It binds 127.0.0.1 only and every API request must carry the random token
//! printed at start; `Host` and `Origin` are checked so a web page elsewhere cannot reach it
//! through DNS rebinding.
//!
//! `GET /api/events` streams every change as it is committed.
//!
//! The participant API is a second listener, on the LAN, for one workshop at a time: see
//! [`ParticipantServer`], opened and closed through [`ParticipantAccess`]. Other laptops
//! syncing a workshop this laptop is the hub of reach it there too (`sync`); a laptop
//! following a hub runs a [`Satellite`], which [`ParticipantAccess`] keeps running (`laptops`).

pub mod access;
mod assets;
mod events;
mod facilitator;
mod laptops;
mod listener;
mod live;
mod participants;
mod phones;
pub mod satellite;
mod sync;
mod wire;

pub use access::{lan_addresses, ParticipantAccess};
pub use facilitator::{facilitator_router, FacilitatorServer};
pub use laptops::{Hosting, JoinHub};
pub use participants::ParticipantServer;
pub use satellite::{Satellite, SyncError};
pub use wire::status_for;

/// The UI's generated TypeScript (`ui/src/lib/backend/generated.ts`): core's operations and
/// types, participant access, and what phones send and receive.
pub fn typescript() -> String {
    let mut generator = fiilis_core::api::typescript::Generator::default();
    fiilis_core::api::typescript::add_core(&mut generator);
    access::add_typescript(&mut generator);
    participants::add_typescript(&mut generator);
    generator.render()
}

/// Locks `mutex` even after a panic elsewhere while it was held: the server's maps and counts
/// stay usable, and a listener must not stop answering because one request panicked.
pub(crate) fn unpoisoned<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The Content-Security-Policy of every UI page, the same the desktop window uses.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
    connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
    form-action 'none'";
