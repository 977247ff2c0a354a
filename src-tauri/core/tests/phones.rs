//! What phones may do and see: join with a secret, idempotent notes, their own votes only.

use fiilis_core::participants::Role;
use fiilis_core::phones::PhoneNote;
use fiilis_core::voting::{NewRound, RoundStatus, VotingRound};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Library, Table};

fn setup() -> (tempfile::TempDir, Library, String) {
    fiilis_testkit::library_with_hotel("Room")
}

fn phone_note(client_id: &str, text: &str) -> PhoneNote {
    PhoneNote {
        client_id: client_id.into(),
        text: text.into(),
        colour: None,
    }
}

/// Opens a round with the default budget and caps.
fn open_round(library: &Library, workshop: &str) -> VotingRound {
    library
        .create_round(workshop, &NewRound::default())
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0)
}

#[test]
fn a_phone_joins_and_proves_who_it_is_with_its_secret() {
    let (_dir, library, workshop) = setup();
    let joined = library
        .join_from_phone(&workshop, Some(" Aino "), Role::Customer)
        .unwrap();
    assert_eq!(joined.participant.name.as_deref(), Some("Aino"));
    assert!(joined.secret.len() >= 64);
    let found = library
        .participant_by_secret(&workshop, &joined.secret)
        .unwrap();
    assert_eq!(found, joined.participant);
    for wrong in ["", "guess", &joined.secret[1..]] {
        assert_eq!(
            library
                .participant_by_secret(&workshop, wrong)
                .unwrap_err()
                .code(),
            "unauthorized"
        );
    }
    // A secret is good for its own workshop only.
    let other = library
        .create_workshop(&NewWorkshop {
            title: "Other".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    assert_eq!(
        library
            .participant_by_secret(&other, &joined.secret)
            .unwrap_err()
            .code(),
        "unauthorized"
    );
    // The secret never leaves the laptop in a workshop file.
    let file = serde_json::to_string(&library.export_workshop(&workshop).unwrap()).unwrap();
    assert!(!file.contains(&joined.secret));
}

#[test]
fn a_resent_note_is_written_once_and_bad_notes_are_refused() {
    let (_dir, library, workshop) = setup();
    let aino = library
        .join_from_phone(&workshop, None, Role::Customer)
        .unwrap()
        .participant;
    let first = library
        .add_phone_note(&workshop, &aino.id, &phone_note("n1", "Faster check-in"))
        .unwrap();
    let again = library
        .add_phone_note(&workshop, &aino.id, &phone_note("n1", "Faster check-in"))
        .unwrap();
    assert_eq!(first, again);
    library
        .add_phone_note(&workshop, &aino.id, &phone_note("n2", "Quiet rooms"))
        .unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.notes.len(), 2);
    assert_eq!(board.notes[0].author_id.as_deref(), Some(aino.id.as_str()));
    assert_eq!(
        board.undo, None,
        "phone notes are not the facilitator's to undo"
    );
    let empty = library
        .add_phone_note(&workshop, &aino.id, &phone_note("n3", "  "))
        .unwrap_err();
    assert_eq!(empty.to_string(), "text must not be empty");
    let long = library
        .add_phone_note(&workshop, &aino.id, &phone_note("n4", &"x".repeat(1_001)))
        .unwrap_err();
    assert!(long.to_string().contains("the limit is 1000"));
    assert_eq!(library.get_board(&workshop).unwrap().notes.len(), 2);
}

#[test]
fn a_phone_sees_its_own_votes_and_the_results_only_once_revealed() {
    let (_dir, library, workshop) = setup();
    let aino = library
        .join_from_phone(&workshop, Some("Aino"), Role::Customer)
        .unwrap()
        .participant;
    let pekka = library
        .join_from_phone(&workshop, Some("Pekka"), Role::Employee)
        .unwrap()
        .participant;
    let note = library
        .add_phone_note(&workshop, &aino.id, &phone_note("n", "Idea"))
        .unwrap();
    let state = library.phone_state(&workshop, &aino).unwrap();
    assert!(state.round.is_none());
    assert_eq!(state.common.stages.len(), 8);

    let round = open_round(&library, &workshop);
    library
        .cast_vote(&workshop, &round.id, &aino.id, &note.id, "a1")
        .unwrap();
    library
        .cast_vote(&workshop, &round.id, &pekka.id, &note.id, "p1")
        .unwrap();
    let mine = library
        .phone_state(&workshop, &aino)
        .unwrap()
        .round
        .unwrap();
    assert_eq!(mine.my_votes, [(note.id.clone(), "a1".to_owned())]);
    assert_eq!(mine.votes_left, 4);
    assert_eq!(mine.shown.notes.len(), 1);
    assert!(mine.shown.results.is_none(), "no results while voting");
    let json = serde_json::to_string(&mine).unwrap();
    assert!(
        !json.contains("p1") && !json.contains(&pekka.id),
        "nothing of others' votes: {json}"
    );

    library.close_round(&workshop, &round.id).unwrap();
    assert!(library
        .phone_state(&workshop, &aino)
        .unwrap()
        .round
        .unwrap()
        .shown
        .results
        .is_none());
    library.reveal_round(&workshop, &round.id).unwrap();
    let revealed = library
        .phone_state(&workshop, &aino)
        .unwrap()
        .round
        .unwrap();
    assert_eq!(revealed.shown.status, RoundStatus::Revealed);
    assert_eq!(revealed.shown.results.unwrap()[0].votes, 2);
}

#[test]
fn a_phone_sees_only_the_notes_a_scoped_round_is_about() {
    let (_dir, library, workshop) = setup();
    let aino = library
        .join_from_phone(&workshop, None, Role::Customer)
        .unwrap()
        .participant;
    let inside = library
        .add_phone_note(&workshop, &aino.id, &phone_note("a", "Inside"))
        .unwrap();
    library
        .add_phone_note(&workshop, &aino.id, &phone_note("b", "Outside"))
        .unwrap();
    let cluster = library
        .group_notes(&workshop, "Mornings", std::slice::from_ref(&inside.id))
        .unwrap()
        .upserted::<fiilis_core::board::Cluster>(Table::Clusters)
        .remove(0);
    library
        .create_round(
            &workshop,
            &NewRound {
                scope: fiilis_core::voting::Scope::Cluster,
                scope_id: Some(cluster.id),
                votes_per_participant: 2,
                ..Default::default()
            },
        )
        .unwrap();
    let round = library
        .phone_state(&workshop, &aino)
        .unwrap()
        .round
        .unwrap();
    let texts: Vec<&str> = round.shown.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Inside"]);
    assert_eq!((round.votes_left, round.done), (2, false));
}

#[test]
fn votes_leave_the_view_phones_share_as_it_was_and_a_note_makes_it_anew() {
    let (_dir, library, workshop) = setup();
    let aino = library
        .join_from_phone(&workshop, Some("Aino"), Role::Customer)
        .unwrap()
        .participant;
    let note = library
        .add_phone_note(&workshop, &aino.id, &phone_note("n", "Idea"))
        .unwrap();
    let round = open_round(&library, &workshop);
    let before = library.phone_view(&workshop).unwrap();
    library
        .cast_vote(&workshop, &round.id, &aino.id, &note.id, "a1")
        .unwrap();
    let after_vote = library.phone_view(&workshop).unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&before, &after_vote),
        "a vote changes only the voter's own view"
    );
    assert_eq!(
        library
            .phone_state(&workshop, &aino)
            .unwrap()
            .round
            .unwrap()
            .my_votes
            .len(),
        1,
        "the voter's own part is read afresh"
    );
    library.close_round(&workshop, &round.id).unwrap();
    let closed = library.phone_view(&workshop).unwrap();
    assert!(!std::sync::Arc::ptr_eq(&before, &closed));
    assert!(!closed.differs_from(&closed));
    assert!(closed.differs_from(&before), "phones see the round closed");
}

