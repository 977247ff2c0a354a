//! The idea board through the store API: notes, clusters, undo/redo, limits, live changes.

use std::sync::{Arc, Mutex};

use fiilis_core::board::{Cluster, NewNote, Note, NoteEdit};
use fiilis_core::participants::Role;
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Change, Library, Table, TemplateId};

fn setup() -> (tempfile::TempDir, Library, String) {
    fiilis_testkit::library_with_hotel("Board")
}

fn note(text: &str, x: f64) -> NewNote {
    NewNote {
        text: text.into(),
        colour: "yellow".into(),
        x,
        y: 0.0,
        cluster_id: None,
        stage_id: None,
        persona_id: None,
        author_id: None,
    }
}

fn add(library: &Library, workshop: &str, texts: &[&str]) -> Vec<Note> {
    let notes: Vec<_> = texts
        .iter()
        .zip(0..)
        .map(|(text, i)| note(text, f64::from(i) * 200.0))
        .collect();
    library
        .create_notes(workshop, &notes)
        .unwrap()
        .upserted(Table::Notes)
}

fn texts(library: &Library, workshop: &str) -> Vec<String> {
    library
        .get_board(workshop)
        .unwrap()
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect()
}

fn edit(id: &str) -> NoteEdit {
    NoteEdit {
        id: id.into(),
        ..Default::default()
    }
}

#[test]
fn notes_are_created_in_one_step_and_listed_in_creation_order() {
    let (_dir, library, workshop) = setup();
    let created = add(
        &library,
        &workshop,
        &["First", "  Second  ", "Kolmas ääkkösin"],
    );
    assert_eq!(created.len(), 3);
    assert_eq!(created[1].text, "Second", "text is trimmed");
    assert_eq!(created[2].x, 400.0);
    assert_eq!(
        texts(&library, &workshop),
        ["First", "Second", "Kolmas ääkkösin"]
    );
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.revision, 1);
    assert_eq!(board.undo.as_deref(), Some("create_notes"));
    assert_eq!(board.redo, None);
}

#[test]
fn bad_notes_are_refused_naming_the_note_and_nothing_changes() {
    let (_dir, library, workshop) = setup();
    add(&library, &workshop, &["kept"]);
    let before = library.get_board(&workshop).unwrap();
    let long = "x".repeat(1_001);
    let cases: Vec<(Vec<NewNote>, &str, &str)> = vec![
        (
            vec![note("ok", 0.0), note("  ", 0.0)],
            "invalid_input",
            "notes[1].text must not be empty",
        ),
        (
            vec![note(&long, 0.0)],
            "invalid_input",
            "notes[0].text is 1001 characters long; the limit is 1000",
        ),
        (
            vec![NewNote {
                colour: "magenta".into(),
                ..note("x", 0.0)
            }],
            "invalid_input",
            "notes[0].colour must be one of yellow, orange",
        ),
        (
            vec![note("x", f64::NAN)],
            "invalid_input",
            "notes[0].x must be a number",
        ),
        (
            vec![note("x", 2e6)],
            "invalid_input",
            "notes[0].x must be a number",
        ),
        (vec![], "invalid_input", "notes must hold 1 to"),
        (
            vec![
                note("fine", 0.0),
                NewNote {
                    cluster_id: Some("nope".into()),
                    ..note("x", 0.0)
                },
            ],
            "not_found",
            "no cluster with id nope",
        ),
        (
            vec![NewNote {
                author_id: Some("ghost".into()),
                ..note("x", 0.0)
            }],
            "not_found",
            "no participant with id ghost",
        ),
    ];
    for (notes, code, message) in cases {
        let error = library.create_notes(&workshop, &notes).unwrap_err();
        assert_eq!(error.code(), code, "{error}");
        assert!(error.to_string().contains(message), "{error}");
    }
    assert_eq!(library.get_board(&workshop).unwrap(), before);
    // Exactly 1,000 characters is allowed.
    add(&library, &workshop, &[&"ä".repeat(1_000)]);
}

