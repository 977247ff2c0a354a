//! Phones' writes share commits: many at once from many threads, each still all-or-nothing,
//! answered only once stored, a refused one rolling back alone.

mod support;

use std::sync::{Arc, Barrier};

use fiilis_core::participants::Role;
use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::{Library, Table};
use support::note;

/// A hotel workshop with `notes` notes, `phones` participants and an open round.
fn room(
    phones: usize,
    notes: usize,
) -> (
    tempfile::TempDir,
    Arc<Library>,
    String,
    String,
    Vec<String>,
    Vec<String>,
) {
    let (dir, library, workshop) = fiilis_testkit::library_with_hotel("Votes");
    let texts: Vec<_> = (0..notes).map(|n| note(&format!("idea {n}"))).collect();
    let notes: Vec<String> = library
        .create_notes(&workshop, &texts)
        .unwrap()
        .upserted::<fiilis_core::board::Note>(Table::Notes)
        .into_iter()
        .map(|n| n.id)
        .collect();
    let people: Vec<String> = (0..phones)
        .map(|n| {
            library
                .add_participant(&workshop, Some(&format!("phone {n}")), Role::Customer)
                .unwrap()
                .id
        })
        .collect();
    let round: VotingRound = library
        .create_round(
            &workshop,
            &NewRound {
                votes_per_participant: 5,
                max_per_note: 2,
                ..NewRound::default()
            },
        )
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    (dir, Arc::new(library), workshop, round.id, people, notes)
}

/// Runs `act` for every one of `people` on a thread of its own, all let go at once; answers
/// what each answered, in the order of `people`.
fn all_at_once<T: Send + 'static>(
    people: &[String],
    act: impl Fn(String) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let (act, start) = (Arc::new(act), Arc::new(Barrier::new(people.len())));
    let threads: Vec<_> = people
        .iter()
        .cloned()
        .map(|person| {
            let (act, start) = (act.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                act(person)
            })
        })
        .collect();
    threads
        .into_iter()
        .map(|thread| thread.join().unwrap())
        .collect()
}

#[test]
fn concurrent_votes_commit_together_and_a_refused_one_rolls_back_alone() {
    let (_dir, library, workshop, round, people, notes) = room(16, 4);
    let (voter, ws, rd) = (library.clone(), workshop.clone(), round.clone());
    let answered = all_at_once(&people, move |person| {
        // Three votes on one note: the third is over the cap of two and refused;
        // then four more spread out: the last is over the budget of five.
        [0, 0, 0, 1, 2, 3, 1]
            .into_iter()
            .enumerate()
            .map(|(n, note)| {
                voter
                    .cast_vote(&ws, &rd, &person, &notes[note], &format!("{person}-{n}"))
                    .map(|receipt| receipt.votes_left)
                    .map_err(|error| error.code().as_str())
            })
            .collect::<Vec<_>>()
    });
    for answers in answered {
        assert_eq!(
            answers,
            [
                Ok(4),
                Ok(3),
                Err("note_cap_reached"),
                Ok(2),
                Ok(1),
                Ok(0),
                Err("budget_exhausted")
            ]
        );
    }
    let progress = library.round_progress(&workshop, &round).unwrap();
    assert!(progress.participants.iter().all(|p| p.votes_used == 5));
    assert!(library.check().unwrap().ok);
}

#[test]
fn a_resent_vote_is_answered_as_the_first_time_even_in_one_batch() {
    let (_dir, library, workshop, round, people, notes) = room(1, 1);
    let start = Arc::new(Barrier::new(8));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (library, workshop, round, person, note, start) = (
                library.clone(),
                workshop.clone(),
                round.clone(),
                people[0].clone(),
                notes[0].clone(),
                start.clone(),
            );
            std::thread::spawn(move || {
                start.wait();
                library
                    .cast_vote(&workshop, &round, &person, &note, "the-same-vote")
                    .unwrap()
                    .votes_left
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), 4, "counted once");
    }
    let progress = library.round_progress(&workshop, &round).unwrap();
    assert_eq!(progress.participants[0].votes_used, 1);
}

#[test]
fn watchers_hear_each_committed_vote_once_after_its_commit() {
    let (_dir, library, workshop, round, people, notes) = room(4, 2);
    let heard = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = heard.clone();
    let reader = library.clone();
    let (ws, rd) = (workshop.clone(), round.clone());
    library.watch(move |change| {
        // What a watcher is told is already readable by anyone.
        let used: i64 = reader
            .round_progress(&ws, &rd)
            .unwrap()
            .participants
            .iter()
            .map(|p| p.votes_used)
            .sum();
        log.lock().unwrap().push((change.revision, used));
        true
    });
    let threads: Vec<_> = people
        .iter()
        .cloned()
        .map(|person| {
            let (library, workshop, round, note) = (
                library.clone(),
                workshop.clone(),
                round.clone(),
                notes[0].clone(),
            );
            std::thread::spawn(move || {
                library
                    .cast_vote(&workshop, &round, &person, &note, "one")
                    .unwrap();
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let heard = heard.lock().unwrap();
    assert_eq!(heard.len(), 4, "one change per vote");
    let mut revisions: Vec<i64> = heard.iter().map(|(revision, _)| *revision).collect();
    revisions.dedup();
    assert_eq!(revisions.len(), 4, "each with its own revision");
    assert!(
        heard.iter().all(|(_, used)| *used >= 1),
        "heard after commit: {heard:?}"
    );
}

#[test]
fn watchers_hear_batches_in_the_order_they_were_committed() {
    let (_dir, library, workshop, round, people, notes) = room(16, 4);
    let heard = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = heard.clone();
    library.watch(move |change| {
        log.lock().unwrap().push(change.revision);
        true
    });
    all_at_once(&people, move |person| {
        for (n, note) in notes.iter().enumerate() {
            library
                .cast_vote(&workshop, &round, &person, note, &format!("v{n}"))
                .unwrap();
        }
    });
    let heard = heard.lock().unwrap();
    assert_eq!(heard.len(), 16 * 4, "one change per vote");
    assert!(
        heard.windows(2).all(|pair| pair[0] < pair[1]),
        "revisions heard out of commit order: {heard:?}"
    );
}
