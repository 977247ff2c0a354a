//! Several laptops on one workshop, as libraries exchanging session changesets in process:
//! a hub and satellites converge whatever they edit and in whatever order changes travel.

mod support;

use fiilis_core::board::{Note, NoteEdit};
use fiilis_core::sync::Role;
use fiilis_core::{Library, Table};
use fiilis_testkit::library_with_hotel;
use proptest::prelude::*;
use serde_json::Value;
use support::{library, note};

/// One laptop: its folder (kept alive) and library.
struct Laptop {
    _dir: tempfile::TempDir,
    library: Library,
}

/// A hub holding a hotel workshop with three notes, and `satellites` laptops joined to it.
fn room(satellites: usize) -> (Laptop, Vec<Laptop>, String) {
    let (dir, hub, workshop) = library_with_hotel("Breakouts");
    hub.create_notes(&workshop, &[note("one"), note("two"), note("three")])
        .unwrap();
    let pairing = hub.host_sync(&workshop).unwrap();
    let joined = (0..satellites)
        .map(|_| {
            let (dir, library) = library();
            let snapshot = hub.sync_snapshot(&workshop).unwrap();
            library
                .join_sync(&snapshot, "http://hub.invalid", &pairing.secret)
                .unwrap();
            Laptop { _dir: dir, library }
        })
        .collect();
    (
        Laptop {
            _dir: dir,
            library: hub,
        },
        joined,
        workshop,
    )
}

/// One round of a satellite's sync with its hub: push its own changes, pull the hub's.
fn sync(hub: &Library, satellite: &Library, workshop: &str) {
    let out = satellite.sync_outgoing(workshop).unwrap();
    hub.receive_sync_changes(workshop, &out.entries).unwrap();
    satellite
        .sync_progress(workshop, None, Some(out.last))
        .unwrap();
    loop {
        let pulled = satellite.sync_pulled(workshop).unwrap();
        let batch = hub.sync_changes_after(workshop, pulled).unwrap();
        if batch.entries.is_empty() {
            break;
        }
        satellite
            .receive_sync_changes(workshop, &batch.entries)
            .unwrap();
        satellite
            .sync_progress(workshop, Some(batch.last), None)
            .unwrap();
    }
}

/// Syncs every satellite twice over, so each has what every other sent.
fn settle(hub: &Laptop, satellites: &[Laptop], workshop: &str) {
    for _ in 0..2 {
        for satellite in satellites {
            sync(&hub.library, &satellite.library, workshop);
        }
    }
}

/// The workshop as its file holds it, less the export's own stamp.
fn content(library: &Library, workshop: &str) -> Value {
    let mut value = serde_json::to_value(library.export_workshop(workshop).unwrap()).unwrap();
    value.as_object_mut().unwrap().remove("exported_at");
    value
}

/// Two laptops hold the same workshop.
fn assert_same(one: &Library, other: &Library, workshop: &str) {
    assert_eq!(content(one, workshop), content(other, workshop));
}

fn notes(library: &Library, workshop: &str) -> Vec<Note> {
    let mut notes = library.get_board(workshop).unwrap().notes;
    notes.sort_by(|a, b| a.text.cmp(&b.text));
    notes
}

/// Groups `note` into a new section on the hub and syncs it everywhere; the section's id.
fn section_everywhere(hub: &Laptop, satellites: &[Laptop], workshop: &str, note: &str) -> String {
    let change = hub
        .library
        .group_notes(workshop, "Mornings", &[note.to_owned()])
        .unwrap();
    let section = change.upserted::<Value>(Table::Clusters)[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    settle(hub, satellites, workshop);
    section
}

fn edit(id: &str, change: Value) -> NoteEdit {
    let mut edit = change;
    edit["id"] = Value::String(id.into());
    serde_json::from_value(edit).unwrap()
}

/// Moves `note` into `section` on one laptop.
fn move_into(library: &Library, workshop: &str, note: &str, section: &str) {
    library
        .update_notes(
            workshop,
            &[edit(note, serde_json::json!({ "cluster_id": section }))],
        )
        .unwrap();
}

/// Syncs the room until it is still, requires the same workshop on every laptop, and answers
/// `note` as each laptop has it.
fn settled_note(hub: &Laptop, satellites: &[Laptop], workshop: &str, note: &str) -> Vec<Note> {
    settle(hub, satellites, workshop);
    for satellite in satellites {
        assert_same(&satellite.library, &hub.library, workshop);
    }
    std::iter::once(hub)
        .chain(satellites)
        .map(|laptop| {
            notes(&laptop.library, workshop)
                .into_iter()
                .find(|n| n.id == note)
                .expect("the note stays")
        })
        .collect()
}

#[test]
fn a_joined_satellite_has_the_hubs_workshop_with_the_same_ids() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    assert_same(satellite, &hub.library, &workshop);
    let links = satellite.sync_links().unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].role, Role::Satellite);
    assert_eq!(hub.library.sync_links().unwrap()[0].role, Role::Hub);
}