#[test]
fn references_to_another_workshop_are_not_found() {
    let (_dir, library, workshop) = setup();
    let other = library
        .create_workshop(&NewWorkshop {
            title: "Other".into(),
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .unwrap();
    let foreign_note = &add(&library, &other.id, &["theirs"])[0];
    let error = library
        .update_notes(
            &workshop,
            &[NoteEdit {
                text: Some("mine now".into()),
                ..edit(&foreign_note.id)
            }],
        )
        .unwrap_err();
    assert_eq!(error.code(), "not_found");
    let error = library
        .create_notes(
            &workshop,
            &[NewNote {
                stage_id: Some(other.stages[0].id.clone()),
                ..note("x", 0.0)
            }],
        )
        .unwrap_err();
    assert_eq!(error.code(), "not_found");
    assert!(error.to_string().contains("no stage with id"));
    assert_eq!(texts(&library, &other.id), ["theirs"]);
}

#[test]
fn moving_many_notes_is_one_step_that_undo_and_redo_revert_whole() {
    let (_dir, library, workshop) = setup();
    let notes = add(&library, &workshop, &["a", "b", "c"]);
    let moves: Vec<_> = notes
        .iter()
        .map(|n| NoteEdit {
            x: Some(n.x + 1000.0),
            y: Some(50.0),
            colour: Some("sky".into()),
            ..edit(&n.id)
        })
        .collect();
    let moved = library.update_notes(&workshop, &moves).unwrap();
    assert_eq!(moved.upserted::<Note>(Table::Notes).len(), 3);
    assert_eq!(moved.undo.as_deref(), Some("update_notes"));

    let undone = library.undo(&workshop).unwrap();
    let restored: Vec<Note> = undone.upserted(Table::Notes);
    assert_eq!(restored.len(), 3);
    assert_eq!(undone.undo.as_deref(), Some("create_notes"));
    assert_eq!(undone.redo.as_deref(), Some("update_notes"));
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.notes, notes, "every note back exactly as it was");

    library.redo(&workshop).unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert!(board
        .notes
        .iter()
        .all(|n| n.y == 50.0 && n.colour == "sky" && n.x >= 1000.0));
    assert_eq!(board.redo, None);
}

#[test]
fn an_edit_that_changes_nothing_records_no_step() {
    let (_dir, library, workshop) = setup();
    let notes = add(&library, &workshop, &["same"]);
    let change = library
        .update_notes(
            &workshop,
            &[NoteEdit {
                x: Some(notes[0].x),
                ..edit(&notes[0].id)
            }],
        )
        .unwrap();
    assert!(change.upserted::<Note>(Table::Notes).is_empty());
    assert_eq!(change.undo.as_deref(), Some("create_notes"));
}

#[test]
fn clusters_hold_notes_and_vanish_when_emptied() {
    let (_dir, library, workshop) = setup();
    let notes = add(&library, &workshop, &["a", "b", "c", "d"]);
    let ids: Vec<String> = notes.iter().map(|n| n.id.clone()).collect();
    let grouped = library
        .group_notes(&workshop, "Breakfast", &ids[..2])
        .unwrap();
    let cluster: Cluster = grouped.upserted(Table::Clusters).remove(0);
    assert_eq!(cluster.title, "Breakfast");
    assert!(grouped
        .upserted::<Note>(Table::Notes)
        .iter()
        .all(|n| n.cluster_id.as_deref() == Some(cluster.id.as_str())));

    // Regrouping both notes elsewhere empties the first cluster, which goes in the same step.
    let regrouped = library
        .group_notes(&workshop, "Mornings", &ids[..2])
        .unwrap();
    assert_eq!(
        regrouped.deleted(Table::Clusters),
        std::slice::from_ref(&cluster.id)
    );
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.clusters.len(), 1);
    assert_eq!(board.clusters[0].title, "Mornings");

    // Undo brings the first cluster back with its notes.
    library.undo(&workshop).unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.clusters, vec![cluster.clone()]);
    assert_eq!(
        board
            .notes
            .iter()
            .filter(|n| n.cluster_id.as_deref() == Some(&cluster.id))
            .count(),
        2
    );

    // Taking the last notes out of a cluster removes it too.
    let out: Vec<_> = ids[..2]
        .iter()
        .map(|id| NoteEdit {
            cluster_id: Some(None),
            ..edit(id)
        })
        .collect();
    let change = library.update_notes(&workshop, &out).unwrap();
    assert_eq!(
        change.deleted(Table::Clusters),
        std::slice::from_ref(&cluster.id)
    );
    assert!(library.get_board(&workshop).unwrap().clusters.is_empty());
}

