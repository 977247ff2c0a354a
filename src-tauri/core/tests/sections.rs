//! Sections arrange their notes: a frame whose notes core keeps in a tidy grid as notes join,
//! leave or move, with undo; phone notes land in an inbox beside the board; a round's ranking
//! goes back on the board as a section.

use fiilis_core::board::{Board, Cluster, NewNote, Note, NoteEdit};
use fiilis_core::participants::Role;
use fiilis_core::phones::PhoneNote;
use fiilis_core::room::RoomUpdate;
use fiilis_core::sections::{Grid, SectionEdit, NOTE_HEIGHT, NOTE_WIDTH, TITLE_HEIGHT};
use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::{Library, Table};

fn setup() -> (tempfile::TempDir, Library, String) {
    fiilis_testkit::library_with_hotel("Sections")
}

fn note_at(text: &str, x: f64, y: f64) -> NewNote {
    NewNote {
        text: text.into(),
        colour: "yellow".into(),
        x,
        y,
        cluster_id: None,
        stage_id: None,
        persona_id: None,
        author_id: None,
    }
}

fn add(library: &Library, workshop: &str, notes: &[NewNote]) -> Vec<String> {
    library
        .create_notes(workshop, notes)
        .unwrap()
        .upserted::<Note>(Table::Notes)
        .into_iter()
        .map(|n| n.id)
        .collect()
}

fn section_of(board: &Board, id: &str) -> Cluster {
    board.clusters.iter().find(|c| c.id == id).unwrap().clone()
}

/// The texts of a section's notes in reading order, after checking they sit exactly in its
/// grid, below its title, inside its frame.
fn tidy_texts(board: &Board, section: &Cluster) -> Vec<String> {
    let grid = Grid::of_section(section.x, section.y, section.columns);
    let mut members: Vec<&Note> = board
        .notes
        .iter()
        .filter(|n| n.cluster_id.as_deref() == Some(section.id.as_str()))
        .collect();
    members.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    for (index, note) in members.iter().enumerate() {
        assert_eq!(
            (note.x, note.y),
            grid.cell(index),
            "{} is not in its cell",
            note.text
        );
        assert!(
            note.y >= section.y + TITLE_HEIGHT,
            "{} covers the title",
            note.text
        );
        assert!(note.x + NOTE_WIDTH <= section.x + section.width);
        assert!(note.y + NOTE_HEIGHT <= section.y + section.height);
    }
    assert_eq!(
        (section.width, section.height),
        grid.frame(members.len(), section.collapsed)
    );
    members.iter().map(|n| n.text.clone()).collect()
}

