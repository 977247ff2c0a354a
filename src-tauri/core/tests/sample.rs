//! The sample workshop of a library's first start: a finished workshop in either language,
//! read from workshop files that any import would accept.

use fiilis_core::emotions::Variant;
use fiilis_core::sample::file_text;
use fiilis_core::voting::{RoundStatus, Viewer};
use fiilis_core::workshops::WorkshopQuery;
use fiilis_core::{templates, Language, TemplateId};

use fiilis_testkit::library;

#[test]
fn each_language_seeds_a_finished_workshop_dated_today() {
    for (language, title) in [
        (Language::En, "Sample: a hotel stay"),
        (Language::Fi, "Esimerkki: hotellivierailu"),
    ] {
        let (_dir, library) = library();
        let sample = library
            .seed_sample_on_first_start(language)
            .unwrap()
            .expect("a first start seeds the sample");
        assert_eq!(sample.title, title);
        assert_eq!(sample.language, language);
        assert_eq!(sample.template, TemplateId::Hotel);
        let today = chrono::Utc::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string();
        assert_eq!(sample.date.as_deref(), Some(today.as_str()));
        let template: Vec<_> = templates::stages(TemplateId::Hotel, language)
            .iter()
            .map(|seed| seed.title)
            .collect();
        let stages: Vec<_> = sample.stages.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(stages, template, "the hotel template's stages, in order");
        for stage in &sample.stages {
            assert!(
                !stage.pain_points.is_empty()
                    && !stage.opportunities.is_empty()
                    && !stage.channels.is_empty(),
                "{language:?}: the journey cells of {} are filled",
                stage.title
            );
        }

        let file = library.export_workshop(&sample.id).unwrap();
        assert!((14..=20).contains(&file.notes.len()), "{language:?} notes");
        assert!((3..=4).contains(&file.clusters.len()));
        let loose = file.notes.iter().filter(|n| n.cluster_id.is_none()).count();
        assert!(loose >= 2, "{language:?}: {loose} notes outside clusters");
        assert!(file.notes.iter().filter(|n| n.stage_id.is_some()).count() >= 5);
        assert_eq!(file.personas.len(), 2);
        for persona in &file.personas {
            for (field, text) in [
                ("name", &persona.name),
                ("age", &persona.age),
                ("occupation", &persona.occupation),
                ("quote", &persona.quote),
                ("background", &persona.background),
                ("goals", &persona.goals),
                ("needs", &persona.needs),
                ("pains", &persona.pains),
                ("expectations", &persona.expectations),
            ] {
                assert!(
                    !text.is_empty(),
                    "{language:?}: {} has no {field}",
                    persona.name
                );
            }
            assert!(!persona.channels.is_empty() && !persona.sections.is_empty());
            for variant in [Variant::Current, Variant::Target] {
                let curve = file
                    .emotions
                    .iter()
                    .filter(|p| p.persona_id == persona.id && p.variant == variant)
                    .count();
                assert_eq!(curve, 8, "{language:?}: {variant:?} of {}", persona.name);
            }
        }
        assert!(file.participants.iter().all(|p| p.name.is_some()));
        assert!(file.participants.len() >= 3);

        let rounds = library.list_rounds(&sample.id).unwrap();
        assert_eq!(rounds.len(), 1);
        assert_eq!(rounds[0].status, RoundStatus::Revealed);
        assert!(!rounds[0].anonymous, "named, so the report lists voters");
        let results = library
            .round_results(&sample.id, &rounds[0].id, Viewer::Participant)
            .unwrap();
        assert!(results.len() >= 3, "{language:?}: {results:?}");
        assert!(results[0].votes > results[results.len() - 1].votes);
        assert!(results.iter().all(|r| !r.voters.is_empty()));

        // Seeding is the library's start, not an edit the facilitator could undo.
        assert_eq!(library.get_board(&sample.id).unwrap().undo, None);
        let health = library.check().unwrap();
        assert!(health.ok, "{language:?}: {health:?}");
    }
}

#[test]
fn both_sample_files_pass_the_checks_of_any_imported_file() {
    for language in [Language::En, Language::Fi] {
        let (_dir, library) = library();
        let imported = library.import_workshop(file_text(language)).unwrap();
        assert_eq!(imported.language, language);
        assert_eq!(imported.stages.len(), 8);
    }
}

#[test]
fn a_library_that_was_seeded_is_not_seeded_again() {
    let (_dir, library) = library();
    library
        .seed_sample_on_first_start(Language::Fi)
        .unwrap()
        .expect("the first start seeds");
    assert!(library
        .seed_sample_on_first_start(Language::Fi)
        .unwrap()
        .is_none());
    assert!(library
        .seed_sample_on_first_start(Language::En)
        .unwrap()
        .is_none());
    assert_eq!(
        library
            .list_workshops(&WorkshopQuery::default())
            .unwrap()
            .len(),
        1
    );
}
