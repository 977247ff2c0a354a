//! Telling phones that something they show has changed, without telling a thousand phones
//! about every vote, and without a thousand phones asking at once.
//!
//! Changes are gathered for a moment, then the view every phone shares (core's `SharedView`,
//! computed once per revision) is compared with the one last announced. When it differs,
//! every phone is sent it (core's `PhoneShared`, serialised once): a phone puts it in place
//! and asks for nothing, unless its round or question is another one now. The phones whose
//! own notes changed are told to fetch their view; so is every phone after a change that may
//! touch anyone's own part (a note removed, a library reloaded). A phone's own actions are
//! answered directly and need no announcement. A phone that leaves or is removed has its
//! event stream ended.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use crate::unpoisoned;
use fiilis_core::phones::SharedView;
use fiilis_core::{Change, Library, Table};
use tokio::sync::{broadcast, mpsc, watch};

/// How long changes are gathered before phones are told: a burst of votes makes one round of
/// fetches at most, a few times a second.
const GATHER: Duration = Duration::from_millis(150);

/// What every phone's event stream hears.
#[derive(Debug, Clone)]
pub(crate) enum Announcement {
    /// Fetch the view again (the number only makes each announcement new).
    Fetch(u64),
    /// What every phone is shown alike now, as JSON.
    View(Arc<str>),
}

/// What one phone's event stream hears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    /// Fetch the view again (the number only makes each signal new).
    Fetch(u64),
    /// This phone is no longer in the room: end the stream.
    Gone,
}

/// What the library's watcher passes on about one committed change.
struct Noted {
    reload: bool,
    authors: Vec<String>,
}

/// The room's announcements: one channel to every phone, one to each phone alone.
pub(crate) struct Live {
    everyone: broadcast::Sender<Announcement>,
    phones: Mutex<HashMap<String, watch::Sender<Signal>>>,
    noted: mpsc::UnboundedSender<Noted>,
}

impl Live {
    /// Starts announcing the changes of `workshop_id` (fed through [`Live::note`]) until the
    /// room closes.
    pub(crate) fn start(
        library: Weak<Library>,
        workshop_id: Arc<str>,
        closed: watch::Receiver<bool>,
    ) -> Arc<Live> {
        let (everyone, _) = broadcast::channel(16);
        let (noted, gathered) = mpsc::unbounded_channel();
        let live = Arc::new(Live {
            everyone,
            phones: Mutex::default(),
            noted,
        });
        tokio::spawn(announce(
            Arc::downgrade(&live),
            gathered,
            library,
            workshop_id,
            closed,
        ));
        live
    }

    /// Passes on a committed change of the room's workshop (from the library's watcher).
    pub(crate) fn note(&self, change: &Change) {
        let authors = change.upserted[Table::Notes.name()]
            .iter()
            .filter_map(|note| note["author_id"].as_str().map(str::to_owned))
            .collect();
        let deleted_notes = !change.deleted(Table::Notes).is_empty();
        let _ = self.noted.send(Noted {
            // A removed note may have been someone's own: let every phone look again.
            reload: change.reload || deleted_notes,
            authors,
        });
    }

    /// Ends the event streams of phones that are no longer in the room.
    pub(crate) fn gone(&self, participants: &[String]) {
        let mut phones = unpoisoned(&self.phones);
        for id in participants {
            if let Some(phone) = phones.remove(id) {
                let _ = phone.send(Signal::Gone);
            }
        }
    }

    /// What the event stream of `participant_id` listens to.
    pub(crate) fn listen(
        &self,
        participant_id: &str,
    ) -> (broadcast::Receiver<Announcement>, watch::Receiver<Signal>) {
        let own = unpoisoned(&self.phones)
            .entry(participant_id.to_owned())
            .or_insert_with(|| watch::channel(Signal::Fetch(0)).0)
            .subscribe();
        (self.everyone.subscribe(), own)
    }

    fn tell(&self, participants: &HashSet<String>, count: u64) {
        let phones = unpoisoned(&self.phones);
        for id in participants {
            if let Some(phone) = phones.get(id) {
                let _ = phone.send(Signal::Fetch(count));
            }
        }
    }
}

/// Gathers changes, then tells every phone or only some (see the module documentation).
async fn announce(
    live: Weak<Live>,
    mut gathered: mpsc::UnboundedReceiver<Noted>,
    library: Weak<Library>,
    workshop_id: Arc<str>,
    mut closed: watch::Receiver<bool>,
) {
    let view_now = || {
        reading(&library, &workshop_id, |library, workshop| {
            library.phone_view(workshop).ok()
        })
    };
    let shared_now = || {
        reading(&library, &workshop_id, |library, workshop| {
            let shared = library.phone_shared(workshop).ok()?;
            Some(Arc::<str>::from(serde_json::to_string(&shared).ok()?))
        })
    };
    let mut last: Option<Arc<SharedView>> = view_now().await;
    let mut count = 0u64;
    loop {
        let first = tokio::select! {
            noted = gathered.recv() => match noted {
                Some(noted) => noted,
                None => return,
            },
            _ = async { closed.wait_for(|closed| *closed).await.map(|_| ()) } => return,
        };
        tokio::time::sleep(GATHER).await;
        let (mut everyone, mut authors) = (first.reload, HashSet::new());
        authors.extend(first.authors);
        while let Ok(more) = gathered.try_recv() {
            everyone |= more.reload;
            authors.extend(more.authors);
        }
        let view = view_now().await;
        let Some(live) = live.upgrade() else { return };
        count += 1;
        let changed = match (&view, &last) {
            (Some(view), Some(last)) => view.differs_from(last),
            _ => true,
        };
        let shared = match (everyone, changed) {
            (false, true) => shared_now().await,
            _ => None,
        };
        match shared {
            Some(shared) => {
                let _ = live.everyone.send(Announcement::View(shared));
                live.tell(&authors, count);
            }
            None if everyone || changed => {
                let _ = live.everyone.send(Announcement::Fetch(count));
            }
            None => live.tell(&authors, count),
        }
        if view.is_some() {
            last = view;
        }
    }
}

/// Runs `read` on the library, while it is open, off the async threads.
async fn reading<T: Send + 'static>(
    library: &Weak<Library>,
    workshop_id: &Arc<str>,
    read: impl FnOnce(&Library, &str) -> Option<T> + Send + 'static,
) -> Option<T> {
    let (library, workshop) = (library.upgrade()?, workshop_id.clone());
    tokio::task::spawn_blocking(move || read(&library, &workshop))
        .await
        .ok()
        .flatten()
}
