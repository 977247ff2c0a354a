//! Issue #7: hostile text (tests/hostile/payloads.json) through every entry point of core
//! (facilitator operations, phones, workshop files) and out through every output (HTML,
//! Markdown, CSV, PDF, the chart SVG, the workshop file): stored as typed, shown as text,
//! never markup, links, headings, formulas or extra rows, and nothing crashes.
//!
//! The outputs are checked by scanning them as their readers would (a small tokenizer, a CSV
//! parser, pdftotext) rather than by repeating the renderers' own escaping, so a renderer that
//! escapes wrongly fails here even if it does so consistently.

use std::collections::HashSet;
use std::sync::OnceLock;

use base64::Engine;
use fiilis_core::api::call;
use fiilis_core::participants::Role;
use fiilis_core::phones::PhoneNote;
use fiilis_core::report::{PaperSize, ReportFormat};
use fiilis_core::Library;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------
// The payloads

enum Kind {
    /// Valid Unicode: goes everywhere text goes.
    Text(String),
    /// The JSON source of a string that is not valid Unicode (a lone surrogate).
    JsonString(String),
    /// Raw bytes that are not UTF-8 or hold a raw NUL.
    Bytes(Vec<u8>),
}

struct Payload {
    name: String,
    kind: Kind,
}

fn payloads() -> &'static [Payload] {
    static PAYLOADS: OnceLock<Vec<Payload>> = OnceLock::new();
    PAYLOADS.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/hostile/payloads.json"
        );
        let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        file["payloads"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| {
                let kind = if let Some(text) = entry["text"].as_str() {
                    Kind::Text(text.to_owned())
                } else if let Some(repeat) = entry.get("repeat") {
                    let times = repeat["times"].as_u64().unwrap() as usize;
                    Kind::Text(
                        repeat["prefix"].as_str().unwrap().to_owned()
                            + &repeat["unit"].as_str().unwrap().repeat(times),
                    )
                } else if let Some(source) = entry["json_string"].as_str() {
                    Kind::JsonString(source.to_owned())
                } else {
                    let encoded = entry["base64"]
                        .as_str()
                        .expect("text, repeat, json_string or base64");
                    Kind::Bytes(
                        base64::engine::general_purpose::STANDARD
                            .decode(encoded)
                            .unwrap(),
                    )
                };
                Payload {
                    name: entry["name"].as_str().unwrap().to_owned(),
                    kind,
                }
            })
            .collect()
    })
}

/// Text payloads short enough for a note (the others are the too-long ones).
fn texts() -> Vec<(&'static str, &'static str)> {
    payloads()
        .iter()
        .filter_map(|p| match &p.kind {
            Kind::Text(text) if text.chars().count() <= 1000 => {
                Some((p.name.as_str(), text.as_str()))
            }
            _ => None,
        })
        .collect()
}

