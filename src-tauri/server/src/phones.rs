//! Who each phone is, from memory: the secrets of a room's phones and their participants,
//! kept in step with joins, leaves and removals as they are committed, so that authenticating
//! a request costs a hash lookup instead of a database read.
//!
//! The map's hasher is keyed at random per process, so how long a lookup takes says nothing
//! useful about the secrets it holds.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use fiilis_core::participants::Participant;
use fiilis_core::{Change, Library, Table};

/// The phones of one room, by secret. Shared, not copied, with each request.
#[derive(Default)]
pub(crate) struct Directory {
    by_secret: RwLock<HashMap<String, Arc<Participant>>>,
}

impl Directory {
    /// Reads every phone of the workshop from the library.
    pub(crate) fn load(library: &Library, workshop_id: &str) -> fiilis_core::Result<Self> {
        let directory = Directory::default();
        directory.reload(library, workshop_id)?;
        Ok(directory)
    }

    fn reload(&self, library: &Library, workshop_id: &str) -> fiilis_core::Result<()> {
        let phones: HashMap<String, Arc<Participant>> = library
            .phone_secrets(workshop_id)?
            .into_iter()
            .map(|(secret, phone)| (secret, Arc::new(phone)))
            .collect();
        *self.by_secret.write().unwrap_or_else(|p| p.into_inner()) = phones;
        Ok(())
    }

    /// The participant holding `secret`, if it is one of this room's phones.
    pub(crate) fn find(&self, secret: &str) -> Option<Arc<Participant>> {
        self.by_secret
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(secret)
            .cloned()
    }

    /// A phone that has just joined.
    pub(crate) fn add(&self, secret: String, participant: Participant) {
        self.by_secret
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(secret, Arc::new(participant));
    }

    /// Follows a committed change of the room's workshop: renamed participants keep their
    /// secret, removed ones lose it. Answers the ids of the phones that are gone.
    pub(crate) fn follow(&self, library: &Library, change: &Change) -> Vec<String> {
        if change.reload {
            // Another process (or a restored backup) changed the library: read it again.
            let before: Vec<String> = self.ids();
            if self.reload(library, &change.workshop_id).is_err() {
                return Vec::new();
            }
            let after = self.ids();
            return before
                .into_iter()
                .filter(|id| !after.contains(id))
                .collect();
        }
        let updated: Vec<Participant> = change.upserted(Table::Participants);
        let deleted = change.deleted(Table::Participants);
        if updated.is_empty() && deleted.is_empty() {
            return Vec::new();
        }
        let mut gone = Vec::new();
        let mut phones = self.by_secret.write().unwrap_or_else(|p| p.into_inner());
        phones.retain(|_, phone| {
            let removed = deleted.contains(&phone.id)
                || updated
                    .iter()
                    .any(|p| p.id == phone.id && p.removed_at.is_some());
            if removed {
                gone.push(phone.id.clone());
            } else if let Some(now) = updated.iter().find(|p| p.id == phone.id) {
                *phone = Arc::new(now.clone());
            }
            !removed
        });
        gone
    }

    fn ids(&self) -> Vec<String> {
        self.by_secret
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .map(|phone| phone.id.clone())
            .collect()
    }
}
