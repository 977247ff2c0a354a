//! Workshop operations through the store API: templates, validation, trash, duplicates.

use fiilis_core::workshops::{NewWorkshop, WorkshopChanges, WorkshopQuery};
use fiilis_core::{Language, Library, TemplateId};

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    (dir, library)
}

fn new(title: &str) -> NewWorkshop {
    NewWorkshop {
        title: title.into(),
        ..Default::default()
    }
}

fn titles(library: &Library, query: WorkshopQuery) -> Vec<String> {
    library
        .list_workshops(&query)
        .unwrap()
        .into_iter()
        .map(|w| w.title)
        .collect()
}

fn count_rows(library: &Library, table: &str) -> i64 {
    rusqlite::Connection::open(library.path())
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_hotel_workshop_gets_the_eight_stages_in_its_language() {
    let (_dir, library) = library();
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "  Hotel day  ".into(),
            date: Some("2026-11-23".into()),
            language: Language::Fi,
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(workshop.title, "Hotel day");
    assert_eq!(workshop.date.as_deref(), Some("2026-11-23"));
    assert_eq!(workshop.stages.len(), 8);
    assert_eq!(workshop.stages[3].title, "Saapuminen / sisäänkirjautuminen");
    let positions: Vec<_> = workshop.stages.iter().map(|s| s.position).collect();
    assert_eq!(positions, (0..8).collect::<Vec<_>>());
    assert_eq!(library.get_workshop(&workshop.id).unwrap(), workshop);
}

#[test]
fn bad_input_is_refused_with_a_clear_message_and_nothing_written() {
    let (_dir, library) = library();
    let cases = [
        (new("   "), "title must not be empty"),
        (
            new(&"x".repeat(201)),
            "title is 201 characters long; the limit is 200",
        ),
        (
            NewWorkshop {
                date: Some("23.11.2026".into()),
                ..new("ok")
            },
            "date must be a calendar date",
        ),
        (
            NewWorkshop {
                goal: "g".repeat(2_001),
                ..new("ok")
            },
            "goal is 2001 characters long",
        ),
    ];
    for (input, expected) in cases {
        let error = library.create_workshop(&input).unwrap_err();
        assert_eq!(error.code(), "invalid_input");
        assert!(error.to_string().contains(expected), "{error}");
    }
    assert_eq!(count_rows(&library, "workshops"), 0);
    assert_eq!(count_rows(&library, "stages"), 0);
    // Exactly at the limit is fine, counted in characters, not bytes.
    library.create_workshop(&new(&"ä".repeat(200))).unwrap();
}

#[test]
fn editing_changes_only_the_given_fields_and_can_clear_the_date() {
    let (_dir, library) = library();
    let workshop = library
        .create_workshop(&NewWorkshop {
            date: Some("2026-01-02".into()),
            goal: "Goal".into(),
            ..new("Before")
        })
        .unwrap();
    let renamed = library
        .update_workshop(&WorkshopChanges {
            id: workshop.id.clone(),
            title: Some("After".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(renamed.title, "After");
    assert_eq!(renamed.goal, "Goal");
    assert_eq!(renamed.date.as_deref(), Some("2026-01-02"));
    assert!(renamed.updated_at >= workshop.updated_at);
    let cleared = library
        .update_workshop(&WorkshopChanges {
            id: workshop.id.clone(),
            date: Some(None),
            language: Some(Language::Fi),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(cleared.date, None);
    assert_eq!(cleared.language, Language::Fi);

    let unknown = library
        .update_workshop(&WorkshopChanges {
            id: "nope".into(),
            title: Some("x".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(unknown.code(), "not_found");
    assert!(unknown.to_string().contains("nope"));
}

#[test]
fn trash_and_restore_round_trip_keeps_everything() {
    let (_dir, library) = library();
    let workshop = library
        .create_workshop(&NewWorkshop {
            template: TemplateId::Digital,
            ..new("Round trip")
        })
        .unwrap();
    let trashed = library.trash_workshop(&workshop.id).unwrap();
    assert!(trashed.trashed_at.is_some());
    assert!(titles(&library, WorkshopQuery::default()).is_empty());
    assert_eq!(
        titles(
            &library,
            WorkshopQuery {
                trashed: true,
                ..Default::default()
            }
        ),
        ["Round trip"]
    );

    let edit = library.update_workshop(&WorkshopChanges {
        id: workshop.id.clone(),
        title: Some("Changed in the trash".into()),
        ..Default::default()
    });
    assert_eq!(edit.unwrap_err().code(), "in_trash");
    assert_eq!(
        library.trash_workshop(&workshop.id).unwrap_err().code(),
        "in_trash"
    );

    let restored = library.restore_workshop(&workshop.id).unwrap();
    assert_eq!(restored.trashed_at, None);
    assert_eq!(restored.stages, workshop.stages);
    assert_eq!(restored.title, "Round trip");
    assert_eq!(
        library.restore_workshop(&workshop.id).unwrap_err().code(),
        "not_in_trash"
    );
}

#[test]
fn only_a_trashed_workshop_can_be_deleted_and_its_stages_go_with_it() {
    let (_dir, library) = library();
    let workshop = library
        .create_workshop(&NewWorkshop {
            template: TemplateId::Hotel,
            ..new("Doomed")
        })
        .unwrap();
    assert_eq!(
        library.delete_workshop(&workshop.id).unwrap_err().code(),
        "not_in_trash"
    );
    assert_eq!(count_rows(&library, "stages"), 8);
    library.trash_workshop(&workshop.id).unwrap();
    library.delete_workshop(&workshop.id).unwrap();
    assert_eq!(
        library.get_workshop(&workshop.id).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(count_rows(&library, "stages"), 0);
    assert_eq!(
        library.delete_workshop(&workshop.id).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn duplicating_copies_everything_under_new_ids() {
    let (_dir, library) = library();
    let original = library
        .create_workshop(&NewWorkshop {
            template: TemplateId::Hotel,
            goal: "Same goal".into(),
            language: Language::Fi,
            ..new("Alkuperäinen")
        })
        .unwrap();
    let copy = library.duplicate_workshop(&original.id, None).unwrap();
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.title, "Alkuperäinen (kopio)");
    assert_eq!(copy.goal, "Same goal");
    assert_eq!(copy.stages.len(), 8);
    for (a, b) in copy.stages.iter().zip(&original.stages) {
        assert_ne!(a.id, b.id);
        assert_eq!((a.position, &a.title), (b.position, &b.title));
    }
    let named = library
        .duplicate_workshop(&original.id, Some("Breakout B"))
        .unwrap();
    assert_eq!(named.title, "Breakout B");
    assert_eq!(count_rows(&library, "stages"), 24);
}

#[test]
fn the_library_lists_recent_first_and_search_folds_finnish_letters() {
    let (_dir, library) = library();
    let first = library.create_workshop(&new("Ääninen palvelu")).unwrap();
    library.create_workshop(&new("Second")).unwrap();
    library
        .create_workshop(&NewWorkshop {
            facilitator: "Öberg".into(),
            ..new("Third")
        })
        .unwrap();
    assert_eq!(
        titles(&library, WorkshopQuery::default()),
        ["Third", "Second", "Ääninen palvelu"]
    );
    // Editing the oldest brings it to the top.
    library
        .update_workshop(&WorkshopChanges {
            id: first.id,
            goal: Some("touched".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        titles(&library, WorkshopQuery::default())[0],
        "Ääninen palvelu"
    );
    let search = |text: &str| {
        titles(
            &library,
            WorkshopQuery {
                search: Some(text.into()),
                ..Default::default()
            },
        )
    };
    assert_eq!(search("ääni"), ["Ääninen palvelu"]);
    assert_eq!(search("öBERG"), ["Third"]);
    assert_eq!(search("TOUCHED"), ["Ääninen palvelu"]);
    assert!(search("nothing like this").is_empty());
}

#[test]
fn search_finds_what_people_wrote_inside_by_the_beginnings_of_words() {
    use fiilis_core::board::NoteEdit;
    use fiilis_core::journey::StageEdit;
    use fiilis_core::personas::{PersonaFields, Section, SectionBody};
    let (_dir, library) = library();
    let hotel = library
        .create_workshop(&NewWorkshop {
            language: Language::Fi,
            template: TemplateId::Hotel,
            ..new("Hotelli")
        })
        .unwrap();
    let other = library.create_workshop(&new("Bank")).unwrap();
    let note = |workshop: &str, text: &str| {
        library
            .create_notes(workshop, &[fiilis_testkit::note(text)])
            .unwrap()
            .upserted(fiilis_core::Table::Notes)
            .remove(0)
    };
    let breakfast: fiilis_core::board::Note = note(&hotel.id, "Kahvikoneen jono on pitkä");
    note(&other.id, "Queue at the counter");
    library
        .create_persona(
            &other.id,
            &PersonaFields {
                name: Some("Maija".into()),
                sections: Some(vec![Section {
                    id: String::new(),
                    title: "Habits".into(),
                    body: SectionBody::List {
                        items: vec!["Pays with a smartwatch".into()],
                    },
                }]),
                ..Default::default()
            },
        )
        .unwrap();
    let found = |text: &str| {
        library
            .list_workshops(&WorkshopQuery {
                search: Some(text.into()),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|w| (w.title, w.matched.unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    // A note, by the beginning of a word, in any case; the match is shown in its words.
    assert_eq!(
        found("KAHVIKON"),
        [("Hotelli".to_owned(), "Kahvikoneen jono on pitkä".to_owned())]
    );
    // A stage of the Finnish hotel template, a persona's own section, a word from each.
    assert_eq!(found("sisäänkirj")[0].0, "Hotelli");
    assert_eq!(found("smartwatch")[0].0, "Bank");
    assert!(
        found("habits kind").is_empty(),
        "every word is needed; JSON keys are not text"
    );
    // What FTS5 would read as syntax is only text.
    for odd in ["\"", "*", "AND", "NEAR(", "-queue", "text:queue", "^"] {
        library
            .list_workshops(&WorkshopQuery {
                search: Some(odd.into()),
                ..Default::default()
            })
            .unwrap();
    }
    assert_eq!(found("-queue")[0].0, "Bank");
    // Edits and deletions keep the index true.
    library
        .update_notes(
            &hotel.id,
            &[NoteEdit {
                id: breakfast.id.clone(),
                text: Some("Teekannu hukassa".into()),
                ..Default::default()
            }],
        )
        .unwrap();
    assert!(
        found("kahvikon").is_empty(),
        "the old text is gone from the index"
    );
    assert_eq!(found("teekann")[0].0, "Hotelli");
    let stage = library.get_journey(&hotel.id).unwrap().stages[0].id.clone();
    library
        .update_stage(
            &hotel.id,
            &StageEdit {
                id: stage,
                pain_points: Some("Wifi-salasana hukassa".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found("salasana")[0].0, "Hotelli");
    library.undo(&hotel.id).unwrap();
    assert!(
        found("salasana").is_empty(),
        "an undone edit is no longer found"
    );
    // Deleting a workshop takes its texts out of the index: one index row per searched row.
    library.trash_workshop(&other.id).unwrap();
    library.delete_workshop(&other.id).unwrap();
    let searched = ["notes", "clusters", "stages", "personas"]
        .iter()
        .map(|table| count_rows(&library, table))
        .sum::<i64>();
    assert_eq!(count_rows(&library, "search_text"), searched);
    assert_eq!(count_rows(&library, "search_keys"), searched);
}

#[test]
fn the_library_sorts_by_title_with_finnish_letters_last_and_by_date() {
    let (_dir, library) = library();
    for (title, date) in [
        ("ähky", Some("2026-01-05")),
        ("Zeta", None),
        ("alpha", Some("2026-03-01")),
        ("Öljy", Some("2025-12-31")),
        ("Beta", None),
    ] {
        library
            .create_workshop(&NewWorkshop {
                date: date.map(str::to_owned),
                ..new(title)
            })
            .unwrap();
    }
    let sorted = |sort| {
        titles(
            &library,
            WorkshopQuery {
                sort,
                ..Default::default()
            },
        )
    };
    use fiilis_core::workshops::WorkshopSort;
    assert_eq!(
        sorted(WorkshopSort::Title),
        ["alpha", "Beta", "Zeta", "ähky", "Öljy"]
    );
    assert_eq!(
        sorted(WorkshopSort::Date),
        ["alpha", "ähky", "Öljy", "Beta", "Zeta"]
    );
    assert_eq!(sorted(WorkshopSort::Recent)[0], "Beta");
}

#[test]
fn the_library_counts_what_is_inside_and_draws_each_workshop() {
    let (_dir, library) = library();
    let hotel = library
        .create_workshop(&NewWorkshop {
            template: TemplateId::Hotel,
            ..new("Hotel")
        })
        .unwrap();
    let journey_only = library.get_workshop(&hotel.id).unwrap();
    assert_eq!(journey_only.stages.len(), 8);
    let svg = library.workshop_thumbnail(&hotel.id).unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    assert_eq!(
        svg.matches("<rect").count(),
        1 + 2 * 8,
        "the stages, before any note"
    );
    let summary = &library.list_workshops(&WorkshopQuery::default()).unwrap()[0];
    assert_eq!(
        (
            summary.stage_count,
            summary.note_count,
            summary.persona_count
        ),
        (8, 0, 0)
    );
    assert!(library.workshop_thumbnail("no-such-workshop").is_err());
}

#[test]
fn the_sample_workshop_is_seeded_once_and_never_again() {
    let (dir, library) = library();
    let sample = library
        .seed_sample_on_first_start(Language::En)
        .unwrap()
        .expect("first start seeds the sample");
    assert_eq!(sample.template, TemplateId::Hotel);
    assert_eq!(sample.stages.len(), 8);
    assert!(library
        .seed_sample_on_first_start(Language::En)
        .unwrap()
        .is_none());

    library.trash_workshop(&sample.id).unwrap();
    library.delete_workshop(&sample.id).unwrap();
    drop(library);
    let reopened = Library::open_in_dir(dir.path()).unwrap();
    assert!(reopened
        .seed_sample_on_first_start(Language::Fi)
        .unwrap()
        .is_none());
    assert!(reopened
        .list_workshops(&WorkshopQuery::default())
        .unwrap()
        .is_empty());
}