fn payload(name: &str) -> &'static str {
    payloads()
        .iter()
        .find_map(|p| match &p.kind {
            Kind::Text(text) if p.name == name => Some(text.as_str()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no text payload {name}"))
}

/// What core stores for `text` in a field of at most `max` characters: the payload cut to
/// fit, cleaned of control characters and trimmed as every text field is. None when nothing
/// is left for a required field.
fn fit(text: &str, max: usize) -> Option<String> {
    let cut: String = text.chars().take(max).collect();
    let cleaned = fiilis_core::text::clean(&cut);
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

// ---------------------------------------------------------------------------------------
// One workshop with a payload in every field, built once through the JSON dispatcher (the
// path both transports take) and the phone functions.

struct Hostile {
    library: Library,
    id: String,
    /// Every text stored, with where it went: (place, text).
    stored: Vec<(String, String)>,
    notes: Vec<String>,
}

fn api(library: &Library, op: &str, input: Value) -> Value {
    call(library, op, input).unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn hostile() -> &'static Hostile {
    static HOSTILE: OnceLock<Hostile> = OnceLock::new();
    HOSTILE.get_or_init(|| build(Library::open_in_dir(&fresh_dir("hostile-library")).unwrap()))
}

fn build(library: Library) -> Hostile {
    let mut stored = Vec::new();
    let mut keep = |place: String, text: &str, max: usize| -> Option<String> {
        let value = fit(text, max)?;
        stored.push((place, value.clone()));
        Some(value)
    };
    let title = keep("workshop.title".into(), payload("script_tag"), 200).unwrap();
    let goal = keep(
        "workshop.goal".into(),
        payload("md_heading_injection"),
        2000,
    )
    .unwrap();
    let facilitator = keep("workshop.facilitator".into(), payload("csv_hyperlink"), 200).unwrap();
    let workshop = api(
        &library,
        "create_workshop",
        json!({ "title": title, "goal": goal, "facilitator": facilitator, "template": "blank" }),
    );
    let id = workshop["id"].as_str().unwrap().to_owned();
    let mut notes = Vec::new();
    let mut voter = None;
    for (index, (name, text)) in texts().into_iter().enumerate() {
        let at = |field: &str| format!("{name}: {field}");
        // A participant added by hand and one who joined from a phone, writing from there.
        let person = keep(at("participant.name"), text, 60);
        let added = api(
            &library,
            "add_participant",
            json!({ "workshop_id": id, "name": person }),
        );
        let phone_name = keep(at("phone.name"), text, 60);
        let joined = library
            .join_from_phone(&id, phone_name.as_deref(), Role::Employee)
            .unwrap();
        let phone_text = keep(at("phone.note"), text, 1000).unwrap();
        let phone_note = library
            .add_phone_note(
                &id,
                &joined.participant.id,
                &PhoneNote {
                    client_id: format!("c{index}"),
                    text: text.to_owned(),
                    colour: None,
                },
            )
            .unwrap();
        assert_eq!(
            phone_note.text, phone_text,
            "{name}: the phone's note as typed"
        );
        notes.push(phone_text);
        voter.get_or_insert(joined.participant.id.clone());

        let stage_title = keep(at("stage.title"), text, 200).unwrap();
        let change = api(
            &library,
            "create_stage",
            json!({ "workshop_id": id, "title": stage_title }),
        );
        let stage = change["upserted"]["stages"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let long = keep(at("stage.texts"), text, 2000).unwrap();
        let channel = keep(at("stage.channel"), text, 40).unwrap();
        api(
            &library,
            "update_stage",
            json!({ "workshop_id": id, "id": stage, "description": long, "pain_points": long,
                    "opportunities": long, "channels": [channel], "moment_of_truth": index % 2 == 0 }),
        );

        let persona_name = keep(at("persona.name"), text, 100).unwrap();
        let age = keep(at("persona.age"), text, 40).unwrap();
        let short = keep(at("persona.short"), text, 200).unwrap();
        let section_title = keep(at("persona.section"), text, 100).unwrap();
        let change = api(
            &library,
            "create_persona",
            json!({ "workshop_id": id, "name": persona_name, "age": age, "occupation": short,
                    "quote": short, "background": long, "goals": long, "needs": long, "pains": long,
                    "expectations": long, "channels": [channel],
                    "sections": [
                        { "kind": "text", "title": section_title, "text": long },
                        { "kind": "list", "title": section_title, "items": [short] },
                        { "kind": "tags", "title": section_title, "items": [short] },
                        { "kind": "slider", "title": section_title, "value": 3 },
                    ] }),
        );
        let persona = change["upserted"]["personas"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let emotion_note = keep(at("emotion.note"), text, 500).unwrap();
        api(
            &library,
            "set_emotion",
            json!({ "workshop_id": id, "persona_id": persona, "stage_id": stage,
                    "variant": "current", "score": (index % 5) as f64 - 2.0, "note": emotion_note }),
        );

        let note_text = keep(at("note.text"), text, 1000).unwrap();
        let change = api(
            &library,
            "create_notes",
            json!({ "workshop_id": id, "notes": [{ "text": note_text, "x": 0.0, "y": index as f64 * 130.0,
                    "stage_id": stage, "persona_id": persona, "author_id": added["id"] }] }),
        );
        let note = change["upserted"]["notes"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        notes.push(note_text);
        // Every other note in a cluster of its own, titled with the payload.
        if index % 2 == 0 {
            let cluster = keep(at("cluster.title"), text, 200).unwrap();
            api(
                &library,
                "group_notes",
                json!({ "workshop_id": id, "title": cluster, "note_ids": [note] }),
            );
        }
    }
    // A named round whose title is a payload, with votes, revealed: results in every report.
    let round_title = keep("round.title".into(), payload("csv_dde"), 200).unwrap();
    let change = api(
        &library,
        "create_round",
        json!({ "workshop_id": id, "title": round_title, "anonymous": false, "votes_per_participant": 3 }),
    );
    let round = change["upserted"]["voting_rounds"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let board = api(&library, "get_board", json!({ "workshop_id": id }));
    for (index, note) in board["notes"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .enumerate()
    {
        api(
            &library,
            "cast_vote",
            json!({ "workshop_id": id, "round_id": round, "participant_id": voter,
                    "note_id": note["id"], "client_id": format!("v{index}") }),
        );
    }
    api(
        &library,
        "reveal_round",
        json!({ "workshop_id": id, "id": round }),
    );
    Hostile {
        library,
        id,
        stored,
        notes,
    }
}

/// Every string anywhere in a JSON value.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Every text the workshop holds, as the API reads it back.
fn all_strings(library: &Library, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for op in ["get_workshop", "get_board", "get_journey", "list_rounds"] {
        let key = if op == "get_workshop" {
            "id"
        } else {
            "workshop_id"
        };
        strings(&api(library, op, json!({ key: id })), &mut out);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Reading the outputs back

/// One piece of an HTML or SVG document.
#[derive(Debug)]
enum Token {
    Tag {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Text(String),
}

/// Splits markup into tags and (entity-decoded) text the way a browser's tokenizer would
/// for these documents, refusing anything the renderers never write themselves: comments,
/// CDATA, unknown entities, a `<` that does not start a tag.
fn tokenize(doc: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = doc;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            assert!(
                !after.starts_with("!--"),
                "a comment in the output: {}",
                &rest[..rest.len().min(80)]
            );
            assert!(!after.starts_with("![CDATA["), "CDATA in the output");
            let closing = after.starts_with('/');
            let body = after.trim_start_matches('/');
            let name: String = body
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == ':' || *c == '-')
                .collect();
            assert!(
                !name.is_empty(),
                "a bare < in the output: {}",
                &rest[..rest.len().min(80)]
            );
            let mut chars = body[name.len()..].char_indices();
            let mut attrs = Vec::new();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '>' => {
                        end = Some(i);
                        break;
                    }
                    c if c.is_whitespace() || c == '/' => {}
                    _ => {
                        let start = i;
                        let mut key_end = body.len() - name.len();
                        let mut value = String::new();
                        while let Some((j, c)) = chars.clone().next() {
                            if c == '=' || c == '>' || c.is_whitespace() || c == '/' {
                                key_end = j;
                                break;
                            }
                            chars.next();
                        }
                        let key = body[name.len() + start..name.len() + key_end].to_owned();
                        if let Some((_, '=')) = chars.clone().next() {
                            chars.next();
                            let (_, quote) = chars.next().expect("an attribute value");
                            assert!(quote == '"' || quote == '\'', "unquoted attribute {key}");
                            for (_, c) in chars.by_ref() {
                                if c == quote {
                                    break;
                                }
                                value.push(c);
                            }
                        }
                        attrs.push((key.to_lowercase(), decode(&value)));
                    }
                }
            }
            let end = end.expect("an unterminated tag") + name.len();
            let consumed = 1 + usize::from(closing) + end + 1;
            let lower = name.to_lowercase();
            rest = &rest[consumed..];
            if !closing {
                // Raw-text elements: their content is not markup (and only the template's).
                if let Some(close) = ["style", "script", "title", "textarea"]
                    .iter()
                    .find(|raw| **raw == lower)
                    .map(|raw| format!("</{raw}"))
                {
                    let at = rest
                        .to_lowercase()
                        .find(&close)
                        .expect("a closed raw-text element");
                    tokens.push(Token::Tag {
                        name: lower.clone(),
                        attrs,
                    });
                    tokens.push(Token::Text(if lower == "style" {
                        String::new()
                    } else {
                        decode(&rest[..at])
                    }));
                    rest = &rest[at..];
                    continue;
                }
            }
            tokens.push(Token::Tag {
                name: if closing { format!("/{lower}") } else { lower },
                attrs,
            });
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            tokens.push(Token::Text(decode(&rest[..end])));
            rest = &rest[end..];
        }
    }
    tokens
}

/// Decodes the entities the renderers write; any other `&` sequence fails the test.
fn decode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let entity_end = rest[at..]
            .find(';')
            .unwrap_or_else(|| panic!("a bare & in {text:?}"));
        let entity = &rest[at + 1..at + entity_end];
        out.push(match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ if entity.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&entity[2..], 16).unwrap()).unwrap()
            }
            _ if entity.starts_with('#') => char::from_u32(entity[1..].parse().unwrap()).unwrap(),
            other => panic!("an unexpected entity &{other}; in {text:?}"),
        });
        rest = &rest[at + entity_end + 1..];
    }
    out.push_str(rest);
    out
}

