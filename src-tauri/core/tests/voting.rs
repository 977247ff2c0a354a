//! Dot voting: budgets and caps under concurrency, idempotent retries, scopes, secrecy.

use std::sync::Arc;

use fiilis_core::board::{NewNote, Note};
use fiilis_core::participants::{Participant, Role};
use fiilis_core::voting::{NewRound, RoundStatus, Scope, Viewer, VotingRound};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Library, Table, TemplateId};

struct Room {
    _dir: tempfile::TempDir,
    library: Arc<Library>,
    workshop: String,
    notes: Vec<Note>,
}

fn room(notes: usize) -> Room {
    let dir = tempfile::tempdir().unwrap();
    let library = Arc::new(Library::open_in_dir(dir.path()).unwrap());
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "Vote".into(),
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .unwrap()
        .id;
    let new: Vec<NewNote> = (0..notes)
        .map(|i| NewNote {
            text: format!("Idea {i}"),
            colour: "yellow".into(),
            x: i as f64 * 200.0,
            y: 0.0,
            cluster_id: None,
            stage_id: None,
            persona_id: None,
            author_id: None,
        })
        .collect();
    let notes = library
        .create_notes(&workshop, &new)
        .unwrap()
        .upserted(Table::Notes);
    Room {
        _dir: dir,
        library,
        workshop,
        notes,
    }
}

impl Room {
    fn participant(&self, name: &str) -> Participant {
        self.library
            .add_participant(&self.workshop, Some(name), Role::Customer)
            .unwrap()
    }

    fn round(&self, new: NewRound) -> VotingRound {
        self.library
            .create_round(&self.workshop, &new)
            .unwrap()
            .upserted(Table::VotingRounds)
            .remove(0)
    }
}

