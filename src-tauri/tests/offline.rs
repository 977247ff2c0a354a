//! No byte leaves the room, shown rather than promised: the real `fiilis` binary starts its
//! window, serves the facilitator UI and participant access, and writes every export inside a
//! network namespace that has only loopback, under `strace`; any attempt to reach an address
//! beyond this computer (a connect or a datagram to one) fails the test.
//!
//! The test runs itself again inside `unshare -rn` (a user and network namespace of its own,
//! which needs no privileges where user namespaces are allowed), with loopback brought up.

#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Set in the copy of the test binary that runs inside the network namespace.
const INSIDE: &str = "FIILIS_TEST_IN_NETWORK_NAMESPACE";
const TEST: &str = "nothing_reaches_beyond_this_computer";

/// `fiilis` with `args`, traced: every connect and send with an address is logged to a file
/// of its own in `traces`.
fn traced(traces: &Path, data_dir: &Path, args: &[&str]) -> Command {
    let log = traces.join(format!("trace-{}", args.join("-").replace('/', "_")));
    let mut command = Command::new("strace");
    command
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=connect,sendto,sendmsg,sendmmsg",
            "-o",
        ])
        .arg(log)
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("FIILIS_DATA_DIR")
        .env("LANG", "C.UTF-8");
    command
}

fn succeeds(mut command: Command) -> String {
    let output = command.output().expect("strace runs");
    assert!(
        output.status.success(),
        "{:?}: {}",
        command,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The addresses in a trace line (`inet_addr("…")`, `inet_pton(AF_INET6, "…"`).
fn addresses(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    for marker in ["inet_addr(\"", "inet_pton(AF_INET6, \""] {
        let mut rest = line;
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].to_owned());
            }
        }
    }
    found
}

/// Whether `address` is this computer: the loopback range, or any-address.
fn is_local(address: &str) -> bool {
    address.starts_with("127.")
        || ["0.0.0.0", "::", "::1"].contains(&address)
        || address.starts_with("::ffff:127.")
}

/// Every traced attempt to reach beyond this computer, as the trace lines that show it.
fn reaching_out(traces: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(traces).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if addresses(line).iter().any(|address| !is_local(address)) {
                found.push(line.to_owned());
            }
        }
    }
    found
}

/// The processes below `pid` (strace's tracee, xvfb-run's strace…), nearest first.
fn descendants(pid: u32) -> Vec<u32> {
    let output = Command::new("pgrep")
        .args(["-P", &pid.to_string()])
        .output()
        .expect("pgrep (procps) runs");
    let children: Vec<u32> = String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter_map(|pid| pid.parse().ok())
        .collect();
    let mut all = children.clone();
    for child in children {
        all.extend(descendants(child));
    }
    all
}