/// What a reader sees of `text` in HTML and SVG: control characters are not allowed there,
/// so the renderers leave them out (line breaks and tabs stay).
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

const HTML_TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "p",
    "h1",
    "h2",
    "h3",
    "dl",
    "dt",
    "dd",
    "ul",
    "li",
    "article",
    "div",
    "q",
    "strong",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "footer",
    "img",
    "section",
    "ol",
    "span",
];
const SVG_TAGS: &[&str] = &[
    "svg", "rect", "line", "text", "circle", "polyline", "polygon", "path", "g",
];

/// Checks a document's markup is only the renderer's own: known tags, no event handlers,
/// no links, no sources other than embedded images; returns its text as a reader sees it.
fn safe_markup(doc: &str, allowed: &[&str]) -> String {
    let mut text = String::new();
    for token in tokenize(doc) {
        match token {
            Token::Tag { name, attrs } => {
                let bare = name.trim_start_matches('/');
                assert!(
                    allowed.contains(&bare),
                    "an unexpected element <{name}> with {attrs:?}"
                );
                for (key, value) in attrs {
                    assert!(
                        !key.starts_with("on"),
                        "an event handler {key}={value:?} on <{name}>"
                    );
                    assert!(
                        ![
                            "href",
                            "xlink:href",
                            "srcdoc",
                            "action",
                            "formaction",
                            "http-equiv",
                            "style"
                        ]
                        .contains(&key.as_str()),
                        "an attribute the renderer never writes: {key}={value:?} on <{name}>"
                    );
                    if key == "src" {
                        assert!(
                            value.starts_with("data:image/"),
                            "a source that is not an embedded image: {value:?}"
                        );
                    }
                    let lowered = value.to_lowercase();
                    assert!(
                        !lowered.contains("javascript:"),
                        "javascript: in {key} of <{name}>"
                    );
                    if key == "content" && name == "meta" {
                        assert!(!lowered.contains("url"), "a meta refresh");
                    }
                }
                if bare == "script" {
                    panic!("a script element");
                }
            }
            Token::Text(chunk) => text.push_str(&chunk),
        }
    }
    text
}