#[test]
fn edits_on_every_laptop_reach_every_other() {
    let (hub, satellites, workshop) = room(2);
    let [a, b] = [&satellites[0].library, &satellites[1].library];
    hub.library
        .create_notes(&workshop, &[note("from the hub")])
        .unwrap();
    a.create_notes(&workshop, &[note("from breakout A")])
        .unwrap();
    let first = notes(b, &workshop)[0].id.clone();
    b.update_notes(
        &workshop,
        &[edit(&first, serde_json::json!({"colour": "pink"}))],
    )
    .unwrap();
    settle(&hub, &satellites, &workshop);
    let expected = content(&hub.library, &workshop);
    for laptop in [a, b] {
        assert_eq!(content(laptop, &workshop), expected);
    }
    let texts: Vec<String> = notes(a, &workshop).into_iter().map(|n| n.text).collect();
    assert!(texts.contains(&"from the hub".to_string()), "{texts:?}");
    assert!(texts.contains(&"from breakout A".to_string()), "{texts:?}");
    assert!(notes(&hub.library, &workshop)
        .iter()
        .any(|n| n.colour == "pink"));
}

#[test]
fn the_later_write_to_a_column_wins_everywhere_and_the_other_is_kept_as_a_conflict() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    let id = notes(&hub.library, &workshop)[0].id.clone();
    satellite
        .update_notes(
            &workshop,
            &[edit(&id, serde_json::json!({"text": "earlier"}))],
        )
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    hub.library
        .update_notes(
            &workshop,
            &[edit(
                &id,
                serde_json::json!({"text": "later", "colour": "blue"}),
            )],
        )
        .unwrap();
    // The satellite also moved the note: a column nobody else wrote.
    satellite
        .update_notes(&workshop, &[edit(&id, serde_json::json!({"x": 400.0}))])
        .unwrap();
    settle(&hub, &satellites, &workshop);
    assert_same(satellite, &hub.library, &workshop);
    let kept = hub
        .library
        .get_board(&workshop)
        .unwrap()
        .notes
        .into_iter()
        .find(|n| n.id == id)
        .unwrap();
    assert_eq!(
        (kept.text.as_str(), kept.colour.as_str(), kept.x),
        ("later", "blue", 400.0)
    );
    let conflicts = satellite.sync_conflicts(&workshop).unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].lost["text"], "earlier");
    assert_eq!(conflicts[0].kept["text"], "later");
    // Brought back, it is a new change that wins everywhere.
    satellite
        .restore_conflict(&workshop, conflicts[0].id)
        .unwrap();
    settle(&hub, &satellites, &workshop);
    let texts: Vec<String> = notes(&hub.library, &workshop)
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert!(texts.contains(&"earlier".to_string()), "{texts:?}");
    assert_same(satellite, &hub.library, &workshop);
}

#[test]
fn a_delete_beats_an_edit_it_did_not_see_and_the_edit_can_be_brought_back() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    let id = notes(&hub.library, &workshop)[0].id.clone();
    satellite
        .update_notes(
            &workshop,
            &[edit(
                &id,
                serde_json::json!({"text": "kept on the satellite"}),
            )],
        )
        .unwrap();
    hub.library
        .delete_notes(&workshop, std::slice::from_ref(&id))
        .unwrap();
    settle(&hub, &satellites, &workshop);
    assert_same(satellite, &hub.library, &workshop);
    assert!(!notes(satellite, &workshop).iter().any(|n| n.id == id));
    let conflicts = satellite.sync_conflicts(&workshop).unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].lost["text"], "kept on the satellite");
    satellite
        .restore_conflict(&workshop, conflicts[0].id)
        .unwrap();
    settle(&hub, &satellites, &workshop);
    assert!(notes(&hub.library, &workshop)
        .iter()
        .any(|n| n.text == "kept on the satellite"));
    assert_same(satellite, &hub.library, &workshop);
}

