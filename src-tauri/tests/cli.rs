//! The headless command line of the real `fiilis` binary, on a temporary data folder.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

fn fiilis(data_dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("FIILIS_DATA_DIR")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn new_then_list_shows_the_workshop_in_a_wal_library() {
    let dir = tempfile::tempdir().unwrap();
    let created: Value = serde_json::from_str(&stdout(&fiilis(
        dir.path(),
        &["new", "Hotel day", "--template", "hotel", "--json"],
    )))
    .unwrap();
    assert_eq!(created["title"], "Hotel day");
    assert_eq!(created["stages"].as_array().unwrap().len(), 8);

    let listed: Value =
        serde_json::from_str(&stdout(&fiilis(dir.path(), &["list", "--json"]))).unwrap();
    let titles: Vec<_> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap())
        .collect();
    // The first start also seeded the sample workshop.
    assert_eq!(titles, ["Hotel day", "Sample: a hotel stay"]);

    let conn = rusqlite_free_check(&dir.path().join("library.db"));
    assert_eq!(conn.0, "wal");
    assert!(conn.1 >= 1);
}

/// Reads journal mode and user_version straight from the file header, without SQLite: bytes
/// 18-19 are 2 for WAL, bytes 60-63 the big-endian user_version.
fn rusqlite_free_check(path: &Path) -> (&'static str, u32) {
    let header = std::fs::read(path).unwrap();
    let mode = if header[18] == 2 && header[19] == 2 {
        "wal"
    } else {
        "rollback"
    };
    let version = u32::from_be_bytes(header[60..64].try_into().unwrap());
    (mode, version)
}

#[test]
fn the_plain_listing_and_the_id_are_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let id = stdout(&fiilis(dir.path(), &["new", "Kahvila", "--lang", "fi"]));
    let id = id.trim();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let listing = stdout(&fiilis(dir.path(), &["list"]));
    assert_eq!(listing.lines().count(), 2);
    assert!(listing.lines().next().unwrap().starts_with(id));
    assert!(listing.contains("Kahvila"));
}

#[test]
fn bad_arguments_fail_with_a_one_line_reason() {
    let dir = tempfile::tempdir().unwrap();
    let output = fiilis(dir.path(), &["new", "   "]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim(), "fiilis: title must not be empty");

    let output = fiilis(dir.path(), &["new", "x", "--template", "castle"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("castle"));
}

#[test]
fn serve_prints_a_loopback_url_with_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let url = line.trim().strip_prefix("Fiilis facilitator UI: ").unwrap();
    let backups = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .count();
    assert_eq!(backups, 1, "serving backs the library up at start");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let token = url.split_once("/#token=").unwrap().1;
    assert_eq!(token.len(), 64);
}

#[test]
fn version_and_help_need_no_library() {
    let output = Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap().trim(),
        format!("fiilis {}", env!("CARGO_PKG_VERSION"))
    );
    let help = Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for word in ["list", "new", "serve", "--data-dir"] {
        assert!(help.contains(word), "{help}");
    }
}

#[test]
fn a_workshop_moves_between_data_dirs_through_its_file() {
    let (from, to) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let id = stdout(&fiilis(
        from.path(),
        &["new", "Moving day", "--template", "hotel"],
    ));
    let file = from.path().join("moving.fiilis.json");
    let path = file.to_str().unwrap();
    stdout(&fiilis(
        from.path(),
        &["export", id.trim(), "--format", "json", "-o", path],
    ));
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["format"], "fiilis-workshop");
    assert_eq!(written["stages"].as_array().unwrap().len(), 8);

    let imported: Value =
        serde_json::from_str(&stdout(&fiilis(to.path(), &["import", path, "--json"]))).unwrap();
    assert_eq!(imported["title"], "Moving day");
    assert_ne!(imported["id"], id.trim());
    let listing = stdout(&fiilis(to.path(), &["list"]));
    assert!(listing.contains("Moving day"), "{listing}");

    // Merging the same file into the imported workshop adds nothing.
    let merged = stdout(&fiilis(
        to.path(),
        &[
            "import",
            path,
            "--merge-into",
            imported["id"].as_str().unwrap(),
        ],
    ));
    assert!(merged.contains(": 0 rows added"), "{merged}");

    let svg = to.path().join("chart.svg");
    stdout(&fiilis(
        to.path(),
        &[
            "export",
            imported["id"].as_str().unwrap(),
            "--format",
            "svg",
            "-o",
            svg.to_str().unwrap(),
        ],
    ));
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
}

#[test]
fn a_broken_file_fails_with_a_one_line_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.fiilis.json");
    std::fs::write(&file, r#"{"format": "fiilis-workshop", "version": 9}"#).unwrap();
    let before = stdout(&fiilis(dir.path(), &["list"]));
    let output = fiilis(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("newer Fiilis (format version 9"),
        "{stderr}"
    );
    assert_eq!(stdout(&fiilis(dir.path(), &["list"])), before);
    let missing = fiilis(
        dir.path(),
        &["export", "no-such-id", "--format", "json", "-o", "x.json"],
    );
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no workshop with id no-such-id"));
}

#[test]
fn reports_are_written_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let id = stdout(&fiilis(
        dir.path(),
        &["new", "Raportti", "--template", "hotel", "--lang", "fi"],
    ));
    for (format, file, expected) in [
        ("html", "report.html", "<!doctype html><html lang=\"fi\">"),
        ("md", "report.md", "# Raportti"),
        ("csv", "notes.csv", "\u{feff}\"Muistilappu\""),
        ("pdf", "report.pdf", "%PDF-"),
    ] {
        let path = dir.path().join(file);
        stdout(&fiilis(
            dir.path(),
            &[
                "export",
                id.trim(),
                "--format",
                format,
                "-o",
                path.to_str().unwrap(),
            ],
        ));
        let written = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        assert!(
            written.starts_with(expected),
            "{format}: {}",
            &written[..60.min(written.len())]
        );
    }
    let chart = std::fs::read_to_string(dir.path().join("emotion-chart.svg")).unwrap();
    assert!(
        chart.starts_with("<svg"),
        "the Markdown's chart is written beside it"
    );
}

#[test]
fn serve_opens_participant_access_for_a_workshop() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let id = stdout(&fiilis(dir.path(), &["new", "Room", "--template", "hotel"]));
    let mut child = Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "serve",
            "--workshop",
            id.trim(),
            "--participants",
            "--lan-port",
            "0",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut join_url = None;
    let code = loop {
        let line = lines.next().expect("serve prints its addresses").unwrap();
        if let Some(url) = line.strip_prefix("Participants join at: ") {
            join_url.get_or_insert(url.to_owned());
        }
        if let Some(code) = line.strip_prefix("Room code: ") {
            break code.to_owned();
        }
    };
    let join_url = join_url.expect("at least one join address");
    let port: u16 = join_url
        .rsplit_once(':')
        .unwrap()
        .1
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let body = format!(r#"{{"room":"{code}","name":"Aino"}}"#);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST /p/join HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"secret\""));
    let participants = stdout(&fiilis(dir.path(), &["list", "--json"]));
    assert!(participants.contains("Room"));
}