/// Reads CSV as a spreadsheet does (RFC 4180): rows of cells.
fn parse_csv(csv: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = csv.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => {
                assert!(cell.is_empty(), "a quote inside an unquoted cell: {cell:?}");
                quoted = true;
            }
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a bare CR between cells");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF ends a row"),
            (false, c) => cell.push(c),
        }
    }
    assert!(!quoted, "an unterminated quoted cell");
    assert!(
        cell.is_empty() && row.is_empty(),
        "the last row has no CRLF"
    );
    rows
}

/// A spreadsheet runs a cell as a formula when it starts with one of these, also after
/// whitespace or NUL that some importers drop (OWASP, ASVS 1.2.10).
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches(|c: char| c.is_whitespace() || c == '\0')
        .starts_with(['=', '+', '-', '@'])
        || cell.starts_with(['\t', '\r', '\0'])
}

fn pdf_text(pdf: &[u8], name: &str) -> String {
    let path = fresh_dir(name).with_extension("pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed: run .ci/install-deps --test");
    assert!(
        output.status.success(),
        "pdftotext refused the PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The lines of Markdown that start a block of the given kind, ignoring up to three spaces.
fn md_lines_starting<'a>(md: &'a str, pattern: impl Fn(&str) -> bool + 'a) -> Vec<&'a str> {
    md.lines()
        .filter(move |line| pattern(line.trim_start_matches(' ')))
        .collect()
}

/// Markdown with its backslash escapes resolved: the text a reader sees.
fn md_unescape(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(chars.next().unwrap());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether the character at byte `at` is escaped by an odd run of backslashes before it.
fn escaped(text: &str, at: usize) -> bool {
    text[..at].chars().rev().take_while(|c| *c == '\\').count() % 2 == 1
}

// ---------------------------------------------------------------------------------------
// The tests

#[test]
fn the_payload_list_covers_every_kind_of_attack() {
    let all = payloads();
    assert!(all.len() >= 55, "{} payloads", all.len());
    let names: HashSet<&str> = all.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), all.len(), "payload names are unique");
    let joined: String = texts().iter().map(|(_, t)| *t).collect();
    for needle in [
        "<script",
        "onerror",
        "<svg",
        "<iframe",
        "javascript:",
        "data:",
        "](",
        "&#",
        "</textarea>",
        "</style>",
        "{{",
        "${",
        "=HYPERLINK",
        "=cmd|",
        "\u{202e}",
        "\u{200d}",
        "\u{0}",
        "DROP TABLE",
        "../",
        "\n# ",
        "<!--",
        "expression(",
        "<base",
        "http-equiv",
        "__proto__",
        "\u{feff}",
    ] {
        assert!(joined.contains(needle), "no payload holds {needle:?}");
    }
    let big = all
        .iter()
        .any(|p| matches!(&p.kind, Kind::Text(t) if t.len() >= 1 << 20));
    let surrogate = all
        .iter()
        .any(|p| matches!(&p.kind, Kind::JsonString(s) if s.contains("\\ud8")));
    let invalid = all
        .iter()
        .any(|p| matches!(&p.kind, Kind::Bytes(b) if std::str::from_utf8(b).is_err()));
    assert!(
        big && surrogate && invalid,
        "a 1 MB text, a lone surrogate and invalid UTF-8"
    );
}

#[test]
fn hostile_text_is_stored_and_read_back_exactly_as_typed() {
    let hostile = hostile();
    let read: HashSet<String> = all_strings(&hostile.library, &hostile.id)
        .into_iter()
        .collect();
    for (place, text) in &hostile.stored {
        assert!(
            read.contains(text),
            "{place}: {text:?} did not come back as typed"
        );
    }
    // Phones read back their own notes and names as typed, too.
    let participants = api(
        &hostile.library,
        "get_board",
        json!({ "workshop_id": hostile.id }),
    )["participants"]
        .clone();
    let mut phone_notes = 0;
    for participant in participants.as_array().unwrap() {
        let participant = serde_json::from_value(participant.clone()).unwrap();
        let state = hostile
            .library
            .phone_state(&hostile.id, &participant)
            .unwrap();
        assert_eq!(state.name, participant.name);
        assert_eq!(state.common.workshop_title, payload("script_tag"));
        for note in &state.my_notes {
            assert!(hostile.notes.contains(&note.text), "{:?}", note.text);
            phone_notes += 1;
        }
    }
    assert_eq!(
        phone_notes,
        hostile.notes.len(),
        "every note by its author (by hand or from a phone)"
    );
}

#[test]
fn the_html_report_shows_every_payload_as_text_and_runs_nothing() {
    let hostile = hostile();
    let html = hostile
        .library
        .export_report(&hostile.id, ReportFormat::Html)
        .unwrap();
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script tag anywhere"
    );
    let mut allowed = HTML_TAGS.to_vec();
    allowed.extend(SVG_TAGS);
    let text = safe_markup(&html, &allowed);
    for (place, stored) in &hostile.stored {
        if place.ends_with("emotion.note") {
            continue; // the report draws the curves, not the facilitator's notes on points
        }
        assert!(
            text.contains(&visible(stored)),
            "{place}: {stored:?} is not shown as text"
        );
    }
}