#[test]
fn a_note_moved_into_a_section_deleted_elsewhere_ends_loose_on_every_laptop() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    let board = notes(&hub.library, &workshop);
    let section = section_everywhere(&hub, &satellites, &workshop, &board[0].id);
    satellite.ungroup(&workshop, &section).unwrap();
    move_into(&hub.library, &workshop, &board[1].id, &section);
    for moved in settled_note(&hub, &satellites, &workshop, &board[1].id) {
        assert_eq!(moved.cluster_id, None);
    }
}

#[test]
fn a_section_gone_with_its_last_note_elsewhere_leaves_a_note_moved_into_it_loose() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    let board = notes(&hub.library, &workshop);
    let section = section_everywhere(&hub, &satellites, &workshop, &board[0].id);
    // The hub deletes the section's only note, which removes the section: that change writes
    // no row, it only deletes.
    hub.library
        .delete_notes(&workshop, &[board[0].id.clone()])
        .unwrap();
    // Meanwhile the satellite moves another note into it.
    move_into(satellite, &workshop, &board[1].id, &section);
    for moved in settled_note(&hub, &satellites, &workshop, &board[1].id) {
        assert_eq!(moved.cluster_id, None);
    }
}

#[test]
fn changes_carried_on_a_file_apply_once_even_when_applied_twice() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    satellite
        .create_notes(&workshop, &[note("written offline")])
        .unwrap();
    let file = satellite.export_sync_changes(&workshop).unwrap();
    assert_eq!(hub.library.import_sync_changes(&file).unwrap().applied, 1);
    assert_eq!(hub.library.import_sync_changes(&file).unwrap().applied, 0);
    let written: Vec<Note> = notes(&hub.library, &workshop)
        .into_iter()
        .filter(|n| n.text == "written offline")
        .collect();
    assert_eq!(written.len(), 1);
    assert!(hub.library.import_sync_changes(b"{}").is_err());
}

#[test]
fn a_change_for_another_workshop_is_refused_whole() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    let other = fiilis_testkit::hotel_workshop(&hub.library, "Not shared");
    hub.library
        .create_notes(&other, &[note("private")])
        .unwrap();
    satellite.create_notes(&workshop, &[note("mine")]).unwrap();
    let mut entries = satellite.sync_outgoing(&workshop).unwrap().entries;
    entries[0].workshop_id = other.clone();
    assert!(hub
        .library
        .receive_sync_changes(&workshop, &entries)
        .is_err());
    assert!(hub.library.receive_sync_changes(&other, &entries).is_err());
    assert!(!notes(&hub.library, &workshop)
        .iter()
        .any(|n| n.text == "mine"));
}

