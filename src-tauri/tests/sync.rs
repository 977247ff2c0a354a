//! Several laptops on one workshop as people run them: `fiilis serve` processes on loopback,
//! each with a library of its own, a hub (`--hub`) and satellites (`--join`), edited at the
//! same time through each one's own facilitator API. Core's tests settle the rules in one
//! process; these show the processes, the LAN routes and the satellites' loop carry them,
//! including a satellite killed without warning.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long laptops may take to agree after the last edit; they usually need well under a
/// second.
const CONVERGE_WITHIN: Duration = Duration::from_secs(20);

/// One running `fiilis serve`: what it printed before serving, and its facilitator API.
struct Laptop {
    child: Child,
    lines: Vec<String>,
    api: u16,
    token: String,
}

impl Laptop {
    /// Starts `fiilis serve` on `data_dir` with `args` and reads its banner.
    fn start(data_dir: &Path, args: &[&str]) -> Laptop {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fiilis"))
            .arg("--data-dir")
            .arg(data_dir)
            .arg("serve")
            .args(args)
            .env_remove("FIILIS_DATA_DIR")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut output = BufReader::new(child.stdout.take().unwrap());
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            let read = output.read_line(&mut line).unwrap();
            assert!(read > 0, "serve {args:?} ended early, printing {lines:?}");
            let line = line.trim_end().to_owned();
            if line == "Press Ctrl+C to stop." {
                break;
            }
            lines.push(line);
        }
        // Nothing more is printed, but the pipe is read to its end all the same.
        std::thread::spawn(move || std::io::copy(&mut output, &mut std::io::sink()));
        let url = printed(&lines, "Fiilis facilitator UI: ");
        Laptop {
            api: fiilis_testkit::port_of(&url),
            token: url.split_once("#token=").unwrap().1.to_owned(),
            child,
            lines,
        }
    }

    /// A facilitator operation with its input; answers its result, which must succeed.
    fn call(&self, operation: &str, input: Value) -> Value {
        let (status, answer) = self.respond(operation, input);
        assert_eq!(status, 200, "{operation}: {answer}");
        answer
    }

    /// A facilitator operation with its input; answers the status and the JSON body.
    fn respond(&self, operation: &str, input: Value) -> (u16, Value) {
        let body = input.to_string();
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.api)).unwrap();
        write!(
            stream,
            "POST /api/{operation} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.api,
            self.token,
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let response = fiilis_testkit::parse_response(&response);
        (response.status, response.json())
    }

    /// Puts notes with `texts` on the board; answers their ids.
    fn add_notes(&self, workshop: &str, texts: &[String]) -> Vec<String> {
        let notes: Vec<Value> = texts
            .iter()
            .map(|text| json!({ "text": text, "x": 0, "y": 0 }))
            .collect();
        let change = self.call(
            "create_notes",
            json!({ "workshop_id": workshop, "notes": notes }),
        );
        change["upserted"]["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|note| note["id"].as_str().unwrap().to_owned())
            .collect()
    }

    fn edit_note(&self, workshop: &str, edit: Value) {
        self.call(
            "update_notes",
            json!({ "workshop_id": workshop, "notes": [edit] }),
        );
    }

    /// The workshop as its file holds it, less the export's own time stamp.
    fn content(&self, workshop: &str) -> Value {
        let mut file = self.call("export_workshop", json!({ "workshop_id": workshop }));
        file.as_object_mut().unwrap().remove("exported_at");
        file
    }

    /// Ends the process at once, as a power cut or `kill -9` would.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Laptop {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The rest of the line that starts with `prefix`.
fn printed(lines: &[String], prefix: &str) -> String {
    lines
        .iter()
        .find_map(|line| line.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix:?} in {lines:?}"))
        .to_owned()
}

/// A hub: a library with a hotel workshop, served with `--hub`. Answers the hub, the
/// workshop's id and the pairing address, on loopback.
fn hub(dir: &Path) -> (Laptop, String, String) {
    let created = Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(dir)
        .args(["new", "Breakouts", "--template", "hotel"])
        .env_remove("FIILIS_DATA_DIR")
        .output()
        .unwrap();
    assert!(created.status.success(), "{created:?}");
    let workshop = String::from_utf8(created.stdout).unwrap().trim().to_owned();
    let hub = Laptop::start(dir, &["--workshop", &workshop, "--hub", "--lan-port", "0"]);
    let url = printed(&hub.lines, "sync: ");
    let code = printed(&hub.lines, "sync code: ");
    let secret = url.split_once('#').unwrap().1;
    assert!(secret.starts_with(&code) && code.len() == 8, "{url} {code}");
    assert!(
        url.contains(&format!("/sync/{workshop}#")),
        "{url} names the workshop"
    );
    // The address shown is the laptop's LAN address; these laptops all live on loopback.
    let port = fiilis_testkit::port_of(&url);
    let path = url.split_once(&format!(":{port}")).unwrap().1;
    (hub, workshop, format!("http://127.0.0.1:{port}{path}"))
}

/// A satellite: a library of its own, joined to the hub at `url`.
fn satellite(dir: &Path, url: &str) -> Laptop {
    let satellite = Laptop::start(dir, &["--join", url]);
    assert!(
        printed(&satellite.lines, "sync: following ").starts_with("http://127.0.0.1:"),
        "{:?}",
        satellite.lines
    );
    satellite
}

/// Waits until every laptop's copy of the workshop is the same; answers it.
fn converged(laptops: &[&Laptop], workshop: &str) -> Value {
    let started = Instant::now();
    loop {
        let contents: Vec<Value> = laptops.iter().map(|l| l.content(workshop)).collect();
        if contents.iter().all(|content| *content == contents[0]) {
            return contents.into_iter().next().unwrap();
        }
        if started.elapsed() > CONVERGE_WITHIN {
            let texts: Vec<Vec<String>> = contents.iter().map(note_texts).collect();
            panic!(
                "the laptops did not converge within {CONVERGE_WITHIN:?}; their notes: {texts:#?}"
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The notes' texts of a workshop file, sorted.
fn note_texts(content: &Value) -> Vec<String> {
    let mut texts: Vec<String> = content["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|note| note["text"].as_str().unwrap().to_owned())
        .collect();
    texts.sort();
    texts
}

fn note<'a>(content: &'a Value, id: &str) -> Option<&'a Value> {
    content["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|note| note["id"] == id)
}

fn texts(prefix: &str, count: usize) -> Vec<String> {
    (1..=count).map(|n| format!("{prefix} {n}")).collect()
}

#[test]
fn concurrent_edits_on_a_hub_and_two_satellites_converge() {
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let (hub, workshop, url) = hub(dirs[0].path());
    let before = hub.add_notes(&workshop, &["shared".into(), "doomed".into()]);
    let (shared, doomed) = (&before[0], &before[1]);
    let a = satellite(dirs[1].path(), &url);
    let b = satellite(dirs[2].path(), &url);
    assert!(
        note(&a.content(&workshop), shared).is_some(),
        "a satellite starts with the hub's workshop"
    );

    // All three at once: each adds notes and rewrites the shared note; one satellite also
    // moves it, the other deletes a note.
    std::thread::scope(|scope| {
        for (laptop, name) in [(&hub, "hub"), (&a, "a"), (&b, "b")] {
            let workshop = &workshop;
            scope.spawn(move || {
                for text in texts(name, 5) {
                    laptop.add_notes(workshop, &[text]);
                    laptop.edit_note(
                        workshop,
                        json!({ "id": shared, "text": format!("{name} says") }),
                    );
                }
                match name {
                    "a" => {
                        laptop.edit_note(workshop, json!({ "id": shared, "x": 480.0, "y": 120.0 }))
                    }
                    "b" => {
                        laptop.call(
                            "delete_notes",
                            json!({ "workshop_id": workshop, "ids": [doomed] }),
                        );
                    }
                    _ => {}
                }
            });
        }
    });

    let content = converged(&[&hub, &a, &b], &workshop);
    let texts_now = note_texts(&content);
    for name in ["hub", "a", "b"] {
        for text in texts(name, 5) {
            assert!(
                texts_now.contains(&text),
                "{text} is missing: {texts_now:?}"
            );
        }
    }
    assert!(
        note(&content, doomed).is_none(),
        "the delete went everywhere"
    );
    let shared = note(&content, shared).expect("the shared note stays");
    assert!(
        ["hub says", "a says", "b says"].contains(&shared["text"].as_str().unwrap()),
        "{shared}"
    );
    assert_eq!(
        (shared["x"].as_f64(), shared["y"].as_f64()),
        (Some(480.0), Some(120.0)),
        "a move nobody else made stands beside the text"
    );
}

#[test]
fn a_satellite_killed_and_restarted_loses_nothing_it_acknowledged() {
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let (hub, workshop, url) = hub(dirs[0].path());
    let a = satellite(dirs[1].path(), &url);
    let b = satellite(dirs[2].path(), &url);

    // Acknowledged by the satellite, then the power goes: some of these may not have
    // reached the hub yet.
    for text in texts("before the kill", 5) {
        a.add_notes(&workshop, &[text]);
    }
    a.kill();

    hub.add_notes(&workshop, &texts("hub while a was down", 3));
    b.add_notes(&workshop, &texts("b while a was down", 3));

    // The same folder and address again: the workshop is already here, so it carries on.
    let a = satellite(dirs[1].path(), &url);
    a.add_notes(&workshop, &texts("after the restart", 3));

    let content = converged(&[&hub, &a, &b], &workshop);
    let texts_now = note_texts(&content);
    for text in [
        texts("before the kill", 5),
        texts("hub while a was down", 3),
        texts("b while a was down", 3),
        texts("after the restart", 3),
    ]
    .concat()
    {
        assert!(
            texts_now.contains(&text),
            "{text} is missing: {texts_now:?}"
        );
    }
    let listed = Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(dirs[1].path())
        .args(["list", "--json"])
        .env_remove("FIILIS_DATA_DIR")
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let copies = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["id"] == workshop.as_str())
        .count();
    assert_eq!(copies, 1, "the restart did not join a second time");
}

#[test]
fn votes_of_a_round_a_satellite_opened_are_recorded_there_and_exact_everywhere() {
    let dirs: Vec<tempfile::TempDir> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let (hub, workshop, url) = hub(dirs[0].path());
    let breakout = satellite(dirs[1].path(), &url);
    let ideas = breakout.add_notes(&workshop, &["vote for me".into(), "or me".into()]);
    let opened = breakout.call(
        "create_round",
        json!({ "workshop_id": workshop, "votes_per_participant": 2 }),
    );
    let round = opened["upserted"]["voting_rounds"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for person in 0..3 {
        let voter = breakout.call(
            "add_participant",
            json!({ "workshop_id": workshop, "name": format!("Person {person}") }),
        )["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for vote in 0..3 {
            let (status, answer) = breakout.respond(
                "cast_vote",
                json!({ "workshop_id": workshop, "round_id": round, "participant_id": voter,
                        "note_id": ideas[vote % 2], "client_id": format!("{person}-{vote}") }),
            );
            // A budget of two: the third is refused, on the laptop that opened the round.
            if vote < 2 {
                assert_eq!(status, 200, "{answer}");
            } else {
                assert_eq!(answer["code"], "budget_exhausted", "{answer}");
            }
        }
    }
    converged(&[&hub, &breakout], &workshop);
    let stranger = hub.call(
        "add_participant",
        json!({ "workshop_id": workshop, "name": "At the hub" }),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, refused) = hub.respond(
        "cast_vote",
        json!({ "workshop_id": workshop, "round_id": round, "participant_id": stranger,
                "note_id": ideas[0], "client_id": "hub-1" }),
    );
    assert_eq!(refused["code"], "forbidden", "{refused}");
    converged(&[&hub, &breakout], &workshop);
    for laptop in [&hub, &breakout] {
        let results = laptop.call(
            "round_results",
            json!({ "workshop_id": workshop, "round_id": round }),
        );
        let total: i64 = results
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["votes"].as_i64().unwrap())
            .sum();
        assert_eq!(total, 6, "{results}");
    }
}