#[test]
fn rename_and_ungroup_are_undoable() {
    let (_dir, library, workshop) = setup();
    let notes = add(&library, &workshop, &["a", "b"]);
    let ids: Vec<String> = notes.iter().map(|n| n.id.clone()).collect();
    let cluster: Cluster = library
        .group_notes(&workshop, "Old", &ids)
        .unwrap()
        .upserted(Table::Clusters)
        .remove(0);
    library
        .rename_cluster(&workshop, &cluster.id, "New")
        .unwrap();
    assert_eq!(
        library.get_board(&workshop).unwrap().clusters[0].title,
        "New"
    );
    let ungrouped = library.ungroup(&workshop, &cluster.id).unwrap();
    assert_eq!(
        ungrouped.deleted(Table::Clusters),
        std::slice::from_ref(&cluster.id)
    );
    let board = library.get_board(&workshop).unwrap();
    assert!(board.clusters.is_empty());
    assert!(board.notes.iter().all(|n| n.cluster_id.is_none()));

    library.undo(&workshop).unwrap();
    library.undo(&workshop).unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.clusters[0].title, "Old");
    assert!(board
        .notes
        .iter()
        .all(|n| n.cluster_id.as_deref() == Some(&cluster.id)));
    assert_eq!(
        library
            .rename_cluster(&workshop, "nope", "x")
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        library
            .rename_cluster(&workshop, &cluster.id, " ")
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

#[test]
fn deleting_notes_is_undone_with_their_cluster() {
    let (_dir, library, workshop) = setup();
    let notes = add(&library, &workshop, &["a", "b", "c"]);
    let ids: Vec<String> = notes.iter().map(|n| n.id.clone()).collect();
    library.group_notes(&workshop, "Pair", &ids[..2]).unwrap();
    let before = library.get_board(&workshop).unwrap();
    let deleted = library.delete_notes(&workshop, &ids[..2]).unwrap();
    assert_eq!(deleted.deleted(Table::Notes).len(), 2);
    assert_eq!(deleted.deleted(Table::Clusters).len(), 1);
    assert_eq!(texts(&library, &workshop), ["c"]);
    library.undo(&workshop).unwrap();
    let after = library.get_board(&workshop).unwrap();
    assert_eq!(
        (after.notes, after.clusters),
        (before.notes, before.clusters)
    );
    assert_eq!(
        library
            .delete_notes(&workshop, &["nope".into()])
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn a_new_change_after_undo_clears_redo_and_empty_history_says_so() {
    let (_dir, library, workshop) = setup();
    assert_eq!(
        library.undo(&workshop).unwrap_err().code(),
        "nothing_to_undo"
    );
    assert_eq!(
        library.redo(&workshop).unwrap_err().code(),
        "nothing_to_undo"
    );
    add(&library, &workshop, &["a"]);
    add(&library, &workshop, &["b"]);
    library.undo(&workshop).unwrap();
    assert_eq!(
        library.get_board(&workshop).unwrap().redo.as_deref(),
        Some("create_notes")
    );
    add(&library, &workshop, &["c"]);
    assert_eq!(library.get_board(&workshop).unwrap().redo, None);
    assert_eq!(
        library.redo(&workshop).unwrap_err().code(),
        "nothing_to_undo"
    );
    assert_eq!(texts(&library, &workshop), ["a", "c"]);
    library.undo(&workshop).unwrap();
    library.undo(&workshop).unwrap();
    assert!(texts(&library, &workshop).is_empty());
    assert_eq!(
        library.undo(&workshop).unwrap_err().to_string(),
        "there is nothing to undo"
    );
}

#[test]
fn the_history_survives_closing_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let workshop = {
        let library = Library::open_in_dir(dir.path()).unwrap();
        let workshop = library
            .create_workshop(&NewWorkshop {
                title: "Kept".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        add(&library, &workshop, &["one"]);
        add(&library, &workshop, &["two"]);
        workshop
    };
    let library = Library::open_in_dir(dir.path()).unwrap();
    library.undo(&workshop).unwrap();
    assert_eq!(texts(&library, &workshop), ["one"]);
    library.redo(&workshop).unwrap();
    assert_eq!(texts(&library, &workshop), ["one", "two"]);
}

#[test]
fn a_trashed_workshop_cannot_be_edited() {
    let (_dir, library, workshop) = setup();
    add(&library, &workshop, &["a"]);
    library.trash_workshop(&workshop).unwrap();
    assert_eq!(
        library
            .create_notes(&workshop, &[note("b", 0.0)])
            .unwrap_err()
            .code(),
        "in_trash"
    );
    assert_eq!(library.undo(&workshop).unwrap_err().code(), "in_trash");
    assert_eq!(
        library
            .create_notes("missing", &[note("b", 0.0)])
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn watchers_hear_every_committed_change_and_nothing_else() {
    let (_dir, library, workshop) = setup();
    let heard: Arc<Mutex<Vec<Change>>> = Arc::default();
    let sink = heard.clone();
    library.watch(move |change| {
        sink.lock().unwrap().push(change.clone());
        true
    });
    let created = library.create_notes(&workshop, &[note("a", 0.0)]).unwrap();
    let _ = library.create_notes(&workshop, &[note(" ", 0.0)]);
    let undone = library.undo(&workshop).unwrap();
    let heard = heard.lock().unwrap();
    assert_eq!(*heard, vec![created.clone(), undone.clone()]);
    assert_eq!((created.revision, undone.revision), (1, 2));
}

#[test]
fn participants_can_author_notes_and_everything_is_duplicated() {
    let (_dir, library, workshop) = setup();
    let aino = library
        .add_participant(&workshop, Some("  Aino  "), Role::Employee)
        .unwrap();
    assert_eq!(aino.name.as_deref(), Some("Aino"));
    let anonymous = library
        .add_participant(&workshop, Some(""), Role::Customer)
        .unwrap();
    assert_eq!(anonymous.name, None);
    assert_eq!(
        library
            .add_participant(&workshop, Some(&"n".repeat(61)), Role::Customer)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let stage = library.get_workshop(&workshop).unwrap().stages[2]
        .id
        .clone();
    let created: Vec<Note> = library
        .create_notes(
            &workshop,
            &[NewNote {
                author_id: Some(aino.id.clone()),
                stage_id: Some(stage.clone()),
                ..note("mine", 0.0)
            }],
        )
        .unwrap()
        .upserted(Table::Notes);
    library
        .group_notes(&workshop, "Group", &[created[0].id.clone()])
        .unwrap();

    let copy = library.duplicate_workshop(&workshop, None).unwrap();
    let board = library.get_board(&copy.id).unwrap();
    assert_eq!(board.participants.len(), 2);
    assert_eq!(board.notes.len(), 1);
    let copied = &board.notes[0];
    assert_ne!(copied.id, created[0].id);
    assert_eq!(copied.text, "mine");
    // References point into the copy, never back into the original.
    assert_eq!(
        copied.author_id.as_deref(),
        Some(board.participants[0].id.as_str())
    );
    assert_ne!(copied.author_id.as_deref(), Some(aino.id.as_str()));
    assert_eq!(copied.stage_id.as_deref(), Some(copy.stages[2].id.as_str()));
    assert_eq!(
        copied.cluster_id.as_deref(),
        Some(board.clusters[0].id.as_str())
    );
    assert_eq!(board.undo, None, "history stays with the original");
}

#[test]
fn changes_made_by_another_process_are_announced_by_polling() {
    let (dir, here, workshop) = setup();
    let elsewhere = Library::open_in_dir(dir.path()).unwrap();
    let heard: Arc<Mutex<Vec<Change>>> = Arc::default();
    let sink = heard.clone();
    here.watch(move |change| {
        sink.lock().unwrap().push(change.clone());
        true
    });
    assert_eq!(
        here.poll_external_changes().unwrap(),
        0,
        "the first poll only learns"
    );

    // Our own change is heard once, directly, and not again by polling.
    here.create_notes(&workshop, &[note("mine", 0.0)]).unwrap();
    assert_eq!(here.poll_external_changes().unwrap(), 0);
    assert_eq!(heard.lock().unwrap().len(), 1);

    // Another process's change is announced with its new revision.
    elsewhere
        .create_notes(&workshop, &[note("theirs", 0.0)])
        .unwrap();
    assert_eq!(here.poll_external_changes().unwrap(), 1);
    let announced = heard.lock().unwrap().last().unwrap().clone();
    assert_eq!(
        (announced.workshop_id.as_str(), announced.revision),
        (workshop.as_str(), 2)
    );
    assert!(
        announced.upserted::<Note>(Table::Notes).is_empty(),
        "only the revision: reload"
    );
    assert_eq!(announced.undo.as_deref(), Some("create_notes"));
    assert_eq!(here.poll_external_changes().unwrap(), 0, "announced once");
}