#[test]
fn the_shared_view_sent_to_every_phone_is_what_each_phone_fetches_less_its_own() {
    let (_dir, library, workshop) = setup();
    let aino = library
        .join_from_phone(&workshop, Some("Aino"), Role::Customer)
        .unwrap()
        .participant;
    let note = library
        .add_phone_note(
            &workshop,
            &aino.id,
            &phone_note("n", "Jono <b>kassalla</b>"),
        )
        .unwrap();
    let round = open_round(&library, &workshop);
    library
        .cast_vote(&workshop, &round.id, &aino.id, &note.id, "aino-vote-1")
        .unwrap();
    let mut fetched = serde_json::to_value(library.phone_state(&workshop, &aino).unwrap()).unwrap();
    let shared = serde_json::to_value(library.phone_shared(&workshop).unwrap()).unwrap();
    // A phone's own part: who it is, its notes and ratings, its votes in the round.
    let state = fetched.as_object_mut().unwrap();
    for own in ["participant_id", "name", "my_notes", "my_ratings"] {
        assert!(state.remove(own).is_some(), "{own} is the phone's own");
    }
    let round = state["round"].as_object_mut().unwrap();
    for own in ["votes_left", "done", "my_votes"] {
        assert!(round.remove(own).is_some(), "{own} is the phone's own");
    }
    assert_eq!(fetched, shared);
    let text = shared.to_string();
    assert!(
        !text.contains(&aino.id) && !text.contains("aino-vote-1"),
        "nothing of anyone's own in what every phone is sent: {text}"
    );
}
