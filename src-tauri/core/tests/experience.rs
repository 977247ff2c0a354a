//! The experience model against a real library file: lanes the facilitator chooses, designed
//! and felt feelings, questions answered from phones (NPS, CSAT, CES, open, poll), survey
//! figures, channel switches — in undo, in workshop files (old ones too) and after a stage
//! is deleted.

use fiilis_core::emotions::{RatingInput, Variant};
use fiilis_core::figures::FigureInput;
use fiilis_core::journey::StageEdit;
use fiilis_core::lanes::NewLane;
use fiilis_core::metrics::QuestionKind;
use fiilis_core::model::LaneKind;
use fiilis_core::participants::Role;
use fiilis_core::questions::{AnswerInput, NewQuestion, QuestionStatus};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Language, Library, TemplateId};
use fiilis_testkit::{library, library_with_hotel};

fn kinds(library: &Library, workshop: &str) -> Vec<(LaneKind, String)> {
    library
        .get_journey(workshop)
        .unwrap()
        .lanes
        .into_iter()
        .map(|lane| (lane.kind, lane.title))
        .collect()
}

fn phone(library: &Library, workshop: &str) -> String {
    library
        .join_from_phone(workshop, None, Role::Customer)
        .unwrap()
        .participant
        .id
}

fn ask(library: &Library, workshop: &str, kind: QuestionKind, stage: Option<&str>) -> String {
    library
        .ask_question(
            workshop,
            &NewQuestion {
                kind,
                prompt: None,
                stage_id: stage.map(str::to_owned),
                options: if kind == QuestionKind::Poll {
                    vec![
                        "Sauna".into(),
                        "Breakfast".into(),
                        "Sauna ".into(),
                        "Pool".into(),
                    ]
                } else {
                    Vec::new()
                },
            },
        )
        .unwrap();
    let questions = library.list_questions(workshop).unwrap();
    questions.last().unwrap().question.id.clone()
}

fn score(question: &str, score: i64) -> AnswerInput {
    AnswerInput {
        question_id: question.to_owned(),
        score: Some(score),
        text: None,
    }
}

#[test]
fn templates_give_their_lanes_and_lanes_reorder_rename_and_go_with_undo() {
    let (_dir, library, workshop) = library_with_hotel("Lanes");
    let lanes = kinds(&library, &workshop);
    assert_eq!(lanes.len(), 9);
    assert_eq!(lanes[1], (LaneKind::Text, "Brand promise".to_owned()));
    let journey = library.get_journey(&workshop).unwrap();
    let promise = journey.lanes[1].id.clone();
    let stage = journey.stages[3].id.clone();
    library
        .set_lane_text(&workshop, &promise, &stage, "  A warm welcome by name  ")
        .unwrap();

    library.move_lane(&workshop, &promise, 8).unwrap();
    library.rename_lane(&workshop, &promise, "Lupaus").unwrap();
    let after = kinds(&library, &workshop);
    assert_eq!(after[8], (LaneKind::Text, "Lupaus".to_owned()));
    assert_eq!(after[1].0, LaneKind::Channels);

    library.delete_lane(&workshop, &promise).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(journey.lanes.len(), 8);
    assert!(journey.cells.is_empty(), "the lane's cells go with it");
    assert_eq!(
        journey.lanes.iter().map(|l| l.position).collect::<Vec<_>>(),
        (0..8).collect::<Vec<_>>()
    );

    library.undo(&workshop).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(journey.lanes[8].title, "Lupaus");
    assert_eq!(journey.cells[0].text, "A warm welcome by name");
    library.undo(&workshop).unwrap();
    library.undo(&workshop).unwrap();
    assert_eq!(kinds(&library, &workshop), lanes);
}

#[test]
fn a_lane_that_shows_the_stage_appears_once_and_only_text_lanes_take_text() {
    let (_dir, library, workshop) = library_with_hotel("Once");
    let again = library
        .add_lane(
            &workshop,
            &NewLane {
                kind: LaneKind::Feelings,
                title: None,
                position: None,
            },
        )
        .unwrap_err();
    assert!(
        again.to_string().contains("already has a feelings lane"),
        "{again}"
    );
    library
        .add_lane(
            &workshop,
            &NewLane {
                kind: LaneKind::Text,
                title: None,
                position: Some(0),
            },
        )
        .unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(
        (journey.lanes[0].kind, journey.lanes[0].title.as_str()),
        (LaneKind::Text, "Text")
    );
    let channels = journey
        .lanes
        .iter()
        .find(|l| l.kind == LaneKind::Channels)
        .unwrap();
    let error = library
        .set_lane_text(&workshop, &channels.id, &journey.stages[0].id, "x")
        .unwrap_err();
    assert!(error.to_string().contains("is not a text lane"), "{error}");
}