#[test]
fn budgets_and_caps_hold_under_concurrent_votes_from_many_phones() {
    let room = room(6);
    let round = room.round(NewRound {
        votes_per_participant: 5,
        max_per_note: 2,
        ..Default::default()
    });
    let participants: Vec<Participant> = (0..12)
        .map(|i| room.participant(&format!("P{i}")))
        .collect();
    let threads: Vec<_> = participants
        .iter()
        .enumerate()
        .map(|(index, participant)| {
            let library = room.library.clone();
            let (workshop, round, participant) = (
                room.workshop.clone(),
                round.id.clone(),
                participant.id.clone(),
            );
            let notes: Vec<String> = room.notes.iter().map(|n| n.id.clone()).collect();
            std::thread::spawn(move || {
                // Each phone tries twice its budget, piling onto two notes, and resends every
                // vote once as a phone does after a lost acknowledgement.
                let mut accepted = 0;
                for attempt in 0..10 {
                    let note = &notes[(index + attempt / 3) % notes.len()];
                    let client_id = format!("{participant}-{attempt}");
                    let first =
                        library.cast_vote(&workshop, &round, &participant, note, &client_id);
                    let retry =
                        library.cast_vote(&workshop, &round, &participant, note, &client_id);
                    if let Ok(receipt) = &first {
                        accepted += 1;
                        assert_eq!(
                            retry.as_ref().ok(),
                            Some(receipt),
                            "a retry answers the same"
                        );
                    } else {
                        assert!(retry.is_err());
                    }
                }
                accepted
            })
        })
        .collect();
    let accepted: Vec<i64> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let progress = room
        .library
        .round_progress(&room.workshop, &round.id)
        .unwrap();
    for (participant, accepted) in progress.participants.iter().zip(&accepted) {
        assert_eq!(
            participant.votes_used, *accepted,
            "every accepted vote counted once"
        );
        assert!(
            participant.votes_used <= 5,
            "budget exceeded: {participant:?}"
        );
        assert_eq!(participant.votes_left, 5 - participant.votes_used);
    }
    let conn = rusqlite::Connection::open(room.library.path()).unwrap();
    let worst: i64 = conn
        .query_row(
            "SELECT max(c) FROM (SELECT count(*) c FROM votes GROUP BY participant_id, note_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(worst <= 2, "per-note cap exceeded: {worst}");
    let total: i64 = conn
        .query_row("SELECT count(*) FROM votes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, accepted.iter().sum::<i64>());
}

#[test]
fn refusals_say_why() {
    let room = room(3);
    let round = room.round(NewRound {
        votes_per_participant: 2,
        max_per_note: 1,
        ..Default::default()
    });
    let aino = room.participant("Aino");
    let vote = |note: usize, client: &str| {
        room.library.cast_vote(
            &room.workshop,
            &round.id,
            &aino.id,
            &room.notes[note].id,
            client,
        )
    };
    let first = vote(0, "a").unwrap();
    assert_eq!((first.on_note, first.votes_left), (1, 1));
    assert_eq!(
        vote(0, "b").unwrap_err().to_string(),
        "a note can get at most 1 of your votes"
    );
    vote(1, "c").unwrap();
    assert_eq!(
        vote(2, "d").unwrap_err().to_string(),
        "you have used all 2 of your votes"
    );
    assert_eq!(
        vote(2, " ").unwrap_err().to_string(),
        "client_id must not be empty"
    );
    assert_eq!(
        room.library
            .cast_vote(&room.workshop, &round.id, "ghost", &room.notes[0].id, "e")
            .unwrap_err()
            .code(),
        "not_found"
    );
    // Unvote frees a vote; doing it twice is harmless.
    room.library
        .retract_vote(&room.workshop, &round.id, &aino.id, "c")
        .unwrap();
    room.library
        .retract_vote(&room.workshop, &round.id, &aino.id, "c")
        .unwrap();
    assert_eq!(vote(2, "f").unwrap().votes_left, 0);

    room.library.close_round(&room.workshop, &round.id).unwrap();
    assert_eq!(
        vote(1, "g").unwrap_err().to_string(),
        "this voting round is closed"
    );
    // A retry of a vote made while open still gets its answer.
    assert_eq!(vote(0, "a").unwrap(), first_with_left(&first, 0));
    let settings = room.library.create_round(
        &room.workshop,
        &NewRound {
            votes_per_participant: 100,
            ..Default::default()
        },
    );
    assert!(settings
        .unwrap_err()
        .to_string()
        .contains("votes_per_participant must be from 1 to 99"));
}

fn first_with_left(
    receipt: &fiilis_core::voting::Receipt,
    left: i64,
) -> fiilis_core::voting::Receipt {
    fiilis_core::voting::Receipt {
        votes_left: left,
        ..receipt.clone()
    }
}

#[test]
fn a_round_can_be_limited_to_one_cluster_or_stage() {
    let room = room(4);
    let cluster = room
        .library
        .group_notes(
            &room.workshop,
            "Mornings",
            &[room.notes[0].id.clone(), room.notes[1].id.clone()],
        )
        .unwrap()
        .upserted::<fiilis_core::board::Cluster>(Table::Clusters)
        .remove(0);
    let round = room.round(NewRound {
        scope: Scope::Cluster,
        scope_id: Some(cluster.id.clone()),
        ..Default::default()
    });
    let aino = room.participant("Aino");
    room.library
        .cast_vote(&room.workshop, &round.id, &aino.id, &room.notes[1].id, "in")
        .unwrap();
    let outside = room
        .library
        .cast_vote(
            &room.workshop,
            &round.id,
            &aino.id,
            &room.notes[3].id,
            "out",
        )
        .unwrap_err();
    assert_eq!(
        outside.to_string(),
        "that note is not part of this voting round"
    );
    let second = room
        .library
        .create_round(&room.workshop, &NewRound::default());
    assert!(second
        .unwrap_err()
        .to_string()
        .contains("another voting round is still open"));
    let missing = room.library.create_round(
        &room.workshop,
        &NewRound {
            scope: Scope::Stage,
            ..Default::default()
        },
    );
    assert!(missing
        .unwrap_err()
        .to_string()
        .contains("scope_id is required"));
}

#[test]
fn results_are_hidden_from_participants_until_revealed_and_anonymous_rounds_name_nobody() {
    let room = room(3);
    let round = room.round(NewRound {
        anonymous: false,
        ..Default::default()
    });
    let (aino, pekka) = (room.participant("Aino"), room.participant("Pekka"));
    for (who, note, client) in [(&aino, 2, "1"), (&pekka, 2, "2"), (&pekka, 0, "3")] {
        room.library
            .cast_vote(
                &room.workshop,
                &round.id,
                &who.id,
                &room.notes[note].id,
                client,
            )
            .unwrap();
    }
    room.library
        .add_paper_votes(&room.workshop, &round.id, &room.notes[0].id, 4)
        .unwrap();
    let hidden = room
        .library
        .round_results(&room.workshop, &round.id, Viewer::Participant);
    assert!(hidden
        .unwrap_err()
        .to_string()
        .contains("not been revealed"));
    room.library.close_round(&room.workshop, &round.id).unwrap();
    assert!(room
        .library
        .round_results(&room.workshop, &round.id, Viewer::Participant)
        .is_err());

    let facilitator = room
        .library
        .round_results(&room.workshop, &round.id, Viewer::Facilitator)
        .unwrap();
    let ranked: Vec<(&str, i64)> = facilitator
        .iter()
        .map(|r| (r.text.as_str(), r.votes))
        .collect();
    assert_eq!(ranked, [("Idea 0", 5), ("Idea 2", 2)]);
    assert_eq!(facilitator[1].voters, ["Aino", "Pekka"]);

    room.library
        .reveal_round(&room.workshop, &round.id)
        .unwrap();
    let shown = room
        .library
        .round_results(&room.workshop, &round.id, Viewer::Participant)
        .unwrap();
    assert_eq!(shown, facilitator);
    let rounds = room.library.list_rounds(&room.workshop).unwrap();
    assert_eq!(rounds[0].status, RoundStatus::Revealed);

    let secret = room.round(NewRound::default());
    room.library
        .cast_vote(&room.workshop, &secret.id, &aino.id, &room.notes[1].id, "s")
        .unwrap();
    let results = room
        .library
        .round_results(&room.workshop, &secret.id, Viewer::Facilitator)
        .unwrap();
    assert!(
        results[0].voters.is_empty(),
        "anonymous rounds never name voters"
    );
}

#[test]
fn a_round_whose_timer_ran_out_is_closed_and_votes_never_become_undo_steps() {
    let room = room(2);
    let round = room.round(NewRound {
        duration_seconds: Some(60),
        ..Default::default()
    });
    let aino = room.participant("Aino");
    room.library
        .mark_done(&room.workshop, &round.id, &aino.id)
        .unwrap();
    room.library
        .mark_done(&room.workshop, &round.id, &aino.id)
        .unwrap();
    assert!(
        room.library
            .round_progress(&room.workshop, &round.id)
            .unwrap()
            .participants[0]
            .done
    );
    room.library
        .cast_vote(&room.workshop, &round.id, &aino.id, &room.notes[0].id, "v")
        .unwrap();
    assert_eq!(
        room.library
            .get_board(&room.workshop)
            .unwrap()
            .undo
            .as_deref(),
        Some("create_notes")
    );

    let conn = rusqlite::Connection::open(room.library.path()).unwrap();
    conn.execute(
        "UPDATE voting_rounds SET closes_at = '2000-01-01T00:00:00.000Z'",
        [],
    )
    .unwrap();
    let late = room
        .library
        .cast_vote(&room.workshop, &round.id, &aino.id, &room.notes[1].id, "w");
    assert_eq!(late.unwrap_err().to_string(), "this voting round is closed");
    assert_eq!(
        room.library.list_rounds(&room.workshop).unwrap()[0].status,
        RoundStatus::Closed
    );
    // With the timed-out round closed, a new one may open.
    room.round(NewRound::default());

    // Deleting a voted note takes its votes along, and undo brings both back.
    room.library
        .delete_notes(&room.workshop, &[room.notes[0].id.clone()])
        .unwrap();
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM votes", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(&conn), 0);
    room.library.undo(&room.workshop).unwrap();
    assert_eq!(count(&conn), 1);
}

#[test]
fn tied_notes_share_a_rank_and_the_next_rank_skips() {
    let room = room(5);
    let round = room.round(NewRound::default());
    for (note, votes) in [(0, 1), (1, 3), (2, 3), (3, 2), (4, 3)] {
        room.library
            .add_paper_votes(&room.workshop, &round.id, &room.notes[note].id, votes)
            .unwrap();
    }
    let results = room
        .library
        .round_results(&room.workshop, &round.id, Viewer::Facilitator)
        .unwrap();
    let ranks: Vec<(i64, u32, bool)> = results.iter().map(|r| (r.votes, r.rank, r.tied)).collect();
    assert_eq!(
        ranks,
        [
            (3, 1, true),
            (3, 1, true),
            (3, 1, true),
            (2, 4, false),
            (1, 5, false)
        ]
    );
    assert_eq!(
        fiilis_core::voting::shared_ranks(&[]),
        Vec::<u32>::new(),
        "no results, no ranks"
    );
    assert_eq!(
        fiilis_core::voting::shared_ranks(&[7, 5, 5, 0]),
        [1, 2, 2, 4]
    );
}
