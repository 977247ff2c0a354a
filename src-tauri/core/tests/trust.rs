//! Files and text from outside are held to the rules of the app: what import accepts, the
//! health check accepts and every export renders; control characters go, direction controls
//! are isolated; a duplicate remembers where its rows came from.

mod support;

use fiilis_core::report::{PaperSize, ReportFormat};
use fiilis_core::voting::MAX_PAPER_VOTES;
use fiilis_core::Library;
use serde_json::{json, Value};
use support::{counts, export_text, library, note, rich_workshop};

/// The rich workshop's file, with `edit` applied to its JSON.
fn edited_file(edit: impl FnOnce(&mut Value)) -> (tempfile::TempDir, Library, String) {
    let (dir, library) = library();
    let workshop = rich_workshop(&library);
    let mut file: Value = serde_json::from_str(&export_text(&library, &workshop)).unwrap();
    edit(&mut file);
    (dir, library, file.to_string())
}

/// Renders every report and the chart of `workshop`, failing on any error.
fn render_everything(library: &Library, workshop: &str) {
    for format in [ReportFormat::Html, ReportFormat::Md, ReportFormat::Csv] {
        library.export_report(workshop, format).unwrap();
    }
    assert!(library
        .export_pdf(workshop, PaperSize::A4)
        .unwrap()
        .starts_with(b"%PDF-"));
    library.emotion_chart_svg(workshop, &[]).unwrap();
}

fn refused(library: &Library, text: &str, expected: &str) {
    let before = counts(library);
    let error = library.import_workshop(text).unwrap_err();
    assert_eq!(error.code(), "invalid_input", "{error}");
    assert!(error.to_string().contains(expected), "{error}");
    assert_eq!(counts(library), before, "a refused import wrote nothing");
    assert!(library.check().unwrap().ok);
}

#[test]
fn a_vote_weighing_more_than_one_is_refused_naming_it() {
    let (_dir, library, text) = edited_file(|file| file["votes"][0]["weight"] = json!(3));
    refused(&library, &text, "votes[0].weight must be 1");
}

#[test]
fn votes_over_the_budget_are_refused_naming_the_participant_and_round() {
    let (_dir, library, text) = edited_file(|file| {
        let vote = file["votes"][0].clone();
        let round = vote["round_id"].as_str().unwrap().to_owned();
        let budget = file["voting_rounds"][0]["votes_per_participant"]
            .as_i64()
            .unwrap();
        let notes: Vec<Value> = file["notes"].as_array().unwrap().clone();
        let votes = file["votes"].as_array_mut().unwrap();
        // One vote per note up to the cap, then past the budget: twelve more than allowed.
        for extra in 0..(budget + 12) {
            let mut more = vote.clone();
            more["id"] = json!(format!("extra-{extra}"));
            more["client_id"] = json!(format!("client-{extra}"));
            more["note_id"] = notes[(extra as usize) % notes.len()]["id"].clone();
            votes.push(more);
        }
        assert_eq!(file["voting_rounds"][0]["id"], json!(round));
    });
    refused(&library, &text, "over the");
    let file: Value = serde_json::from_str(&text).unwrap();
    let participant = file["votes"][0]["participant_id"].as_str().unwrap();
    let error = library.import_workshop(&text).unwrap_err().to_string();
    assert!(
        error.contains(participant),
        "names the file's participant: {error}"
    );
}

#[test]
fn huge_paper_votes_are_refused_by_import_merge_and_the_api_and_exports_render() {
    let (_dir, library) = library();
    let workshop = rich_workshop(&library);
    let mut file: Value = serde_json::from_str(&export_text(&library, &workshop)).unwrap();
    let round = file["voting_rounds"][0]["id"].clone();
    let note_id = file["notes"][2]["id"].clone();
    let workshop_in_file = file["workshop"]["id"].clone();
    for (index, weight) in [1_i64 << 62, 1 << 62].into_iter().enumerate() {
        file["votes"].as_array_mut().unwrap().push(json!({
            "id": format!("paper-{index}"), "workshop_id": workshop_in_file,
            "round_id": round, "participant_id": null, "note_id": note_id,
            "client_id": format!("paper-{index}"), "weight": weight,
            "created_at": "2026-12-06T10:00:00.000Z"
        }));
    }
    let before = counts(&library);
    let merge = library
        .merge_workshop(&workshop, &file.to_string())
        .unwrap_err();
    assert!(
        merge
            .to_string()
            .contains(&format!("1 to {MAX_PAPER_VOTES}")),
        "{merge}"
    );
    let import = library.import_workshop(&file.to_string()).unwrap_err();
    assert!(import.to_string().contains("weight"), "{import}");
    assert_eq!(counts(&library), before);
    render_everything(&library, &workshop);

    let round = round.as_str().unwrap();
    let note_id = note_id.as_str().unwrap();
    let api = library
        .add_paper_votes(&workshop, round, note_id, MAX_PAPER_VOTES + 1)
        .unwrap_err();
    assert_eq!(api.code(), "invalid_input");
    library
        .add_paper_votes(&workshop, round, note_id, MAX_PAPER_VOTES)
        .unwrap();
    assert!(library.check().unwrap().ok);
    render_everything(&library, &workshop);
}