fn overlap(a: &Cluster, b: &Cluster) -> bool {
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

#[test]
fn a_section_keeps_its_notes_tidy_as_they_join_leave_and_move_and_undo_puts_it_back() {
    let (_dir, library, workshop) = setup();
    let ids = add(
        &library,
        &workshop,
        &[
            note_at("a", 0.0, 0.0),
            note_at("b", 260.0, 30.0),
            note_at("c", 10.0, 300.0),
            note_at("loose", 2_000.0, 0.0),
        ],
    );
    let section = library
        .group_notes(&workshop, "Arrival", &ids[..3])
        .unwrap()
        .upserted::<Cluster>(Table::Clusters)
        .remove(0);
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(
        tidy_texts(&board, &section_of(&board, &section.id)),
        ["a", "b", "c"]
    );
    let before = section_of(&board, &section.id);

    // The loose note dropped between a and b joins there.
    let grid = Grid::of_section(before.x, before.y, before.columns);
    let (x, y) = grid.cell(1);
    library
        .update_notes(
            &workshop,
            &[NoteEdit {
                id: ids[3].clone(),
                x: Some(x - 30.0),
                y: Some(y + 10.0),
                cluster_id: Some(Some(section.id.clone())),
                ..Default::default()
            }],
        )
        .unwrap();
    let board = library.get_board(&workshop).unwrap();
    let grown = section_of(&board, &section.id);
    assert_eq!(tidy_texts(&board, &grown), ["a", "loose", "b", "c"]);

    // Dragging one onto another's cell takes its place (the rest move along); dragging one
    // out closes the gap.
    let (x, y) = Grid::of_section(grown.x, grown.y, grown.columns).cell(3);
    library
        .update_notes(
            &workshop,
            &[NoteEdit {
                id: ids[0].clone(),
                x: Some(x + 5.0),
                y: Some(y),
                ..Default::default()
            }],
        )
        .unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(
        tidy_texts(&board, &section_of(&board, &section.id)),
        ["loose", "b", "a", "c"]
    );
    library
        .update_notes(
            &workshop,
            &[NoteEdit {
                id: ids[2].clone(),
                x: Some(3_000.0),
                cluster_id: Some(None),
                ..Default::default()
            }],
        )
        .unwrap();
    library.delete_notes(&workshop, &[ids[1].clone()]).unwrap();
    let board = library.get_board(&workshop).unwrap();
    let shrunk = section_of(&board, &section.id);
    assert_eq!(tidy_texts(&board, &shrunk), ["loose", "a"]);
    assert!(
        shrunk.height < grown.height,
        "the frame loses its emptied row"
    );

    // Undo, step by step, gives each earlier arrangement back exactly.
    library.undo(&workshop).unwrap();
    library.undo(&workshop).unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(
        tidy_texts(&board, &section_of(&board, &section.id)),
        ["loose", "b", "a", "c"]
    );
    library.undo(&workshop).unwrap();
    library.undo(&workshop).unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(section_of(&board, &section.id), before);
    assert_eq!(tidy_texts(&board, &before), ["a", "b", "c"]);
}

#[test]
fn a_section_moves_with_its_notes_changes_columns_in_order_and_collapses() {
    let (_dir, library, workshop) = setup();
    let ids = add(
        &library,
        &workshop,
        &(0..5)
            .map(|i| note_at(&format!("n{i}"), f64::from(i) * 200.0, 0.0))
            .collect::<Vec<_>>(),
    );
    let section = library
        .group_notes(&workshop, "Ideas", &ids)
        .unwrap()
        .upserted::<Cluster>(Table::Clusters)
        .remove(0);
    assert_eq!(section.columns, 3);
    let order = ["n0", "n1", "n2", "n3", "n4"];
    let edit = |edit: SectionEdit| library.update_section(&workshop, &edit).unwrap();
    edit(SectionEdit {
        id: section.id.clone(),
        x: Some(1_000.0),
        y: Some(-500.0),
        ..Default::default()
    });
    let board = library.get_board(&workshop).unwrap();
    let moved = section_of(&board, &section.id);
    assert_eq!((moved.x, moved.y), (1_000.0, -500.0));
    assert_eq!(tidy_texts(&board, &moved), order);

    edit(SectionEdit {
        id: section.id.clone(),
        columns: Some(1),
        ..Default::default()
    });
    let board = library.get_board(&workshop).unwrap();
    let narrow = section_of(&board, &section.id);
    assert_eq!(tidy_texts(&board, &narrow), order);
    assert_eq!(narrow.width, 2.0 * 20.0 + NOTE_WIDTH);

    edit(SectionEdit {
        id: section.id.clone(),
        collapsed: Some(true),
        ..Default::default()
    });
    let board = library.get_board(&workshop).unwrap();
    let stack = section_of(&board, &section.id);
    assert!(stack.collapsed);
    assert_eq!(stack.height, TITLE_HEIGHT + NOTE_HEIGHT + 20.0);
    library.undo(&workshop).unwrap();
    assert!(!section_of(&library.get_board(&workshop).unwrap(), &section.id).collapsed);

    for bad in [0, 13] {
        let error = library
            .update_section(
                &workshop,
                &SectionEdit {
                    id: section.id.clone(),
                    columns: Some(bad),
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert!(
            error.to_string().contains("columns must be from 1 to 12"),
            "{error}"
        );
    }
    let error = library
        .update_section(
            &workshop,
            &SectionEdit {
                id: "nope".into(),
                x: Some(1.0),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(error.code(), "not_found");
}

#[test]
fn a_new_section_never_covers_another() {
    let (_dir, library, workshop) = setup();
    let first = add(
        &library,
        &workshop,
        &[note_at("a", 0.0, 0.0), note_at("b", 200.0, 0.0)],
    );
    let second = add(
        &library,
        &workshop,
        &[note_at("c", 100.0, 100.0), note_at("d", 150.0, 400.0)],
    );
    let third = add(&library, &workshop, &[note_at("e", 50.0, 50.0)]);
    for (title, ids) in [("One", &first), ("Two", &second), ("Three", &third)] {
        library.group_notes(&workshop, title, ids).unwrap();
    }
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.clusters.len(), 3);
    for (i, a) in board.clusters.iter().enumerate() {
        tidy_texts(&board, a);
        for b in &board.clusters[i + 1..] {
            assert!(!overlap(a, b), "{} covers {}", a.title, b.title);
        }
    }
}

#[test]
fn phone_notes_land_in_an_inbox_beside_the_board_never_on_a_section() {
    let (_dir, library, workshop) = setup();
    let ids = add(
        &library,
        &workshop,
        &[note_at("a", 0.0, 0.0), note_at("b", 0.0, 200.0)],
    );
    library.group_notes(&workshop, "Kept", &ids).unwrap();
    add(&library, &workshop, &[note_at("free", -300.0, 0.0)]);
    library
        .update_room(
            &workshop,
            &RoomUpdate {
                brainstorm_open: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    let phone = library
        .join_from_phone(&workshop, Some("Aino"), Role::Customer)
        .unwrap();
    for index in 0..8 {
        library
            .add_phone_note(
                &workshop,
                &phone.participant.id,
                &PhoneNote {
                    client_id: format!("c{index}"),
                    text: format!("phone {index}"),
                    colour: None,
                },
            )
            .unwrap();
    }
    let board = library.get_board(&workshop).unwrap();
    let covers = |a: &Note, x: f64, y: f64, w: f64, h: f64| {
        a.x < x + w && x < a.x + NOTE_WIDTH && a.y < y + h && y < a.y + NOTE_HEIGHT
    };
    let phone_notes: Vec<&Note> = board
        .notes
        .iter()
        .filter(|n| n.author_id.is_some())
        .collect();
    assert_eq!(phone_notes.len(), 8);
    let left_edge = board
        .notes
        .iter()
        .filter(|n| n.author_id.is_none())
        .map(|n| n.x)
        .fold(f64::INFINITY, f64::min);
    for note in &phone_notes {
        assert!(
            note.x + NOTE_WIDTH < left_edge,
            "{} is not left of the board",
            note.text
        );
        for section in &board.clusters {
            assert!(!covers(
                note,
                section.x,
                section.y,
                section.width,
                section.height
            ));
        }
        for other in board.notes.iter().filter(|n| n.id != note.id) {
            assert!(
                !covers(note, other.x, other.y, NOTE_WIDTH, NOTE_HEIGHT),
                "{} covers {}",
                note.text,
                other.text
            );
        }
    }
}

#[test]
fn loose_notes_tidy_into_a_grid_in_reading_order() {
    let (_dir, library, workshop) = setup();
    let ids = add(
        &library,
        &workshop,
        &[
            note_at("2", 230.0, 10.0),
            note_at("1", 0.0, 0.0),
            note_at("3", 20.0, 170.0),
            note_at("4", 600.0, 500.0),
        ],
    );
    library.tidy_notes(&workshop, &ids).unwrap();
    let board = library.get_board(&workshop).unwrap();
    let mut notes = board.notes.clone();
    notes.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let placed: Vec<(String, f64, f64)> = notes.into_iter().map(|n| (n.text, n.x, n.y)).collect();
    assert_eq!(
        placed,
        [
            ("1".to_owned(), 0.0, 0.0),
            ("2".to_owned(), 200.0, 0.0),
            ("3".to_owned(), 0.0, 140.0),
            ("4".to_owned(), 200.0, 140.0),
        ]
    );
}

#[test]
fn votes_show_on_the_board_after_the_reveal_and_the_ranking_becomes_a_section() {
    let (_dir, library, workshop) = setup();
    let ids = add(
        &library,
        &workshop,
        &[
            note_at("best", 0.0, 0.0),
            note_at("second", 200.0, 0.0),
            note_at("none", 400.0, 0.0),
        ],
    );
    let round: VotingRound = library
        .create_round(
            &workshop,
            &NewRound {
                title: Some("Pick".into()),
                votes_per_participant: 3,
                max_per_note: 3,
                anonymous: true,
                scope: Default::default(),
                scope_id: None,
                duration_seconds: None,
            },
        )
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    let voters: Vec<String> = (0..2)
        .map(|_| {
            library
                .join_from_phone(&workshop, None, Role::Customer)
                .unwrap()
                .participant
                .id
        })
        .collect();
    let mut client = 0;
    for (voter, picks) in voters.iter().zip([[0, 0, 1], [0, 1, 0]]) {
        for pick in picks {
            client += 1;
            library
                .cast_vote(
                    &workshop,
                    &round.id,
                    voter,
                    &ids[pick],
                    &format!("v{client}"),
                )
                .unwrap();
        }
    }
    // The board is on the projector: no votes on it before the reveal.
    assert!(library.get_board(&workshop).unwrap().votes.is_none());
    library.close_round(&workshop, &round.id).unwrap();
    assert!(library.get_board(&workshop).unwrap().votes.is_none());
    library.reveal_round(&workshop, &round.id).unwrap();
    let votes = library.get_board(&workshop).unwrap().votes.unwrap();
    assert_eq!(votes.round_id, round.id);
    let mut counts = votes.counts.clone();
    counts.sort_by_key(|c| -c.1);
    assert_eq!(counts, [(ids[0].clone(), 4), (ids[1].clone(), 2)]);

    let change = library.ranking_to_section(&workshop, &round.id, 5).unwrap();
    let section = change.upserted::<Cluster>(Table::Clusters).remove(0);
    assert_eq!(section.title, "Top ideas");
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(
        tidy_texts(&board, &section_of(&board, &section.id)),
        ["best", "second"]
    );
    assert_eq!(board.notes.len(), 5, "the originals stay");
    for other in board.clusters.iter().filter(|c| c.id != section.id) {
        assert!(!overlap(other, &section));
    }
    library.undo(&workshop).unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert_eq!((board.notes.len(), board.clusters.len()), (3, 0));
    assert!(library.ranking_to_section(&workshop, &round.id, 0).is_err());
}

#[test]
fn clusters_from_a_version_2_file_get_a_frame_and_a_tidy_grid() {
    let (_dir, library, workshop) = setup();
    let ids = add(
        &library,
        &workshop,
        &[
            note_at("left", 0.0, 0.0),
            note_at("right", 500.0, 20.0),
            note_at("low", 100.0, 400.0),
        ],
    );
    library.group_notes(&workshop, "Old", &ids).unwrap();
    let mut file = serde_json::to_value(library.export_workshop(&workshop).unwrap()).unwrap();
    file["version"] = 2.into();
    for cluster in file["clusters"].as_array_mut().unwrap() {
        for field in ["x", "y", "width", "height", "columns", "collapsed"] {
            cluster.as_object_mut().unwrap().remove(field);
        }
    }
    for (note, (x, y)) in file["notes"].as_array_mut().unwrap().iter_mut().zip([
        (900.0, 10.0),
        (300.0, 0.0),
        (0.0, 500.0),
    ]) {
        note["x"] = x.into();
        note["y"] = y.into();
        note.as_object_mut().unwrap().remove("hidden");
    }
    let copy = library.import_workshop(&file.to_string()).unwrap().id;
    let board = library.get_board(&copy).unwrap();
    assert_eq!(
        tidy_texts(&board, &board.clusters[0]),
        ["right", "left", "low"]
    );

    file["clusters"][0]["columns"] = 0.into();
    file["clusters"][0]["width"] = 420.into();
    file["version"] = 3.into();
    let error = library.import_workshop(&file.to_string()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("clusters[0].columns must be from 1 to 12"),
        "{error}"
    );
}

#[test]
fn a_loose_note_is_resized_and_its_text_size_set_within_limits_in_one_undo_step() {
    use fiilis_core::board::TextSize;
    let (_dir, library, workshop) = setup();
    let id = add(&library, &workshop, &[note_at("big idea", 0.0, 0.0)]).remove(0);
    let edit = |width, height, text_size| NoteEdit {
        id: id.clone(),
        width,
        height,
        text_size,
        ..Default::default()
    };
    library
        .update_notes(
            &workshop,
            &[edit(Some(360.0), Some(240.0), Some(TextSize::L))],
        )
        .unwrap();
    let note = library.get_board(&workshop).unwrap().notes.remove(0);
    assert_eq!(
        (note.width, note.height, note.text_size),
        (360.0, 240.0, TextSize::L)
    );
    for (width, height) in [(100.0, 120.0), (180.0, 800.0), (f64::NAN, 120.0)] {
        let error = library
            .update_notes(&workshop, &[edit(Some(width), Some(height), None)])
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("a note is 120–720 wide and 80–720 high"),
            "{error}"
        );
    }
    library.undo(&workshop).unwrap();
    let note = library.get_board(&workshop).unwrap().notes.remove(0);
    assert_eq!(
        (note.width, note.height, note.text_size),
        (NOTE_WIDTH, NOTE_HEIGHT, TextSize::M)
    );
    // A file with a note out of the limits is refused, naming it.
    let mut file = serde_json::to_value(library.export_workshop(&workshop).unwrap()).unwrap();
    file["notes"][0]["width"] = 5_000.into();
    let error = library.import_workshop(&file.to_string()).unwrap_err();
    assert!(error.to_string().contains("notes[0].size"), "{error}");
}