/// Ends a traced `fiilis` as closing it would (SIGTERM to the program itself, not to strace,
/// which would only detach), then waits until its trace is complete.
fn stop(mut child: Child) {
    for pid in descendants(child.id()) {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    let _ = child.wait();
}

#[test]
fn the_trace_reader_tells_loopback_from_the_world() {
    let world = r#"77 connect(9, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("93.184.216.34")}, 16) = -1 ENETUNREACH"#;
    let home = r#"77 connect(9, {sa_family=AF_INET, sin_port=htons(8790), sin_addr=inet_addr("127.0.0.1")}, 16) = 0"#;
    let six = r#"12 sendto(3, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1"#;
    assert_eq!(addresses(world), ["93.184.216.34"]);
    assert!(addresses(world).iter().any(|a| !is_local(a)));
    assert!(addresses(home).iter().all(|a| is_local(a)));
    assert_eq!(addresses(six), ["2001:db8::1"]);
    assert!(!is_local("2001:db8::1"));
}

#[test]
fn nothing_reaches_beyond_this_computer() {
    if std::env::var_os(INSIDE).is_none() {
        let output = Command::new("unshare")
            .args(["-rn", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""])
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", TEST, "--test-threads", "1", "--nocapture"])
            .env(INSIDE, "1")
            .output()
            .expect("unshare runs (util-linux)");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.status.success(), "inside the namespace: {said}");
        assert!(said.contains("1 passed"), "the test ran inside: {said}");
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let traces = tempfile::tempdir().unwrap();
    let (data, traces) = (data.path(), traces.path());
    let id = succeeds(traced(
        traces,
        data,
        &["new", "Offline", "--template", "hotel"],
    ));
    let id = id.trim();

    // The facilitator UI and participant access, used as a browser and a phone would.
    let mut serve = traced(
        traces,
        data,
        &[
            "serve",
            "--workshop",
            id,
            "--participants",
            "--lan-port",
            "0",
        ],
    );
    let mut server = serve.stdout(Stdio::piped()).spawn().unwrap();
    let banner = fiilis_testkit::ServeBanner::read(server.stdout.take().unwrap());
    let (api, lan, token, code) = (
        banner.api_port,
        banner.lan_port,
        banner.token.as_str(),
        banner.room_code.as_str(),
    );
    let local = |port: u16| -> std::net::SocketAddr { ([127, 0, 0, 1], port).into() };
    let page = fiilis_testkit::exchange_blocking(
        local(api),
        &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{api}"),
        b"",
    );
    assert_eq!(page.status, 200);
    let listed = fiilis_testkit::exchange_blocking(
        local(api),
        &format!(
            "POST /api/list_workshops HTTP/1.1\r\nHost: 127.0.0.1:{api}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json"
        ),
        b"{}",
    );
    assert_eq!(listed.status, 200, "{}", listed.body);
    let joined = fiilis_testkit::exchange_blocking(
        local(lan),
        &format!(
            "POST /p/join HTTP/1.1\r\nHost: 127.0.0.1:{lan}\r\nContent-Type: application/json"
        ),
        serde_json::json!({ "room": code, "name": "Aino" })
            .to_string()
            .as_bytes(),
    );
    assert_eq!(joined.status, 200, "{}", joined.body);
    let secret = joined.json()["secret"].as_str().unwrap().to_owned();
    let state = fiilis_testkit::exchange_blocking(
        local(lan),
        &format!(
            "GET /p/state HTTP/1.1\r\nHost: 127.0.0.1:{lan}\r\nAuthorization: Bearer {secret}"
        ),
        b"",
    );
    assert_eq!(state.status, 200, "{}", state.body);
    stop(server);

    // Every export.
    let out = data.join("out");
    std::fs::create_dir_all(&out).unwrap();
    for format in ["html", "pdf", "md", "csv", "json", "svg"] {
        let path: PathBuf = out.join(format!("report.{format}"));
        succeeds(traced(
            traces,
            data,
            &[
                "export",
                id,
                "--format",
                format,
                "-o",
                path.to_str().unwrap(),
            ],
        ));
        assert!(std::fs::metadata(&path).unwrap().len() > 0, "{format}");
    }

    // The desktop window's start, under a virtual display.
    let mut window = Command::new("xvfb-run");
    window.args([
        "-a",
        "strace",
        "-f",
        "-qq",
        "-e",
        "trace=connect,sendto,sendmsg,sendmmsg",
        "-o",
    ]);
    window
        .arg(traces.join("trace-window"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_fiilis"))
        .arg("--data-dir")
        .arg(data)
        .env_remove("FIILIS_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let window = window.spawn().expect("xvfb-run (Debian's xvfb) runs");
    std::thread::sleep(Duration::from_secs(10));
    stop(window);
    let window_trace = std::fs::read_to_string(traces.join("trace-window")).unwrap_or_default();
    assert!(!window_trace.is_empty(), "the window's start was traced");

    let out_of_the_room = reaching_out(traces);
    assert!(
        out_of_the_room.is_empty(),
        "reached beyond this computer:\n{}",
        out_of_the_room.join("\n")
    );
}
