//! Write, then reveal: notes written on phones while notes are hidden lie face down until
//! the facilitator turns them over, and nothing of them shows anywhere before that.

use std::sync::{Arc, Mutex};

use fiilis_core::board::NoteEdit;
use fiilis_core::participants::Participant;
use fiilis_core::phones::PhoneNote;
use fiilis_core::report::ReportFormat;
use fiilis_core::room::RoomUpdate;
use fiilis_core::voting::NewRound;
use fiilis_core::workshops::WorkshopQuery;
use fiilis_core::{Change, Library, Table};

const SECRET_IDEAS: [&str; 3] = [
    "Zebra lobby mural",
    "Quokka breakfast bar",
    "Narwhal late checkout",
];

fn hidden_room() -> (tempfile::TempDir, Library, String, Vec<Participant>) {
    let (dir, library, workshop) = fiilis_testkit::library_with_hotel("Reveal");
    let people = fiilis_testkit::phones_writing_hidden(
        &library,
        &workshop,
        &["Aino Secretname", "Ben Hiddenname", "Cai Unseenname"],
    );
    (dir, library, workshop, people)
}

fn write(library: &Library, workshop: &str, author: &Participant, client: &str, text: &str) {
    library
        .add_phone_note(
            workshop,
            &author.id,
            &PhoneNote {
                client_id: client.into(),
                text: text.into(),
                colour: None,
            },
        )
        .unwrap();
}

/// Everything a shared screen, another window or a report could show of the workshop.
fn everything_shown(library: &Library, workshop: &str, heard: &[Change]) -> String {
    let mut shown = serde_json::to_string(&library.get_board(workshop).unwrap()).unwrap();
    shown += &serde_json::to_string(heard).unwrap();
    for format in [ReportFormat::Html, ReportFormat::Md, ReportFormat::Csv] {
        shown += &library.export_report(workshop, format).unwrap();
    }
    shown
}