#[test]
fn the_emotion_chart_svg_escapes_stage_titles_and_persona_names() {
    let hostile = hostile();
    let svg = api(
        &hostile.library,
        "emotion_chart_svg",
        json!({ "workshop_id": hostile.id }),
    );
    let svg = svg.as_str().unwrap();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    let text = safe_markup(svg, SVG_TAGS);
    // XML forbids control characters even as text; the chart leaves them out.
    assert!(
        !svg.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "a control character in the SVG"
    );
    for (place, stored) in &hostile.stored {
        if place.ends_with("persona.name") {
            // The legend keeps 28 characters of the name, then leaves out control characters.
            let legend = visible(&stored.chars().take(28).collect::<String>());
            assert!(
                text.contains(&legend),
                "{place}: {legend:?} missing from the legend"
            );
        }
        if place.ends_with("stage.title") {
            let first = stored.split_whitespace().next().unwrap();
            let shown: String = visible(first).chars().take(16).collect();
            assert!(
                text.contains(&shown),
                "{place}: {shown:?} missing from the stage labels"
            );
        }
    }
}

#[test]
fn the_markdown_report_makes_no_links_html_headings_or_extra_columns() {
    let hostile = hostile();
    let md = hostile
        .library
        .export_report(&hostile.id, ReportFormat::Md)
        .unwrap();
    let journey = api(
        &hostile.library,
        "get_journey",
        json!({ "workshop_id": hostile.id }),
    );
    let board = api(
        &hostile.library,
        "get_board",
        json!({ "workshop_id": hostile.id }),
    );
    let personas = journey["personas"].as_array().unwrap().len();
    let clusters = board["clusters"].as_array().unwrap().len();
    let loose = board["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["cluster_id"].is_null());
    // Headings: the title; ideas with a heading per group; voting and its round; personas
    // and one per persona; journey; emotions and the notes on its points; appendix. Nothing a
    // payload started.
    let headings = md_lines_starting(&md, |line| {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        (1..=6).contains(&hashes)
            && line[hashes..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
    });
    let point_notes = journey["emotions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| !p["note"].as_str().unwrap().trim().is_empty());
    // The summary: its heading, the top ideas of the last round with votes, the moments of
    // truth when a stage is one.
    let truths = journey["stages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["moment_of_truth"] == true);
    let summary = 2 + usize::from(truths);
    // The experience chapter: a heading when a stage has feelings, figures, a channel
    // switch or "explain again", a text lane holds text, or a question has answers; one
    // heading per such lane, and the questions' heading with one per question.
    let rows = |key: &str| journey[key].as_array().unwrap().clone();
    let stages_say = !rows("stage_feelings").is_empty()
        || !rows("figures").is_empty()
        || !rows("switches").is_empty()
        || rows("stages").iter().any(|s| s["explain_again"] == true);
    let text_lanes = rows("lanes")
        .iter()
        .filter(|lane| {
            lane["kind"] == "text"
                && rows("cells")
                    .iter()
                    .any(|c| c["lane_id"] == lane["id"] && c["text"] != "")
        })
        .count();
    let answered = rows("questions").iter().filter(|q| q["n"] != 0).count();
    let experience = usize::from(stages_say || text_lanes > 0 || answered > 0)
        + text_lanes
        + usize::from(answered > 0)
        + answered;
    let expected = 1
        + experience
        + summary
        + 1
        + clusters
        + usize::from(loose)
        + 2
        + 1
        + personas
        + 1
        + 1
        + usize::from(point_notes)
        + 1;
    assert_eq!(headings.len(), expected, "headings: {headings:#?}");
    assert!(
        !headings.iter().any(|h| h.contains("Owned")),
        "a payload made a heading"
    );
    // Setext headings: a line of = (or of -, apart from the footer's rule) under text.
    let setext = md_lines_starting(&md, |line| {
        let line = line.trim_end();
        !line.is_empty() && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
    });
    assert_eq!(setext, vec!["---"], "only the footer's rule");
    // No link, image, autolink or raw HTML from people: every bracket, parenthesis and angle
    // bracket is escaped, apart from the chart's image, a blockquote's > and "(count)".
    let chart = "![Emotion curves](emotion-chart.svg)";
    assert_eq!(md.matches(chart).count(), 1);
    for line in md.lines().filter(|line| *line != chart) {
        let body = line.strip_prefix("> ").unwrap_or(line);
        // A group heading ends in its note count, "(3)", on the last line of its title.
        let body = match body.rfind(" (") {
            Some(at)
                if body.ends_with(')')
                    && body[at + 2..body.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_digit()) =>
            {
                &body[..at]
            }
            _ => body,
        };
        for (at, c) in body.char_indices() {
            if "<>[]()`".contains(c) {
                assert!(escaped(body, at), "an unescaped {c:?} in {line:?}");
            }
        }
        assert!(
            !line.trim_start().starts_with('['),
            "a link reference definition: {line:?}"
        );
    }
    // Tables keep their columns: every row has as many unescaped pipes as its header.
    let mut columns = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let pipes = line
            .char_indices()
            .filter(|(at, c)| *c == '|' && !escaped(line, *at))
            .count();
        assert_eq!(
            *columns.get_or_insert(pipes),
            pipes,
            "a row with other columns: {line:?}"
        );
    }
    // Every note reads as typed, on one line of the appendix.
    let unescaped = md_unescape(&md);
    for note in &hostile.notes {
        assert!(
            unescaped.contains(&note.replace(['\r', '\n'], " ")),
            "{note:?} is not shown as typed"
        );
    }
}

#[test]
fn the_csv_has_one_row_per_note_and_no_formulas() {
    let hostile = hostile();
    let csv = hostile
        .library
        .export_report(&hostile.id, ReportFormat::Csv)
        .unwrap();
    let rows = parse_csv(&csv);
    assert_eq!(
        rows.len(),
        hostile.notes.len() + 1,
        "the header and one row per note"
    );
    let width = rows[0].len();
    assert_eq!(width, 7, "six columns and the round's votes");
    let mut noted: Vec<String> = Vec::new();
    for row in &rows {
        assert_eq!(row.len(), width, "a row with other columns: {row:?}");
        for cell in row {
            assert!(
                !formula_like(cell),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    for row in &rows[1..] {
        // A neutralised cell is the text behind one apostrophe.
        let text = &row[0];
        let original = match text.strip_prefix('\'') {
            Some(rest) if formula_like(rest) => rest,
            _ => text,
        };
        // A text with a direction control arrives isolated (FSI … PDI), as in every report.
        let original = original
            .strip_prefix('\u{2068}')
            .and_then(|inner| inner.strip_suffix('\u{2069}'))
            .filter(|inner| inner.chars().any(fiilis_core::text::is_bidi_control))
            .unwrap_or(original);
        noted.push(original.to_owned());
    }
    let mut expected = hostile.notes.clone();
    expected.sort();
    noted.sort();
    assert_eq!(noted, expected, "every note's text, as typed");
}

#[test]
fn the_pdf_renders_with_every_payload_and_shows_their_text() {
    let hostile = hostile();
    let pdf = hostile
        .library
        .export_pdf(&hostile.id, PaperSize::A4)
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf, "hostile-report");
    // The PDF's own structure is intact: a payload's ") Tj ET endstream" is text in it.
    assert!(
        text.contains(") Tj ET endstream endobj %%EOF"),
        "the PDF syntax payload as text"
    );
    let squeeze = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let whole = squeeze(&text);
    for name in [
        "script_tag",
        "img_onerror",
        "md_link",
        "csv_hyperlink",
        "csv_dde",
        "sql_injection",
        "path_traversal",
        "template_literal",
        "proto_json",
        "style_breakout",
        "meta_refresh",
    ] {
        let shown = squeeze(payload(name));
        assert!(
            whole.contains(&shown),
            "{name}: {shown:?} is not in the PDF's text"
        );
    }
}

#[test]
fn titles_goals_and_facilitators_are_text_in_every_format() {
    let library = Library::open_in_dir(&fresh_dir("hostile-titles")).unwrap();
    let mut allowed = HTML_TAGS.to_vec();
    allowed.extend(SVG_TAGS);
    for (index, (name, text)) in texts().into_iter().enumerate() {
        let Some(title) = fit(text, 200) else {
            continue;
        };
        let goal = fit(text, 2000).unwrap();
        let workshop = api(
            &library,
            "create_workshop",
            json!({ "title": title, "goal": goal, "facilitator": title, "language": if index % 2 == 0 { "en" } else { "fi" } }),
        );
        let id = workshop["id"].as_str().unwrap();
        assert_eq!(workshop["title"], title.as_str(), "{name}");
        let html = library.export_report(id, ReportFormat::Html).unwrap();
        let shown = safe_markup(&html, &allowed);
        assert!(
            shown.contains(&visible(&title)) && shown.contains(&visible(&goal)),
            "{name} in HTML"
        );
        let md = library.export_report(id, ReportFormat::Md).unwrap();
        assert_eq!(
            md_lines_starting(&md, |line| line.starts_with('#')).len(),
            3,
            "{name}: the title, the summary, ideas and nothing else as headings:\n{md}"
        );
        // Line breaks in a title come out as Markdown's own ("  \n"): compare without spacing.
        let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert!(
            bare(&md_unescape(&md)).contains(&bare(&title)),
            "{name} in Markdown"
        );
        assert_eq!(
            parse_csv(&library.export_report(id, ReportFormat::Csv).unwrap()).len(),
            1,
            "{name}"
        );
        // The PDF's cover and metadata carry the title: a handful is enough to show it copes.
        if [
            "rtl_override",
            "zwj_emoji",
            "zalgo",
            "nul_in_middle",
            "pdf_syntax",
            "long_word",
        ]
        .contains(&name)
        {
            let pdf = library.export_pdf(id, PaperSize::Letter).unwrap();
            assert!(pdf.starts_with(b"%PDF-"), "{name}");
            pdf_text(&pdf, "hostile-title");
        }
    }
}

#[test]
fn a_workshop_file_full_of_payloads_round_trips_identically_and_renders_safely() {
    let hostile = hostile();
    let library = Library::open_in_dir(&fresh_dir("hostile-import")).unwrap();
    let exported = api(
        &hostile.library,
        "export_workshop",
        json!({ "workshop_id": hostile.id }),
    );
    let text = serde_json::to_string(&exported).unwrap();
    let imported = api(&library, "import_workshop", json!({ "text": text }));
    let id = imported["id"].as_str().unwrap();
    let typed: HashSet<&String> = hostile.stored.iter().map(|(_, text)| text).collect();
    let texts_of = |library: &Library, id: &str| {
        let mut all: Vec<String> = all_strings(library, id)
            .into_iter()
            .filter(|s| typed.contains(s))
            .collect();
        all.sort();
        all
    };
    assert_eq!(
        texts_of(&library, id),
        texts_of(&hostile.library, &hostile.id)
    );
    let again = api(&library, "export_workshop", json!({ "workshop_id": id }));
    let (mut before, mut after) = (Vec::new(), Vec::new());
    strings(&exported["notes"], &mut before);
    strings(&again["notes"], &mut after);
    let keep = |all: Vec<String>| {
        let mut texts: Vec<String> = all
            .into_iter()
            .filter(|s| hostile.notes.contains(s))
            .collect();
        texts.sort();
        texts
    };
    assert_eq!(
        keep(after),
        keep(before),
        "the notes' texts after export → import → export"
    );
    let mut allowed = HTML_TAGS.to_vec();
    allowed.extend(SVG_TAGS);
    safe_markup(
        &library.export_report(id, ReportFormat::Html).unwrap(),
        &allowed,
    );
    let rows = parse_csv(&library.export_report(id, ReportFormat::Csv).unwrap());
    assert_eq!(rows.len(), hostile.notes.len() + 1);
}

fn workshop_count(library: &Library) -> usize {
    api(library, "list_workshops", json!({}))
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_megabyte_of_text_is_refused_in_every_field_naming_it_and_nothing_changes() {
    let megabyte = payloads()
        .iter()
        .find_map(|p| match &p.kind {
            Kind::Text(t) if t.len() >= 1 << 20 => Some(t.as_str()),
            _ => None,
        })
        .unwrap();
    let library = Library::open_in_dir(&fresh_dir("hostile-megabyte")).unwrap();
    let workshop = api(&library, "create_workshop", json!({ "title": "Room" }));
    let id = workshop["id"].as_str().unwrap();
    let stage = api(
        &library,
        "create_stage",
        json!({ "workshop_id": id, "title": "Arrival" }),
    )["upserted"]["stages"][0]["id"]
        .clone();
    let persona = api(
        &library,
        "create_persona",
        json!({ "workshop_id": id, "name": "Maija" }),
    )["upserted"]["personas"][0]["id"]
        .clone();
    let note = api(
        &library,
        "create_notes",
        json!({ "workshop_id": id, "notes": [{ "text": "a", "x": 0, "y": 0 }] }),
    )["upserted"]["notes"][0]["id"]
        .clone();
    let before = serde_json::to_string(
        &api(&library, "export_workshop", json!({ "workshop_id": id }))["notes"],
    )
    .unwrap();
    let revision = || api(&library, "get_board", json!({ "workshop_id": id }))["revision"].clone();
    let at_start = revision();
    let m = megabyte;
    let attempts = [
        ("create_workshop", json!({ "title": m }), "title"),
        (
            "create_workshop",
            json!({ "title": "x", "goal": m }),
            "goal",
        ),
        (
            "update_workshop",
            json!({ "id": id, "facilitator": m }),
            "facilitator",
        ),
        (
            "create_notes",
            json!({ "workshop_id": id, "notes": [{ "text": "fine", "x": 0, "y": 0 }, { "text": m, "x": 0, "y": 0 }] }),
            "notes[1].text",
        ),
        (
            "update_notes",
            json!({ "workshop_id": id, "notes": [{ "id": note, "text": m }] }),
            "text",
        ),
        (
            "group_notes",
            json!({ "workshop_id": id, "title": m, "note_ids": [note] }),
            "title",
        ),
        (
            "add_participant",
            json!({ "workshop_id": id, "name": m }),
            "name",
        ),
        (
            "create_stage",
            json!({ "workshop_id": id, "title": m }),
            "title",
        ),
        (
            "update_stage",
            json!({ "workshop_id": id, "id": stage, "pain_points": m }),
            "pain_points",
        ),
        (
            "update_stage",
            json!({ "workshop_id": id, "id": stage, "channels": [m] }),
            "channels[0]",
        ),
        (
            "create_persona",
            json!({ "workshop_id": id, "name": m }),
            "name",
        ),
        (
            "update_persona",
            json!({ "workshop_id": id, "id": persona, "background": m }),
            "background",
        ),
        (
            "update_persona",
            json!({ "workshop_id": id, "id": persona, "quote": m }),
            "quote",
        ),
        (
            "update_persona",
            json!({ "workshop_id": id, "id": persona, "sections": [{ "kind": "text", "title": "t", "text": m }] }),
            "text",
        ),
        (
            "set_emotion",
            json!({ "workshop_id": id, "persona_id": persona, "stage_id": stage, "variant": "current", "score": 1, "note": m }),
            "note",
        ),
        (
            "create_round",
            json!({ "workshop_id": id, "title": m }),
            "title",
        ),
    ];
    for (op, input, field) in attempts {
        let error = call(&library, op, input).expect_err(op);
        assert_eq!(error.code(), "invalid_input", "{op}");
        let message = error.to_string();
        assert!(
            message.contains(field) && message.contains("1048576"),
            "{op}: {message}"
        );
        assert!(
            message.len() < 300,
            "{op}: the message does not echo the text back"
        );
    }
    let joined = library
        .join_from_phone(id, Some(m), Role::Customer)
        .expect_err("a phone name");
    assert!(joined.to_string().contains("name"), "{joined}");
    let phone = library
        .join_from_phone(id, Some("Pia"), Role::Customer)
        .unwrap();
    let refused = library
        .add_phone_note(
            id,
            &phone.participant.id,
            &PhoneNote {
                client_id: "c".into(),
                text: m.into(),
                colour: None,
            },
        )
        .expect_err("a phone note");
    assert!(
        refused.to_string().contains("text") && refused.to_string().contains("1000"),
        "{refused}"
    );
    // Nothing of it was written: one workshop, its notes as they were, no new revision
    // beyond the phone that joined.
    assert_eq!(workshop_count(&library), 1);
    let after = serde_json::to_string(
        &api(&library, "export_workshop", json!({ "workshop_id": id }))["notes"],
    )
    .unwrap();
    assert_eq!(after, before);
    assert_eq!(
        revision(),
        json!(at_start.as_i64().unwrap() + 1),
        "only the join changed the workshop"
    );

    // The same text in a workshop file: refused naming the place, nothing imported.
    let mut file = api(&library, "export_workshop", json!({ "workshop_id": id }));
    file["notes"][0]["text"] = json!(m);
    let error = call(
        &library,
        "import_workshop",
        json!({ "text": file.to_string() }),
    )
    .expect_err("import");
    assert!(
        error.to_string().contains("notes[0].text") && error.to_string().contains("1048576"),
        "{error}"
    );
    assert_eq!(workshop_count(&library), 1);
}

#[test]
fn files_that_are_not_valid_unicode_json_are_refused_and_nothing_is_written() {
    let library = Library::open_in_dir(&fresh_dir("hostile-bad-files")).unwrap();
    let workshop = api(&library, "create_workshop", json!({ "title": "Source" }));
    api(
        &library,
        "create_notes",
        json!({ "workshop_id": workshop["id"], "notes": [{ "text": "PLACEHOLDER", "x": 0, "y": 0 }] }),
    );
    let file = api(
        &library,
        "export_workshop",
        json!({ "workshop_id": workshop["id"] }),
    )
    .to_string();
    assert!(file.contains("\"PLACEHOLDER\""));
    let mut tried = 0;
    for payload in payloads() {
        // The JSON source of the note's text: a lone surrogate as written, raw bytes as they
        // come (a file read as text has them replaced; a raw NUL stays, and JSON forbids it).
        let source = match &payload.kind {
            Kind::JsonString(source) => source.clone(),
            Kind::Bytes(bytes) => format!("\"{}\"", String::from_utf8_lossy(bytes)),
            Kind::Text(_) => continue,
        };
        tried += 1;
        let text = file.replace("\"PLACEHOLDER\"", &source);
        let result = library.import_workshop(&text);
        let raw_nul = source.contains('\0');
        match (&payload.kind, result) {
            (Kind::JsonString(_), Err(error)) => {
                assert_eq!(error.code(), "invalid_input", "{}", payload.name);
                assert!(
                    error.to_string().contains("not JSON"),
                    "{}: {error}",
                    payload.name
                );
            }
            (Kind::Bytes(_), Err(error)) if raw_nul => {
                assert_eq!(error.code(), "invalid_input", "{}", payload.name);
                assert!(
                    error.to_string().contains("control character"),
                    "{}: {error}",
                    payload.name
                );
            }
            // Replacement characters are ordinary text: the file imports, shown as read.
            (Kind::Bytes(_), Ok(imported)) if !raw_nul => {
                let board = api(&library, "get_board", json!({ "workshop_id": imported.id }));
                assert!(board["notes"][0]["text"]
                    .as_str()
                    .unwrap()
                    .contains('\u{fffd}'));
                api(&library, "trash_workshop", json!({ "id": imported.id }));
                api(&library, "delete_workshop", json!({ "id": imported.id }));
            }
            (_, result) => panic!("{}: unexpected {:?}", payload.name, result.map(|w| w.id)),
        }
    }
    assert_eq!(tried, 5);
    assert_eq!(workshop_count(&library), 1, "nothing was imported");
    // Escaped NUL is valid JSON and valid text: it imports, and every output copes with it.
    let text = file.replace("\"PLACEHOLDER\"", "\"\\u0000=1+1 nul\\u0000inside\"");
    let imported = library.import_workshop(&text).unwrap();
    let csv = parse_csv(
        &library
            .export_report(&imported.id, ReportFormat::Csv)
            .unwrap(),
    );
    assert!(
        !formula_like(&csv[1][0]),
        "a NUL-led formula: {:?}",
        csv[1][0]
    );
    let html = library
        .export_report(&imported.id, ReportFormat::Html)
        .unwrap();
    assert!(!html.contains('\0'), "HTML has no NUL");
    assert!(library
        .export_pdf(&imported.id, PaperSize::A4)
        .unwrap()
        .starts_with(b"%PDF-"));
}
