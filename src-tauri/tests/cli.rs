//! The headless command line of the real `fiilis` binary, on a temporary data folder.

use std::io::{BufRead, BufReader, Read, Write};
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
    let url = line.trim().strip_prefix("Fiilis facilitator UI: ").unwrap();
    // The start-up backup runs beside serving, so it may land just after the URL is printed.
    let backups = dir.path().join("backups");
    let made = (0..100).any(|_| {
        let done = std::fs::read_dir(&backups).is_ok_and(|files| {
            files
                .flatten()
                .any(|file| file.path().extension().is_some_and(|ext| ext == "db"))
        });
        if !done {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        done
    });
    assert!(made, "serving backs the library up at start");
    child.kill().unwrap();
    child.wait().unwrap();
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
        ("md", "report.zip", "PK\u{3}\u{4}"),
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
}

#[test]
fn serve_opens_participant_access_for_a_workshop() {
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

/// A small tmpfs of its own, so a test can fill the disk or make it read-only; unmounted
/// when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Result<SmallDisk, String> {
        let dir = tempfile::tempdir().unwrap();
        let options = format!("size={size}");
        run(
            "mount",
            &["-t", "tmpfs", "-o", &options, "tmpfs"],
            dir.path(),
        )?;
        Ok(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Remounts with `options`, e.g. `ro` or `rw`.
    fn remount(&self, options: &str) {
        run("mount", &["-o", &format!("remount,{options}")], self.path()).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        // Lazily: a process of the test that is still exiting must not keep it mounted.
        let _ = run("umount", &["-l"], self.path());
    }
}

/// Runs a system tool with `path` as its last argument.
fn run(tool: &str, args: &[&str], path: &Path) -> Result<(), String> {
    let output = Command::new(tool)
        .args(args)
        .arg(path)
        .output()
        .map_err(|error| format!("{tool}: {error}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{tool} {args:?}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// Set in the copy of the test binary that runs inside `unshare -rm`.
const IN_NAMESPACE: &str = "FIILIS_TEST_IN_MOUNT_NAMESPACE";

/// A small disk for the test named `test`. Without the right to mount (not root), the test
/// runs again inside a user and mount namespace of its own, where it may; then `None` says
/// it has passed there. Neither possible: the test fails, as the check did not happen.
fn small_disk(test: &str, size: &str) -> Option<SmallDisk> {
    let refused = match SmallDisk::mount(size) {
        Ok(disk) => return Some(disk),
        Err(refused) => refused,
    };
    assert!(
        std::env::var_os(IN_NAMESPACE).is_none(),
        "cannot mount a tmpfs even in a mount namespace: {refused}"
    );
    let output = Command::new("unshare")
        .arg("-rm")
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", test, "--test-threads", "1", "--nocapture"])
        .env(IN_NAMESPACE, "1")
        .output()
        .unwrap_or_else(|error| {
            panic!("this test needs a tmpfs: run it as root or where `unshare -rm` works ({refused}; unshare: {error})")
        });
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success() && said.contains("1 passed"),
        "this test needs a tmpfs: run it as root or where `unshare -rm` works ({refused}); in a namespace:\n{said}"
    );
    None
}

/// The ids `fiilis list --json` shows.
fn listed_ids(data_dir: &Path) -> Vec<String> {
    let listed: Value =
        serde_json::from_str(&stdout(&fiilis(data_dir, &["list", "--json"]))).unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|workshop| workshop["id"].as_str().unwrap().to_owned())
        .collect()
}

/// `fiilis check` exits 0 and says the library is fine.
fn assert_checks_ok(data_dir: &Path) {
    let health: Value = serde_json::from_str(&stdout(&fiilis(data_dir, &["check"]))).unwrap();
    assert_eq!(health["ok"], true, "{health}");
}

/// The one line a failed command printed; it must have failed.
fn failure_line(output: &std::process::Output) -> String {
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("fiilis: "), "{stderr}");
    stderr
}

#[test]
fn a_full_disk_fails_with_a_clear_message_and_loses_nothing() {
    let Some(disk) = small_disk(
        "a_full_disk_fails_with_a_clear_message_and_loses_nothing",
        "2m",
    ) else {
        return;
    };
    let data = disk.path().join("library");
    // The first start makes the library and seeds the sample workshop.
    stdout(&fiilis(&data, &["new", "Before the disk filled"]));
    let mut saved = listed_ids(&data);
    assert_eq!(saved.len(), 2);
    // Fill the disk with a file, then give a little back: the library soon runs out, and
    // deleting the file afterwards frees the room again.
    let filler = disk.path().join("filler");
    {
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![0x5a; 64 * 1024];
        while file
            .write_all(&block)
            .and_then(|()| file.sync_all())
            .is_ok()
        {}
        let full = file.metadata().unwrap().len();
        file.set_len(full.saturating_sub(256 * 1024)).unwrap();
    }
    let mut refused = None;
    for n in 0..1000 {
        let title = format!("Workshop {n} while the disk fills up");
        let output = fiilis(&data, &["new", &title, "--template", "hotel"]);
        if output.status.success() {
            saved.push(String::from_utf8(output.stdout).unwrap().trim().to_owned());
        } else {
            refused = Some(output);
            break;
        }
    }
    let refused = refused.expect("the disk filled up");
    let message = failure_line(&refused);
    assert!(message.contains("the disk is full"), "{message}");
    assert!(
        message.contains("everything saved before is safe"),
        "{message}"
    );
    assert!(
        saved.len() > 2,
        "some workshops fitted before the disk was full"
    );

    std::fs::remove_file(&filler).unwrap();
    let mut listed = listed_ids(&data);
    listed.sort();
    saved.sort();
    assert_eq!(
        listed, saved,
        "every acknowledged workshop is there, and only those"
    );
    assert_checks_ok(&data);
    stdout(&fiilis(&data, &["new", "After freeing space"]));
}

#[test]
fn a_read_only_library_refuses_changes_clearly_and_keeps_its_content() {
    let Some(disk) = small_disk(
        "a_read_only_library_refuses_changes_clearly_and_keeps_its_content",
        "8m",
    ) else {
        return;
    };
    let data = disk.path().join("library");
    let id = stdout(&fiilis(&data, &["new", "Kept", "--template", "hotel"]));
    let before = listed_ids(&data);
    assert!(before.contains(&id.trim().to_owned()));

    disk.remount("ro");
    let message = failure_line(&fiilis(&data, &["new", "Refused"]));
    let read_only = |message: &str| {
        assert!(message.contains("cannot be written to"), "{message}");
        assert!(message.contains("nothing was changed"), "{message}");
        assert!(
            message.contains("everything saved before is safe"),
            "{message}"
        );
    };
    read_only(&message);
    // Reading needs SQLite's shared-memory file beside a WAL library, which a read-only
    // folder cannot hold; so reading may be refused too, but only with the same clear reason.
    let listed = fiilis(&data, &["list", "--json"]);
    if listed.status.success() {
        assert_eq!(listed_ids(&data), before);
    } else {
        read_only(&failure_line(&listed));
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("kept.fiilis.json");
    let path = file.to_str().unwrap();
    let exported = fiilis(
        &data,
        &["export", id.trim(), "--format", "json", "-o", path],
    );
    if exported.status.success() {
        assert!(std::fs::read_to_string(&file).unwrap().contains("Kept"));
    } else {
        read_only(&failure_line(&exported));
    }

    disk.remount("rw");
    assert_eq!(listed_ids(&data), before, "nothing was lost or added");
    assert_checks_ok(&data);
}

/// One HTTP/1.1 request over a plain socket to 127.0.0.1: the status and the body.
fn http(port: u16, path: &str, bearer: Option<&str>, body: &Value) -> (u16, Value) {
    let body = body.to_string();
    let auth = bearer.map_or(String::new(), |secret| {
        format!("Authorization: Bearer {secret}\r\n")
    });
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[test]
fn the_log_names_operations_but_never_what_people_wrote() {
    const WORDS: &str = "Zq7-lokimerkki-muistilappu";
    const NAME: &str = "Zq7-Osallistuja";
    let dir = tempfile::tempdir().unwrap();
    let id = stdout(&fiilis(
        dir.path(),
        &["new", "Logged", "--template", "hotel"],
    ));
    let id = id.trim();
    let mut server = Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "serve",
            "--workshop",
            id,
            "--participants",
            "--lan-port",
            "0",
        ])
        .env_remove("FIILIS_DATA_DIR")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let banner = fiilis_testkit::ServeBanner::read(server.stdout.take().unwrap());
    let (token, api, lan, code) = (
        banner.token,
        banner.api_port,
        banner.lan_port,
        banner.room_code,
    );

    let call = |operation: &str, input: Value| {
        http(api, &format!("/api/{operation}"), Some(&token), &input)
    };
    let (status, _) = call(
        "update_room",
        serde_json::json!({ "workshop_id": id, "brainstorm_open": true }),
    );
    assert_eq!(status, 200);
    let (status, _) = call(
        "create_notes",
        serde_json::json!({ "workshop_id": id, "notes": [{ "text": format!("board {WORDS}"), "x": 0, "y": 0 }] }),
    );
    assert_eq!(status, 200);
    let (status, _) = call(
        "add_participant",
        serde_json::json!({ "workshop_id": id, "name": format!("{NAME} by hand") }),
    );
    assert_eq!(status, 200);
    // Failed operations are what the log records by name: these carry the words too.
    let (status, error) = call(
        "create_notes",
        serde_json::json!({ "workshop_id": id, "notes": [{ "text": WORDS.repeat(60), "x": 0, "y": 0 }] }),
    );
    assert_eq!(
        (status, error["code"].as_str()),
        (400, Some("invalid_input")),
        "{error}"
    );
    let (status, error) = call(
        "add_participant",
        serde_json::json!({ "workshop_id": id, "name": NAME.repeat(5) }),
    );
    assert_eq!(
        (status, error["code"].as_str()),
        (400, Some("invalid_input")),
        "{error}"
    );

    let (status, joined) = http(
        lan,
        "/p/join",
        None,
        &serde_json::json!({ "room": code, "name": NAME }),
    );
    assert_eq!(status, 200, "{joined}");
    let secret = joined["secret"].as_str().unwrap();
    let (status, note) = http(
        lan,
        "/p/notes",
        Some(secret),
        &serde_json::json!({ "client_id": "c1", "text": format!("phone {WORDS}") }),
    );
    assert_eq!(status, 200, "{note}");
    let (status, _) = http(
        lan,
        "/p/notes",
        Some(secret),
        &serde_json::json!({ "client_id": "c2", "text": "" }),
    );
    assert_eq!(status, 400);

    // Stopped the way a person stops it: Ctrl+C.
    let interrupted = Command::new("kill")
        .args(["-INT", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    assert!(server.wait().unwrap().success());

    // The words did reach the library, so their absence from the log means something.
    let file = dir.path().join("logged.fiilis.json");
    stdout(&fiilis(
        dir.path(),
        &[
            "export",
            id,
            "--format",
            "json",
            "-o",
            file.to_str().unwrap(),
        ],
    ));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(saved.matches(WORDS).count(), 2, "{saved}");
    assert!(saved.contains(NAME));

    let mut logs: Vec<_> = std::fs::read_dir(dir.path().join("logs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    logs.sort();
    assert!(!logs.is_empty(), "serving writes a log");
    // One file a day: a run over midnight writes two.
    let log: String = logs
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap())
        .collect();
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines.len() >= 3, "{log}");
    assert!(lines[0].contains("starting"), "{log}");
    let failed: Vec<&&str> = lines
        .iter()
        .filter(|line| line.contains("operation failed"))
        .collect();
    assert_eq!(failed.len(), 2, "{log}");
    assert!(
        failed[0].contains("create_notes") && failed[0].contains("invalid_input"),
        "{log}"
    );
    assert!(failed[1].contains("add_participant"), "{log}");
    for marker in [WORDS, NAME, "Zq7"] {
        assert!(
            !log.contains(marker),
            "the log holds what people wrote: {log}"
        );
    }
}

/// Runs `fiilis` and answers its exit status and its peak resident memory in bytes, measured
/// for that child alone (`wait4`), whatever other tests run beside it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
// The child is reaped by `wait4` below, which also reads its peak memory.
#[allow(clippy::zombie_processes)]
fn peak_memory_of(data_dir: &Path, args: &[&str]) -> (bool, u64, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("FIILIS_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as i32;
    let mut stderr = String::new();
    child.stderr.unwrap().read_to_string(&mut stderr).unwrap();
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: waits for our own child and writes only into the two locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let exited_well = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (exited_well, usage.ru_maxrss as u64 * 1024, stderr)
}

/// A file at the size limit whose unknown field holds a long array, and a device that never
/// ends: both are refused with the reason, in memory a small multiple of the file's size.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn import_reads_with_a_hard_cap_and_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.fiilis.json");
    let mut text = String::from(r#"{"format": "fiilis-workshop", "version": 1, "surprise": ["#);
    while text.len() < 60 * 1024 * 1024 {
        text.push_str("1234567,");
    }
    text.push_str("1]}");
    std::fs::write(&big, &text).unwrap();
    let (ok, peak, said) = peak_memory_of(dir.path(), &["import", big.to_str().unwrap()]);
    assert!(!ok, "the file is refused");
    assert!(said.contains("surprise"), "names the field: {said}");
    let limit = 3 * text.len() as u64;
    assert!(
        peak < limit,
        "peak {} MB for a {} MB file",
        peak >> 20,
        text.len() >> 20
    );

    let (ok, peak, said) = peak_memory_of(dir.path(), &["import", "/dev/zero"]);
    assert!(!ok);
    assert!(said.contains("larger than 64 MB"), "{said}");
    assert!(peak < limit, "peak {} MB reading /dev/zero", peak >> 20);
}