#[test]
fn control_characters_are_removed_on_the_way_in_and_tabs_and_newlines_kept() {
    let (_dir, library) = library();
    let workshop = rich_workshop(&library);
    let change = library
        .create_notes(
            &workshop,
            &[note("nul\u{0}bell\u{7}\ttab\r\nline\u{1b}[2J")],
        )
        .unwrap();
    let created: Vec<fiilis_core::board::Note> = change.upserted(fiilis_core::Table::Notes);
    assert_eq!(created[0].text, "nulbell\ttab\nline[2J");

    let (_dir, library, text) = edited_file(|file| {
        file["notes"][0]["text"] = json!("from\u{0}a file\u{8}");
        file["workshop"]["title"] = json!("Title\u{1f}");
    });
    let imported = library.import_workshop(&text).unwrap();
    assert_eq!(imported.title, "Title");
    let csv = library
        .export_report(&imported.id, ReportFormat::Csv)
        .unwrap();
    assert!(csv.contains("froma file"), "{csv}");
    assert!(!csv.chars().any(|c| c.is_control() && !"\r\n\t".contains(c)));
}

#[test]
fn a_direction_override_is_kept_but_isolated_in_every_report() {
    let (_dir, library) = library();
    let workshop = rich_workshop(&library);
    let hostile = "abc\u{202E}fed";
    library.create_notes(&workshop, &[note(hostile)]).unwrap();
    let board = library.get_board(&workshop).unwrap();
    assert!(
        board.notes.iter().any(|n| n.text == hostile),
        "kept as written"
    );
    let isolated = format!("\u{2068}{}", "abc\u{202E}fed");
    for format in [ReportFormat::Html, ReportFormat::Md, ReportFormat::Csv] {
        let report = library.export_report(&workshop, format).unwrap();
        assert!(
            report.contains('\u{202E}'),
            "{format:?} keeps what was written"
        );
        // Every override in the report sits inside an isolate that closes after it.
        for (at, _) in report.match_indices('\u{202E}') {
            let before = &report[..at];
            let after = &report[at..];
            let opened = before
                .rfind('\u{2068}')
                .expect("an isolate opens before it");
            assert!(
                !before[opened..].contains('\u{2069}'),
                "{format:?}: still open"
            );
            assert!(after.contains('\u{2069}'), "{format:?}: closed after it");
        }
        assert!(report.contains(&isolated), "{format:?}");
    }
    render_everything(&library, &workshop);
}

#[test]
fn a_duplicate_remembers_its_rows_so_merging_it_back_adds_only_what_is_new() {
    let (_dir, library) = library();
    let original = rich_workshop(&library);
    let copy = library.duplicate_workshop(&original, None).unwrap().id;
    library
        .create_notes(&copy, &[note("new in the copy"), note("and another")])
        .unwrap();
    let before = library.get_board(&original).unwrap().notes.len();
    let merged = library
        .merge_workshop(&original, &export_text(&library, &copy))
        .unwrap();
    let added: Vec<fiilis_core::board::Note> = merged.upserted(fiilis_core::Table::Notes);
    let mut texts: Vec<&str> = added.iter().map(|n| n.text.as_str()).collect();
    texts.sort_unstable();
    assert_eq!(texts, ["and another", "new in the copy"]);
    assert_eq!(
        library.get_board(&original).unwrap().notes.len(),
        before + 2
    );
    assert!(merged.upserted[fiilis_core::Table::Personas.name()].is_empty());
}

#[test]
fn a_file_with_a_huge_unknown_field_is_refused_at_the_field() {
    let (_dir, library, text) = edited_file(|file| {
        file["surprise"] = Value::Array(vec![json!(1); 100_000]);
    });
    let error = library.import_workshop(&text).unwrap_err();
    assert!(error.to_string().contains("surprise"), "{error}");
    let not_ours = r#"{"format": [1, 2, 3], "version": 1}"#;
    let error = library.import_workshop(not_ours).unwrap_err();
    assert!(
        error.to_string().contains("not a Fiilis workshop file"),
        "{error}"
    );
    let trailing = format!("{text} 7");
    let error = library.import_workshop(&trailing).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
}