/// One edit a laptop may make in the property test.
#[derive(Debug, Clone)]
enum Step {
    Write(usize, String),
    Colour(usize, &'static str),
    Move(usize, f64),
    Delete(usize),
    Add(String),
    /// Two notes into a new section.
    Group(usize, usize),
    /// A note into one of the sections there are, or out of its own (none).
    Join(usize, Option<usize>),
    /// A section let go, its notes loose.
    Ungroup(usize),
    Sync(usize),
    Undo,
}

/// The edits of the property tests: notes written, coloured, moved, deleted, added, and
/// undone; with `sections`, also grouped and ungrouped, but not undone (see below).
fn step(sections: bool) -> BoxedStrategy<Step> {
    let notes = prop_oneof![
        (0..6usize, "[a-z]{1,6}").prop_map(|(n, t)| Step::Write(n, t)),
        (
            0..6usize,
            prop::sample::select(vec!["pink", "blue", "green"])
        )
            .prop_map(|(n, c)| Step::Colour(n, c)),
        (0..6usize, 0..50i32).prop_map(|(n, x)| Step::Move(n, f64::from(x) * 10.0)),
        (0..6usize).prop_map(Step::Delete),
        "[a-z]{1,6}".prop_map(Step::Add),
        (0..2usize).prop_map(Step::Sync),
    ];
    if sections {
        prop_oneof![
            4 => notes,
            1 => (0..6usize, 0..6usize).prop_map(|(n, m)| Step::Group(n, m)),
            1 => (0..6usize, prop::option::of(0..4usize)).prop_map(|(n, s)| Step::Join(n, s)),
            1 => (0..4usize).prop_map(Step::Ungroup),
        ]
        .boxed()
    } else {
        prop_oneof![6 => notes, 1 => Just(Step::Undo)].boxed()
    }
}

fn run(library: &Library, workshop: &str, step: &Step) {
    let board = notes(library, workshop);
    let pick = |n: usize| board.get(n % board.len().max(1)).map(|n| n.id.clone());
    let mut sections = library.get_board(workshop).unwrap().clusters;
    sections.sort_by(|a, b| a.id.cmp(&b.id));
    let section = |s: usize| {
        sections
            .get(s % sections.len().max(1))
            .map(|c| c.id.clone())
    };
    let _ = match step {
        Step::Write(n, text) => pick(*n).map(|id| {
            library.update_notes(workshop, &[edit(&id, serde_json::json!({ "text": text }))])
        }),
        Step::Colour(n, colour) => pick(*n).map(|id| {
            library.update_notes(
                workshop,
                &[edit(&id, serde_json::json!({ "colour": colour }))],
            )
        }),
        Step::Move(n, x) => pick(*n)
            .map(|id| library.update_notes(workshop, &[edit(&id, serde_json::json!({ "x": x }))])),
        Step::Delete(n) => pick(*n).map(|id| library.delete_notes(workshop, &[id])),
        Step::Add(text) => Some(library.create_notes(workshop, &[note(text)])),
        Step::Group(n, m) => pick(*n)
            .zip(pick(*m))
            .map(|(one, other)| library.group_notes(workshop, "Together", &[one, other])),
        Step::Join(n, s) => pick(*n).map(|id| {
            let into = s.and_then(section);
            library.update_notes(
                workshop,
                &[edit(&id, serde_json::json!({ "cluster_id": into }))],
            )
        }),
        Step::Ungroup(s) => section(*s).map(|id| library.ungroup(workshop, &id)),
        Step::Undo => Some(library.undo(workshop)),
        Step::Sync(_) => None,
    };
}

/// Plays `steps` on a hub (laptop 0) and two satellites, syncs them all, and requires the
/// same workshop file everywhere and nothing broken in any library.
fn converge(steps: &[(usize, Step)]) -> std::result::Result<(), TestCaseError> {
    let (hub, satellites, workshop) = room(2);
    for (laptop, step) in steps {
        match (laptop, step) {
            (_, Step::Sync(which)) => sync(&hub.library, &satellites[*which].library, &workshop),
            (0, step) => run(&hub.library, &workshop, step),
            (n, step) => run(&satellites[n - 1].library, &workshop, step),
        }
    }
    settle(&hub, &satellites, &workshop);
    let expected = content(&hub.library, &workshop);
    for satellite in &satellites {
        prop_assert_eq!(&content(&satellite.library, &workshop), &expected);
    }
    for laptop in std::iter::once(&hub).chain(&satellites) {
        let health = laptop.library.check().unwrap();
        prop_assert!(health.ok, "{:?}", health);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_on_three_laptops_converge(
        steps in prop::collection::vec((0..3usize, step(false)), 1..40)
    ) {
        converge(&steps)?;
    }

    /// Sections without undo: a section brought back by an undo does not yet bring back a
    /// note another laptop moved into it while it was gone, where that move arrived after
    /// the removal (the reference was let go here without a stamp), so such runs can end
    /// apart.
    #[test]
    fn random_edits_of_sections_on_three_laptops_converge(
        steps in prop::collection::vec((0..3usize, step(true)), 1..40)
    ) {
        converge(&steps)?;
    }
}

/// A run the property test found: a laptop removes a section and brings it back by undo
/// while the hub empties it; applying the hub's change there once failed at commit.
#[test]
fn a_section_brought_back_by_undo_while_emptied_elsewhere_keeps_syncing() {
    use Step::*;
    converge(&[
        (0, Write(0, "r".into())),
        (0, Group(0, 2)),
        (0, Move(0, 20.0)),
        (0, Sync(0)),
        (0, Write(0, "a".into())),
        (0, Sync(0)),
        (0, Group(0, 0)),
        (0, Add("a".into())),
        (2, Move(1, 80.0)),
        (0, Join(3, None)),
        (2, Write(0, "a".into())),
        (1, Join(0, Some(0))),
        (1, Ungroup(0)),
        (1, Undo),
    ])
    .unwrap();
}

#[test]
fn a_rounds_votes_are_recorded_only_on_the_laptop_that_opened_it() {
    use fiilis_core::participants::Role as Person;
    use fiilis_core::voting::{NewRound, Viewer};
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    let round: NewRound = serde_json::from_value(serde_json::json!({})).unwrap();
    let change = satellite.create_round(&workshop, &round).unwrap();
    let round_id = change.upserted::<Value>(Table::VotingRounds)[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let target = notes(satellite, &workshop)[0].id.clone();
    let here = satellite
        .join_from_phone(&workshop, Some("Aino"), Person::Customer)
        .unwrap();
    satellite
        .cast_vote(
            &workshop,
            &round_id,
            &here.participant.id,
            &target,
            "vote-1",
        )
        .unwrap();
    settle(&hub, &satellites, &workshop);
    // The hub has the round and the vote, but its own phones cannot vote in it.
    let there = hub
        .library
        .join_from_phone(&workshop, Some("Ville"), Person::Customer)
        .unwrap();
    let refused = hub
        .library
        .cast_vote(
            &workshop,
            &round_id,
            &there.participant.id,
            &target,
            "vote-2",
        )
        .unwrap_err();
    assert_eq!(refused.code(), "forbidden");
    settle(&hub, &satellites, &workshop);
    for laptop in [&hub.library, satellite] {
        let results = laptop
            .round_results(&workshop, &round_id, Viewer::Facilitator)
            .unwrap();
        let votes: i64 = results.iter().map(|r| r.votes).sum();
        assert_eq!(votes, 1);
    }
    assert_same(satellite, &hub.library, &workshop);
}

#[test]
fn a_satellite_restored_from_a_backup_gets_back_what_it_lost_and_its_new_changes_still_travel() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    let site = satellite.sync_site();
    let backup = satellite.backup().unwrap();
    satellite
        .create_notes(&workshop, &[note("after the backup")])
        .unwrap();
    settle(&hub, &satellites, &workshop);
    satellite.restore_backup(&backup.name).unwrap();
    assert_ne!(
        satellite.sync_site(),
        site,
        "a restored library is a new laptop"
    );
    satellite
        .create_notes(&workshop, &[note("after the restore")])
        .unwrap();
    settle(&hub, &satellites, &workshop);
    for laptop in [&hub.library, satellite] {
        let texts: Vec<String> = notes(laptop, &workshop)
            .into_iter()
            .map(|n| n.text)
            .collect();
        assert!(texts.contains(&"after the backup".to_string()), "{texts:?}");
        assert!(
            texts.contains(&"after the restore".to_string()),
            "{texts:?}"
        );
    }
    assert_same(satellite, &hub.library, &workshop);
}

#[test]
fn a_hub_lists_the_satellites_it_heard_from_and_how_far_behind_each_is() {
    let (hub, satellites, workshop) = room(2);
    let site = satellites[0].library.sync_site();
    hub.library
        .create_notes(&workshop, &[note("news")])
        .unwrap();
    hub.library
        .sync_peer_seen(&workshop, &site, Some(0))
        .unwrap();
    let peers = hub.library.get_laptops(&workshop).unwrap().peers;
    assert_eq!(peers.len(), 1);
    assert_eq!(
        (peers[0].site.as_str(), peers[0].behind),
        (site.as_str(), 1)
    );
    let last = hub.library.sync_changes_after(&workshop, 0).unwrap().last;
    hub.library
        .sync_peer_seen(&workshop, &site, Some(last))
        .unwrap();
    assert_eq!(
        hub.library.get_laptops(&workshop).unwrap().peers[0].behind,
        0
    );
    assert!(hub
        .library
        .sync_peer_seen(&workshop, "no such/site", None)
        .is_err());
}

#[test]
fn a_note_moved_into_a_deleted_section_and_moved_later_elsewhere_ends_loose_where_it_was_moved() {
    let (hub, satellites, workshop) = room(1);
    let satellite = &satellites[0].library;
    let board = notes(&hub.library, &workshop);
    let section = section_everywhere(&hub, &satellites, &workshop, &board[0].id);
    // The satellite moves a note into the section; later the hub moves that note and then
    // removes the section: the note's place is the hub's, its section is gone.
    move_into(satellite, &workshop, &board[1].id, &section);
    std::thread::sleep(std::time::Duration::from_millis(5));
    hub.library
        .update_notes(
            &workshop,
            &[edit(
                &board[1].id,
                serde_json::json!({"x": 900.0, "y": 700.0}),
            )],
        )
        .unwrap();
    hub.library.ungroup(&workshop, &section).unwrap();
    for moved in settled_note(&hub, &satellites, &workshop, &board[1].id) {
        assert_eq!((moved.cluster_id, moved.x, moved.y), (None, 900.0, 700.0));
    }
}