#[test]
fn designed_and_felt_feelings_show_side_by_side_and_disagreement_is_marked() {
    let (_dir, library, workshop) = library_with_hotel("Feelings");
    let stage = library.get_journey(&workshop).unwrap().stages[3].id.clone();
    library
        .update_stage(
            &workshop,
            &StageEdit {
                id: stage.clone(),
                designed_feelings: Some(vec!["welcomed".into(), "reassured".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    let felt = [
        vec!["ignored".to_owned(), "rushed".to_owned()],
        vec!["ignored".to_owned()],
        vec!["welcomed".to_owned()],
    ];
    for feelings in &felt {
        let participant = phone(&library, &workshop);
        let mut rating = RatingInput::new(None, &stage, Variant::Current, -1.0);
        rating.feelings = feelings.clone();
        library
            .record_rating(&workshop, &participant, &rating)
            .unwrap();
    }
    let journey = library.get_journey(&workshop).unwrap();
    let at = &journey.stage_feelings[0];
    assert_eq!(at.designed, ["welcomed", "reassured"]);
    let counted: Vec<(&str, i64)> = at.felt.iter().map(|f| (f.key.as_str(), f.count)).collect();
    assert_eq!(counted, [("ignored", 2), ("welcomed", 1), ("rushed", 1)]);
    assert_eq!(at.raters, 3);
    assert!(at.disagrees, "1 of 4 picks has the designed tone");

    let participant = phone(&library, &workshop);
    let mut three = RatingInput::new(None, &stage, Variant::Current, 1.0);
    three.feelings = vec!["relieved".into(), "delighted".into(), "confident".into()];
    let error = library
        .record_rating(&workshop, &participant, &three)
        .unwrap_err();
    assert!(
        error.to_string().contains("at most") || error.to_string().contains("0 to 2"),
        "{error}"
    );
    let mut target = RatingInput::new(None, &stage, Variant::Target, 1.0);
    target.feelings = vec!["relieved".into()];
    assert!(library
        .record_rating(&workshop, &participant, &target)
        .is_err());
    let mut unknown = RatingInput::new(None, &stage, Variant::Current, 1.0);
    unknown.feelings = vec!["hangry".into()];
    let error = library
        .record_rating(&workshop, &participant, &unknown)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("\u{201c}hangry\u{201d} is not a feeling"),
        "{error}"
    );
}

#[test]
fn a_workshops_own_feeling_can_be_designed_and_removing_it_removes_its_mentions_undoably() {
    let (_dir, library, workshop) = library_with_hotel("Own words");
    library.add_feeling(&workshop, "  Kotoisa ", true).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    let own = journey.feelings.iter().find(|f| f.own).unwrap().clone();
    assert_eq!((own.word.as_str(), own.positive), ("Kotoisa", true));
    assert!(
        library.add_feeling(&workshop, "kotoisa", false).is_err(),
        "no twin words"
    );
    assert!(
        library.add_feeling(&workshop, "Welcomed", false).is_err(),
        "nor built-in ones"
    );
    let stage = journey.stages[0].id.clone();
    library
        .update_stage(
            &workshop,
            &StageEdit {
                id: stage.clone(),
                designed_feelings: Some(vec![own.key.clone(), "welcomed".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    library.delete_feeling(&workshop, &own.key).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(journey.stages[0].designed_feelings, ["welcomed"]);
    library.undo(&workshop).unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(
        journey.stages[0].designed_feelings,
        [own.key.as_str(), "welcomed"]
    );
}

#[test]
fn a_phone_answering_twice_counts_once_and_nps_follows_the_standard_formula() {
    let (_dir, library, workshop) = library_with_hotel("NPS");
    let stage = library.get_journey(&workshop).unwrap().stages[3].id.clone();
    let question = ask(&library, &workshop, QuestionKind::Nps, Some(&stage));
    let phones: Vec<String> = (0..4).map(|_| phone(&library, &workshop)).collect();
    // 10, 9 promoters; 7 passive; 3 detractor → 50 % − 25 % = +25.
    for (phone, value) in phones.iter().zip([10, 9, 7, 3]) {
        library
            .record_answer(&workshop, phone, &score(&question, value))
            .unwrap();
    }
    // The first phone changes its mind: still one answer.
    library
        .record_answer(&workshop, &phones[0], &score(&question, 2))
        .unwrap();
    let result = library.list_questions(&workshop).unwrap().pop().unwrap();
    assert_eq!(result.n, 4);
    let figure = result.figure.unwrap();
    // 9 promoter; 7 passive; 3, 2 detractors → 25 % − 50 % = −25.
    assert_eq!(
        (figure.value, figure.shares.clone()),
        (-25.0, vec![25.0, 25.0, 50.0])
    );
    assert!(figure.small_n);
    assert_eq!(result.counts[2], 1);
    assert!(
        result.question.prompt.contains("Arrival / check-in"),
        "{}",
        result.question.prompt
    );

    let wrong = library
        .record_answer(&workshop, &phones[1], &score(&question, 11))
        .unwrap_err();
    assert!(wrong.to_string().contains("from 0 to 10"), "{wrong}");
    library.close_question(&workshop, &question).unwrap();
    let closed = library
        .record_answer(&workshop, &phones[1], &score(&question, 5))
        .unwrap_err();
    assert_eq!(closed.code(), fiilis_core::error::ErrorCode::ActivityClosed);
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(
        journey.questions[0].question.stage_id.as_deref(),
        Some(stage.as_str())
    );
}

#[test]
fn one_question_is_open_at_a_time_and_a_removed_phones_open_answer_goes() {
    let (_dir, library, workshop) = library_with_hotel("Open");
    let first = ask(&library, &workshop, QuestionKind::Csat, None);
    let gone = phone(&library, &workshop);
    let stays = phone(&library, &workshop);
    library
        .record_answer(&workshop, &gone, &score(&first, 5))
        .unwrap();
    library
        .record_answer(&workshop, &stays, &score(&first, 2))
        .unwrap();
    library.remove_participant(&workshop, &gone).unwrap();
    let second = ask(&library, &workshop, QuestionKind::Ces, None);
    let all = library.list_questions(&workshop).unwrap();
    assert_eq!(all[0].question.status, QuestionStatus::Closed);
    assert_eq!(all[1].question.status, QuestionStatus::Open);
    assert_eq!(all[1].question.id, second);
    let csat = all[0].figure.clone().unwrap();
    assert_eq!((csat.n, csat.value), (1, 0.0));
}

#[test]
fn open_answers_fold_finnish_inflections_and_become_notes_in_one_undoable_step() {
    let (_dir, library) = library();
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "Kylpylä".into(),
            language: Language::Fi,
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .unwrap()
        .id;
    let question = ask(&library, &workshop, QuestionKind::Open, None);
    for text in ["Pitkä jono", "jonossa odottaminen", "Jonot ja odotus"] {
        let participant = phone(&library, &workshop);
        let answer = AnswerInput {
            question_id: question.clone(),
            score: None,
            text: Some(text.into()),
        };
        library
            .record_answer(&workshop, &participant, &answer)
            .unwrap();
    }
    let result = library.list_questions(&workshop).unwrap().pop().unwrap();
    assert_eq!(result.words[0].count, 3, "{:?}", result.words);
    assert_eq!(
        result.question.prompt,
        "Kuvaile kokemusta muutamalla sanalla."
    );

    library.answers_to_notes(&workshop, &question).unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert_eq!(board.notes.len(), 3);
    assert_eq!(board.clusters.len(), 1);
    assert!(board
        .notes
        .iter()
        .all(|n| n.cluster_id.as_deref() == Some(board.clusters[0].id.as_str())));
    library.undo(&workshop).unwrap();
    assert!(library.get_board(&workshop).unwrap().notes.is_empty());

    let nps = ask(&library, &workshop, QuestionKind::Nps, None);
    let error = library.answers_to_notes(&workshop, &nps).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
}

#[test]
fn a_poll_counts_each_option_and_its_options_are_checked() {
    let (_dir, library, workshop) = library_with_hotel("Poll");
    let poll = ask(&library, &workshop, QuestionKind::Poll, None);
    let result = library.list_questions(&workshop).unwrap().pop().unwrap();
    assert_eq!(
        result.question.options,
        ["Sauna", "Breakfast", "Pool"],
        "repeats dropped"
    );
    for choice in [0, 2, 0] {
        let participant = phone(&library, &workshop);
        library
            .record_answer(&workshop, &participant, &score(&poll, choice))
            .unwrap();
    }
    let participant = phone(&library, &workshop);
    assert!(library
        .record_answer(&workshop, &participant, &score(&poll, 3))
        .is_err());
    let result = library.list_questions(&workshop).unwrap().pop().unwrap();
    assert_eq!(result.counts, [2, 0, 1]);
    let one_option = library
        .ask_question(
            &workshop,
            &NewQuestion {
                kind: QuestionKind::Poll,
                prompt: Some("?".into()),
                stage_id: None,
                options: vec!["Only".into()],
            },
        )
        .unwrap_err();
    assert!(
        one_option.to_string().contains("options must hold 2 to 8"),
        "{one_option}"
    );
}

#[test]
fn survey_figures_are_checked_and_go_with_their_stage_until_undone() {
    let (_dir, library, workshop) = library_with_hotel("Figures");
    let stage = library.get_journey(&workshop).unwrap().stages[2].id.clone();
    let figure = |kind, value, n| FigureInput {
        id: None,
        stage_id: stage.clone(),
        kind,
        value,
        n,
        source: "Survey Q3".into(),
    };
    library
        .set_stage_figure(&workshop, &figure(QuestionKind::Nps, 31.0, 412))
        .unwrap();
    library
        .set_stage_figure(&workshop, &figure(QuestionKind::Ces, 5.5, 12))
        .unwrap();
    for (bad, message) in [
        (figure(QuestionKind::Nps, 101.0, 10), "from -100 to 100"),
        (figure(QuestionKind::Csat, -1.0, 10), "from 0 to 100"),
        (figure(QuestionKind::Ces, 8.0, 10), "from 1 to 7"),
        (figure(QuestionKind::Ces, 4.0, 0), "n must be from 1"),
        (
            figure(QuestionKind::Open, 4.0, 3),
            "only those have a figure",
        ),
    ] {
        let error = library.set_stage_figure(&workshop, &bad).unwrap_err();
        assert!(error.to_string().contains(message), "{error}");
    }
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(journey.figures.len(), 2);
    assert!(!journey.figures[0].small_n() && journey.figures[1].small_n());

    library.delete_stage(&workshop, &stage).unwrap();
    assert!(library.get_journey(&workshop).unwrap().figures.is_empty());
    library.undo(&workshop).unwrap();
    assert_eq!(library.get_journey(&workshop).unwrap().figures.len(), 2);
}

#[test]
fn the_digital_journey_shows_its_channel_switches() {
    let (_dir, library) = library();
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "Digital".into(),
            template: TemplateId::Digital,
            ..Default::default()
        })
        .unwrap()
        .id;
    let journey = library.get_journey(&workshop).unwrap();
    let pairs: Vec<(String, String)> = journey
        .switches
        .iter()
        .map(|s| (s.from.join("/"), s.to.join("/")))
        .collect();
    // Mobile → Web → Chat/Phone/E-mail → Web → Mobile → Phone → E-mail.
    assert_eq!(pairs.len(), 6, "{pairs:?}");
    assert_eq!(pairs[0], ("Mobile".into(), "Web".into()));
    // Chat/Phone/E-mail → Web is a switch; Phone is kept from Chat/Phone/E-mail elsewhere.
    let stage = journey.stages[3].id.clone();
    library
        .update_stage(
            &workshop,
            &StageEdit {
                id: stage.clone(),
                channels: Some(vec!["web".into(), "phone".into()]),
                explain_again: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    let journey = library.get_journey(&workshop).unwrap();
    assert_eq!(
        journey.switches.len(),
        5,
        "phone carries on from the stage before"
    );
    assert!(journey.stages[3].explain_again);
}

#[test]
fn the_experience_model_travels_in_the_file_and_old_files_get_their_templates_lanes() {
    let (_dir, library, workshop) = library_with_hotel("File");
    let journey = library.get_journey(&workshop).unwrap();
    let stage = journey.stages[1].id.clone();
    library.add_feeling(&workshop, "Kotoisa", true).unwrap();
    let own = library
        .get_journey(&workshop)
        .unwrap()
        .feelings
        .last()
        .unwrap()
        .key
        .clone();
    library
        .update_stage(
            &workshop,
            &StageEdit {
                id: stage.clone(),
                designed_feelings: Some(vec![own.clone()]),
                explain_again: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    library
        .set_lane_text(
            &workshop,
            &journey.lanes[3].id,
            &stage,
            "Housekeeping preps the room",
        )
        .unwrap();
    let question = ask(&library, &workshop, QuestionKind::Nps, Some(&stage));
    let participant = phone(&library, &workshop);
    library
        .record_answer(&workshop, &participant, &score(&question, 9))
        .unwrap();
    let mut rating = RatingInput::new(None, &stage, Variant::Current, 1.0);
    rating.feelings = vec![own.clone()];
    library
        .record_rating(&workshop, &participant, &rating)
        .unwrap();
    library
        .set_stage_figure(
            &workshop,
            &FigureInput {
                id: None,
                stage_id: stage.clone(),
                kind: QuestionKind::Csat,
                value: 81.5,
                n: 40,
                source: String::new(),
            },
        )
        .unwrap();

    let file = library.export_workshop(&workshop).unwrap();
    assert_eq!(file.version, fiilis_core::exchange::VERSION);
    let copy = library
        .import_workshop(&serde_json::to_string(&file).unwrap())
        .unwrap()
        .id;
    let journey = library.get_journey(&copy).unwrap();
    assert_eq!(journey.lanes.len(), 9);
    assert_eq!(journey.cells[0].text, "Housekeeping preps the room");
    let own_copy = journey.feelings.last().unwrap().key.clone();
    assert_ne!(own_copy, own, "the word has a new id in the copy");
    assert_eq!(journey.stages[1].designed_feelings, [own_copy.as_str()]);
    assert_eq!(
        journey.stage_feelings[0].felt[0].key, own_copy,
        "felt keys follow too"
    );
    assert_eq!(journey.questions[0].figure.as_ref().unwrap().value, 100.0);
    assert_eq!(journey.figures[0].value, 81.5);

    // A version 1 file knows nothing of lanes: it gets its template's.
    let mut old = serde_json::to_value(&file).unwrap();
    for key in [
        "feelings",
        "lanes",
        "lane_cells",
        "questions",
        "answers",
        "stage_figures",
    ] {
        old.as_object_mut().unwrap().remove(key);
    }
    old["version"] = 1.into();
    for stage in old["stages"].as_array_mut().unwrap() {
        let stage = stage.as_object_mut().unwrap();
        stage.remove("designed_feelings");
        stage.remove("explain_again");
    }
    for rating in old["ratings"].as_array_mut().unwrap() {
        rating.as_object_mut().unwrap().remove("feelings");
    }
    let imported = library.import_workshop(&old.to_string()).unwrap().id;
    let lanes = kinds(&library, &imported);
    assert_eq!(lanes.len(), 9);
    assert_eq!(
        lanes[3],
        (LaneKind::Text, "Backstage: staff actions".to_owned())
    );
}

#[test]
fn files_breaking_the_experience_models_rules_are_refused_naming_the_place() {
    let (_dir, library, workshop) = library_with_hotel("Bad");
    let stage = library.get_journey(&workshop).unwrap().stages[0].id.clone();
    ask(&library, &workshop, QuestionKind::Csat, Some(&stage));
    let good = serde_json::to_value(library.export_workshop(&workshop).unwrap()).unwrap();
    type Break = fn(&mut serde_json::Value);
    let cases: [(Break, &str); 5] = [
        (
            |f| f["stages"][0]["designed_feelings"] = serde_json::json!(["hangry"]),
            "stages[0].designed_feelings names \u{201c}hangry\u{201d}",
        ),
        (
            |f| {
                let twin = f["lanes"][4].clone();
                let mut twin = twin;
                twin["id"] = "twin".into();
                f["lanes"].as_array_mut().unwrap().push(twin);
            },
            "lanes[9] is a second",
        ),
        (
            |f| f["questions"][0]["options"] = serde_json::json!(["a", "b"]),
            "questions[0].options must hold 0 to 0",
        ),
        (
            |f| {
                let mut second = f["questions"][0].clone();
                second["id"] = "second".into();
                f["questions"].as_array_mut().unwrap().push(second);
            },
            "at most one question may be open",
        ),
        (
            |f| {
                f["stage_figures"] = serde_json::json!([{
                    "id": "f", "workshop_id": "w", "stage_id": f["stages"][0]["id"].clone(),
                    "kind": "ces", "value": 9.0, "n": 3, "source": "", "created_at": "x"
                }])
            },
            "stage_figures[0]: value must be from 1 to 7",
        ),
    ];
    let before = library.list_workshops(&Default::default()).unwrap().len();
    for (change, message) in cases {
        let mut file = good.clone();
        change(&mut file);
        let error = library.import_workshop(&file.to_string()).unwrap_err();
        assert!(error.to_string().contains(message), "{message}: {error}");
    }
    assert_eq!(
        library.list_workshops(&Default::default()).unwrap().len(),
        before
    );
}

#[test]
fn the_health_check_finds_what_breaks_the_experience_models_rules() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    let workshop = fiilis_testkit::hotel_workshop(&library, "Check");
    ask(&library, &workshop, QuestionKind::Nps, None);
    let stage = library.get_journey(&workshop).unwrap().stages[0].id.clone();
    library
        .update_stage(
            &workshop,
            &StageEdit {
                id: stage.clone(),
                designed_feelings: Some(vec!["welcomed".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(library.check().unwrap().ok);
    drop(library);

    // Another program writes a second open question, a second feelings lane and a made-up
    // feeling.
    let conn = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO questions (id, workshop_id, kind, prompt, status, created_at)
           VALUES ('q2', '{workshop}', 'ces', '?', 'open', 'now');
         INSERT INTO lanes (id, workshop_id, position, kind, title)
           VALUES ('l2', '{workshop}', 99, 'feelings', 'Again');
         UPDATE stages SET designed_feelings = '[\"welcomed\", \"hangry\"]' WHERE id = '{stage}';"
    ))
    .unwrap();
    drop(conn);
    let health = Library::open_in_dir(dir.path()).unwrap().check().unwrap();
    assert!(!health.ok);
    let problems = health.problems.join("\n");
    assert!(problems.contains("has 2 open questions"), "{problems}");
    assert!(problems.contains("has 2 feelings lanes"), "{problems}");
    assert!(
        problems.contains("names the unknown feeling hangry"),
        "{problems}"
    );
    assert!(!problems.contains("welcomed"), "{problems}");
}

#[test]
fn the_library_search_finds_lane_texts_open_answers_and_own_feelings() {
    use fiilis_core::workshops::WorkshopQuery;
    let (_dir, library, workshop) = library_with_hotel("Search");
    let found = |text: &str| {
        library
            .list_workshops(&WorkshopQuery {
                search: Some(text.into()),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|w| w.matched.unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let journey = library.get_journey(&workshop).unwrap();
    let (promise, stage) = (journey.lanes[1].id.clone(), journey.stages[0].id.clone());
    library
        .set_lane_text(&workshop, &promise, &stage, "Personal concierge by name")
        .unwrap();
    assert_eq!(found("concier"), ["Personal concierge by name"]);
    library
        .set_lane_text(&workshop, &promise, &stage, "Breakfast in bed")
        .unwrap();
    assert!(found("concier").is_empty(), "the index follows an edit");
    library.undo(&workshop).unwrap();
    assert_eq!(found("concier").len(), 1, "and an undo");

    let question = ask(&library, &workshop, QuestionKind::Open, None);
    let participant = phone(&library, &workshop);
    let answer = AnswerInput {
        question_id: question,
        score: None,
        text: Some("Lukewarm coffee".into()),
    };
    library
        .record_answer(&workshop, &participant, &answer)
        .unwrap();
    assert_eq!(found("lukewa"), ["Lukewarm coffee"]);
    library.add_feeling(&workshop, "Pampered", true).unwrap();
    assert_eq!(found("pamper"), ["Pampered"]);

    library.trash_workshop(&workshop).unwrap();
    library.delete_workshop(&workshop).unwrap();
    assert!(found("lukewa").is_empty());
    assert!(library.check().unwrap().ok);
}