#[test]
fn notes_written_while_hidden_show_nothing_until_revealed() {
    let (_dir, library, workshop, people) = hidden_room();
    let heard: Arc<Mutex<Vec<Change>>> = Arc::default();
    let sink = heard.clone();
    library.watch(move |change| {
        sink.lock().unwrap().push(change.clone());
        true
    });
    for (index, (person, text)) in people.iter().zip(SECRET_IDEAS).enumerate() {
        write(&library, &workshop, person, &format!("c{index}"), text);
    }
    write(
        &library,
        &workshop,
        &people[0],
        "c9",
        "Aino's second thought",
    );

    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.notes.len(), 4);
    assert!(board
        .notes
        .iter()
        .all(|n| n.hidden && n.text.is_empty() && n.author_id.is_none()));
    let counts: Vec<(Option<String>, i64)> = board
        .face_down
        .iter()
        .map(|f| (f.author_id.clone(), f.count))
        .collect();
    assert_eq!(counts[0], (Some(people[0].id.clone()), 2));
    assert_eq!(counts.iter().map(|c| c.1).sum::<i64>(), 4);
    // The room's list of participants says whose notes lie face down, for revealing one by one.
    let listed: Vec<i64> = library
        .list_participants(&workshop)
        .unwrap()
        .into_iter()
        .map(|p| p.face_down)
        .collect();
    assert_eq!(listed, [2, 1, 1]);

    let shown = everything_shown(&library, &workshop, &heard.lock().unwrap());
    for text in SECRET_IDEAS.iter().chain(&["Aino's second thought"]) {
        assert!(!shown.contains(text), "{text} was shown before the reveal");
    }
    // A report counts what lies face down and says it is left out.
    let report = library.export_report(&workshop, ReportFormat::Md).unwrap();
    assert!(report.contains("**4** Notes still face down"), "{report}");
    // The library's search does not find them.
    let found = library
        .list_workshops(&WorkshopQuery {
            search: Some("Quokka".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(found.is_empty());
    // The writer still sees their own notes on their phone.
    let aino = library.phone_state(&workshop, &people[0]).unwrap();
    assert_eq!(aino.my_notes.len(), 2);
    assert_eq!(aino.my_notes[0].text, SECRET_IDEAS[0]);

    // One writer's notes turn over alone.
    let change = library
        .reveal_notes(&workshop, Some(&people[1].id))
        .unwrap();
    let revealed: Vec<fiilis_core::board::Note> = change.upserted(Table::Notes);
    assert_eq!(revealed.len(), 1);
    assert_eq!(revealed[0].text, SECRET_IDEAS[1]);
    assert_eq!(
        revealed[0].author_id.as_deref(),
        Some(people[1].id.as_str())
    );
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.notes.iter().filter(|n| n.hidden).count(), 3);
    assert_eq!(board.face_down.iter().map(|f| f.count).sum::<i64>(), 3);
    let found = library
        .list_workshops(&WorkshopQuery {
            search: Some("Quokka".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1, "a revealed note is found");

    // Then everyone's; an undo turns them face down again, and the change says so.
    library.reveal_notes(&workshop, None).unwrap();
    assert!(library
        .get_board(&workshop)
        .unwrap()
        .notes
        .iter()
        .all(|n| !n.hidden && !n.text.is_empty()));
    let undone = library.undo(&workshop).unwrap();
    let again: Vec<fiilis_core::board::Note> = undone.upserted(Table::Notes);
    assert_eq!(again.len(), 3);
    assert!(again
        .iter()
        .all(|n| n.hidden && n.text.is_empty() && n.author_id.is_none()));
    assert!(!serde_json::to_string(&undone)
        .unwrap()
        .contains(SECRET_IDEAS[0]));
    library.redo(&workshop).unwrap();
    let texts: Vec<String> = library
        .get_board(&workshop)
        .unwrap()
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect();
    for text in SECRET_IDEAS {
        assert!(texts.iter().any(|t| t == text));
    }
}

#[test]
fn a_face_down_note_can_be_moved_but_not_rewritten_or_voted_on() {
    let (_dir, library, workshop, people) = hidden_room();
    write(&library, &workshop, &people[0], "c1", SECRET_IDEAS[0]);
    let note = library.get_board(&workshop).unwrap().notes.remove(0);
    let moved = library
        .update_notes(
            &workshop,
            &[NoteEdit {
                id: note.id.clone(),
                x: Some(900.0),
                ..Default::default()
            }],
        )
        .unwrap();
    let moved: Vec<fiilis_core::board::Note> = moved.upserted(Table::Notes);
    assert_eq!((moved[0].x, moved[0].text.as_str()), (900.0, ""));
    let refused = library
        .update_notes(
            &workshop,
            &[NoteEdit {
                id: note.id.clone(),
                text: Some("overwritten".into()),
                ..Default::default()
            }],
        )
        .unwrap_err();
    assert_eq!(refused.code(), "note_face_down");

    // A round offers only face-up notes, and a vote for a face-down one is refused.
    library
        .create_notes(&workshop, &[fiilis_testkit::note("Face up idea")])
        .unwrap();
    let round = library
        .create_round(
            &workshop,
            &NewRound {
                title: None,
                votes_per_participant: 3,
                max_per_note: 3,
                anonymous: true,
                scope: Default::default(),
                scope_id: None,
                duration_seconds: None,
            },
        )
        .unwrap()
        .upserted::<fiilis_core::voting::VotingRound>(Table::VotingRounds)
        .remove(0);
    let phone = library.phone_state(&workshop, &people[1]).unwrap();
    let offered: Vec<String> = phone
        .round
        .unwrap()
        .shown
        .notes
        .iter()
        .map(|n| n.text.clone())
        .collect();
    assert_eq!(offered, ["Face up idea"]);
    let refused = library
        .cast_vote(&workshop, &round.id, &people[1].id, &note.id, "v1")
        .unwrap_err();
    assert_eq!(refused.code(), "not_in_round");
}

#[test]
fn notes_written_in_the_open_are_face_up_and_a_workshop_file_keeps_face_down_ones_face_down() {
    let (_dir, library, workshop, people) = hidden_room();
    write(&library, &workshop, &people[0], "c1", SECRET_IDEAS[0]);
    library
        .update_room(
            &workshop,
            &RoomUpdate {
                notes_hidden: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    write(&library, &workshop, &people[1], "c2", SECRET_IDEAS[1]);
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.notes.iter().filter(|n| n.hidden).count(), 1);
    assert!(board.notes.iter().any(|n| n.text == SECRET_IDEAS[1]));

    // Moving the workshop to another laptop loses nothing: the note arrives face down.
    let file = serde_json::to_string(&library.export_workshop(&workshop).unwrap()).unwrap();
    let copy = library.import_workshop(&file).unwrap().id;
    let board = library.get_board(&copy).unwrap();
    assert_eq!(board.notes.iter().filter(|n| n.hidden).count(), 1);
    library.reveal_notes(&copy, None).unwrap();
    let texts: Vec<String> = library
        .get_board(&copy)
        .unwrap()
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert!(texts.iter().any(|t| t == SECRET_IDEAS[0]));
}
