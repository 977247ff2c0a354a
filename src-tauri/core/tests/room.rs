//! The room: what phones are shown, the timer, removing people, and the library check.

use fiilis_core::api::call;
use fiilis_core::participants::Role;
use fiilis_core::phones::PhoneNote;
use fiilis_core::room::{RoomUpdate, TimerAction, TimerStatus};
use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::{Library, Table};
use serde_json::json;

fn setup() -> (tempfile::TempDir, Library, String) {
    fiilis_testkit::library_with_hotel("Room")
}

#[test]
fn a_new_room_is_open_with_its_timer_stopped_and_changes_reach_watchers() {
    let (_dir, library, workshop) = setup();
    let room = library.get_room(&workshop).unwrap();
    assert!(room.brainstorm_open && room.rating_open && !room.notes_hidden);
    assert_eq!(room.timer.status, TimerStatus::Stopped);

    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = heard.clone();
    library.watch(move |change| {
        sink.lock().unwrap().push(change.clone());
        true
    });
    let persona = call(
        &library,
        "create_persona",
        json!({ "workshop_id": workshop, "name": "Maija" }),
    )
    .unwrap();
    let persona_id = persona["upserted"]["personas"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let room = library
        .update_room(
            &workshop,
            &RoomUpdate {
                notes_hidden: Some(true),
                rating_persona_id: Some(Some(persona_id.clone())),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(room.notes_hidden && room.brainstorm_open);
    assert_eq!(room.rating_persona_id.as_deref(), Some(persona_id.as_str()));
    let last = heard.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last.upserted["room"].len(), 1);
    assert_eq!(
        last.undo.as_deref(),
        Some("create_persona"),
        "the room is never an undo step"
    );

    // Rating as yourself again: null, not left out.
    let room = call(
        &library,
        "update_room",
        json!({ "workshop_id": workshop, "rating_persona_id": null }),
    )
    .unwrap();
    assert_eq!(room["rating_persona_id"], serde_json::Value::Null);
    assert_eq!(room["notes_hidden"], true);
    let unknown = call(
        &library,
        "update_room",
        json!({ "workshop_id": workshop, "colour": 1 }),
    );
    assert_eq!(unknown.unwrap_err().code(), "invalid_input");
    let elsewhere = call(
        &library,
        "update_room",
        json!({ "workshop_id": workshop, "rating_persona_id": "someone-else" }),
    );
    assert_eq!(elsewhere.unwrap_err().code(), "not_found");
}

#[test]
fn the_timer_runs_and_pauses_through_the_api() {
    let (_dir, library, workshop) = setup();
    let room = library
        .set_timer(&workshop, TimerAction::Start, Some(300))
        .unwrap();
    assert_eq!(room.timer.status, TimerStatus::Running);
    assert!((299..=300).contains(&room.timer.remaining_seconds));
    assert!(room.timer.ends_at.is_some());
    let paused = call(
        &library,
        "set_timer",
        json!({ "workshop_id": workshop, "action": "pause" }),
    )
    .unwrap();
    assert_eq!(paused["timer"]["status"], "paused");
    assert_eq!(paused["timer"]["ends_at"], serde_json::Value::Null);
    let wrong = call(
        &library,
        "set_timer",
        json!({ "workshop_id": workshop, "action": "rewind" }),
    );
    assert_eq!(wrong.unwrap_err().code(), "invalid_input");
    // Live state is not copied with the workshop.
    let copy = library.duplicate_workshop(&workshop, None).unwrap();
    assert_eq!(
        library.get_room(&copy.id).unwrap().timer.status,
        TimerStatus::Stopped
    );
}

#[test]
fn a_removed_participant_loses_access_and_their_open_votes_but_keeps_their_notes() {
    let (_dir, library, workshop) = setup();
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = heard.clone();
    library.watch(move |change| {
        sink.lock().unwrap().push(change.clone());
        true
    });
    let joined = library
        .join_from_phone(&workshop, Some("Aino"), Role::Customer)
        .unwrap();
    let me = joined.participant.id.clone();
    let join = heard.lock().unwrap()[0].clone();
    assert_eq!(
        join.upserted["participants"][0]["id"],
        me.as_str(),
        "the facilitator hears of a join"
    );
    let note = library
        .add_phone_note(
            &workshop,
            &me,
            &PhoneNote {
                client_id: "n1".into(),
                text: "Faster check-in".into(),
                colour: None,
            },
        )
        .unwrap();
    let round: VotingRound = library
        .create_round(&workshop, &NewRound::default())
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    library
        .cast_vote(&workshop, &round.id, &me, &note.id, "v1")
        .unwrap();

    let change = library.remove_participant(&workshop, &me).unwrap();
    assert_eq!(change.deleted(Table::Votes).len(), 1);
    assert_eq!(
        library
            .participant_by_secret(&workshop, &joined.secret)
            .unwrap_err()
            .code(),
        "unauthorized"
    );
    let listed = library.list_participants(&workshop).unwrap();
    assert!(listed[0].removed && listed[0].via_phone);
    assert!(library
        .round_progress(&workshop, &round.id)
        .unwrap()
        .participants
        .is_empty());
    assert_eq!(library.get_board(&workshop).unwrap().notes.len(), 1);
    assert!(library.check().unwrap().ok);
}

#[test]
fn the_check_finds_broken_rules_that_sqlite_cannot_see() {
    let (dir, library, workshop) = setup();
    let joined = library
        .join_from_phone(&workshop, None, Role::Customer)
        .unwrap();
    let round: VotingRound = library
        .create_round(
            &workshop,
            &NewRound {
                votes_per_participant: 1,
                max_per_note: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    let created = call(
        &library,
        "create_notes",
        json!({ "workshop_id": workshop, "notes": [{ "text": "An idea", "x": 0, "y": 0 }] }),
    )
    .unwrap();
    let note = created["upserted"]["notes"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let health = library.check().unwrap();
    assert!(health.ok, "{health:?}");
    drop(library);

    // Another program writes two votes where the budget allows one.
    let conn = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    for id in ["a", "b"] {
        conn.execute(
            "INSERT INTO votes (id, workshop_id, round_id, participant_id, note_id, client_id, weight, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?1, 1, 'now')",
            rusqlite::params![id, workshop, round.id, joined.participant.id, note],
        )
        .unwrap();
    }
    conn.execute(
        "UPDATE history SET changes = 'not json' WHERE rowid = (SELECT min(rowid) FROM history)",
        [],
    )
    .unwrap();
    drop(conn);
    let health = Library::open_in_dir(dir.path()).unwrap().check().unwrap();
    assert!(!health.ok);
    assert!(health.integrity.is_empty() && health.foreign_keys.is_empty());
    assert!(
        health
            .problems
            .iter()
            .any(|p| p.contains("over the budget of 1")),
        "{health:?}"
    );
    assert!(
        health.problems.iter().any(|p| p.contains("over the cap")),
        "{health:?}"
    );
}
