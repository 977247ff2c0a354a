//! The hybrid logical clock that orders synced writes across laptops.
//!
//! Two laptops' clocks never agree exactly, and a laptop's clock can jump back; yet every
//! laptop must settle "who wrote this column last" the same way. A hybrid logical clock
//! reads wall time but never goes back and never falls behind a time it has seen from a
//! peer, so a write made after seeing another is always later than it. Stamps are strings
//! that sort as they order: milliseconds, a counter for writes within one millisecond, then
//! the laptop's site id to break the last ties.

use std::sync::Mutex;

use super::unpoisoned;

/// A laptop's clock; see the module documentation.
pub(crate) struct Clock {
    site: Mutex<String>,
    last: Mutex<(u64, u32)>,
}

impl Clock {
    pub fn new(site: String) -> Clock {
        Clock {
            site: Mutex::new(site),
            last: Mutex::new((0, 0)),
        }
    }

    pub fn site(&self) -> String {
        unpoisoned(&self.site).clone()
    }

    pub fn set_site(&self, site: String) {
        *unpoisoned(&self.site) = site;
    }

    /// A stamp later than every stamp this clock made or saw.
    pub fn tick(&self) -> String {
        let wall = wall_millis();
        let mut last = unpoisoned(&self.last);
        *last = if wall > last.0 {
            (wall, 0)
        } else {
            (last.0, last.1 + 1)
        };
        stamp(last.0, last.1, &self.site())
    }

    /// Takes note of a stamp made elsewhere, so this clock's next stamp is later.
    pub fn observe(&self, stamp: &str) {
        let Some((millis, counter)) = parse(stamp) else {
            return;
        };
        let mut last = unpoisoned(&self.last);
        if (millis, counter) > *last {
            *last = (millis, counter);
        }
    }
}

fn stamp(millis: u64, counter: u32, site: &str) -> String {
    format!("{millis:015}.{counter:06}.{site}")
}

fn parse(stamp: &str) -> Option<(u64, u32)> {
    let mut parts = stamp.splitn(3, '.');
    let millis = parts.next()?.parse().ok()?;
    let counter = parts.next()?.parse().ok()?;
    Some((millis, counter))
}

fn wall_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_sort_as_they_happen_and_after_what_was_seen() {
        let clock = Clock::new("a".into());
        let first = clock.tick();
        let second = clock.tick();
        assert!(second > first);
        let far = stamp(wall_millis() + 60_000, 7, "b");
        clock.observe(&far);
        let third = clock.tick();
        assert!(third > far, "{third} should follow {far}");
        assert!(third.ends_with(".a"));
    }
}
