//! The facilitator API over a real socket on 127.0.0.1.

use std::net::SocketAddr;
use std::sync::Arc;

use fiilis_core::secrets::new_secret;
use fiilis_server::FacilitatorServer;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Running {
    addr: SocketAddr,
    token: String,
    _dir: tempfile::TempDir,
}

async fn start() -> Running {
    let (dir, library) = fiilis_testkit::library();
    let library = Arc::new(library);
    let access = Arc::new(fiilis_server::ParticipantAccess::new(library.clone()));
    let server = FacilitatorServer::bind(library, access, 0).await.unwrap();
    let (origin, token) = server.url().split_once("/#token=").unwrap();
    let token = token.to_owned();
    let addr: SocketAddr = origin.trim_start_matches("http://").parse().unwrap();
    assert!(
        addr.ip().is_loopback(),
        "the facilitator API must bind loopback only"
    );
    tokio::spawn(server.serve_until(std::future::pending()));
    Running {
        addr,
        token,
        _dir: dir,
    }
}

/// One HTTP/1.1 exchange on a fresh connection; returns the status and the body.
async fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> (u16, String) {
    let response = fiilis_testkit::exchange(addr, head, body).await;
    (response.status, response.body)
}

impl Running {
    async fn post(&self, operation: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        let mut head = format!(
            "POST /api/{operation} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json",
            self.addr.port()
        );
        if let Some(token) = token {
            head.push_str(&format!("\r\nAuthorization: Bearer {token}"));
        }
        let (status, body) = exchange(self.addr, &head, body.to_string().as_bytes()).await;
        (
            status,
            serde_json::from_str(&body).unwrap_or(Value::String(body)),
        )
    }

    async fn call(&self, operation: &str, body: Value) -> (u16, Value) {
        let token = self.token.clone();
        self.post(operation, Some(&token), &body).await
    }
}

#[tokio::test]
async fn the_api_answers_with_the_token_and_refuses_without_it() {
    let server = start().await;
    let (status, created) = server
        .call(
            "create_workshop",
            json!({ "title": "Hotel day", "template": "hotel" }),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["stages"].as_array().unwrap().len(), 8);
    let (status, listed) = server.call("list_workshops", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(listed[0]["title"], "Hotel day");

    let (status, error) = server.post("list_workshops", None, &json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(error["code"], "unauthorized");
    let wrong = new_secret();
    let (status, error) = server
        .post("list_workshops", Some(&wrong), &json!({}))
        .await;
    assert_eq!(status, 401);
    assert_eq!(error["code"], "unauthorized");
}

#[tokio::test]
async fn errors_cross_as_code_and_message_with_a_matching_status() {
    let server = start().await;
    let (status, error) = server.call("create_workshop", json!({ "title": "" })).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (400, Some("invalid_input"))
    );
    assert!(error["message"].as_str().unwrap().contains("title"));
    let (status, error) = server.call("get_workshop", json!({ "id": "gone" })).await;
    assert_eq!((status, error["code"].as_str()), (404, Some("not_found")));
    let (status, error) = server.call("format_disk", json!({})).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (404, Some("unknown_operation"))
    );

    let (status, created) = server
        .call("create_workshop", json!({ "title": "t" }))
        .await;
    assert_eq!(status, 200);
    let (status, error) = server
        .call("restore_workshop", json!({ "id": created["id"] }))
        .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (409, Some("not_in_trash"))
    );

    let head = format!(
        "POST /api/list_workshops HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {}",
        server.addr.port(),
        server.token
    );
    let (status, body) = exchange(server.addr, &head, b"{not json").await;
    assert_eq!(status, 400);
    assert!(body.contains("not JSON"), "{body}");
}

#[tokio::test]
async fn every_operation_of_core_is_served() {
    let server = start().await;
    let operations = fiilis_core::api::OPERATIONS
        .iter()
        .chain(fiilis_core::api::ACCESS_OPERATIONS);
    for operation in operations {
        let (status, body) = server.call(operation, json!({ "id": "missing" })).await;
        assert_ne!(body["code"], "unknown_operation", "{operation}");
        assert!(
            [200, 400, 404].contains(&status),
            "{operation}: {status} {body}"
        );
    }
}

/// Opens the event stream and returns the connection once the response headers arrived.
async fn open_events(server: &Running, token: Option<&str>) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let auth = token
        .map(|token| format!("Authorization: Bearer {token}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{auth}\r\n",
        server.addr.port()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        stream.read_exact(&mut byte).await.unwrap();
        head.push(byte[0]);
    }
    (stream, String::from_utf8(head).unwrap())
}

#[tokio::test]
async fn changes_stream_to_browsers_as_they_are_committed() {
    let server = start().await;
    let (_, head) = open_events(&server, None).await;
    assert!(head.starts_with("HTTP/1.1 401"), "{head}");

    let token = server.token.clone();
    let (mut events, head) = open_events(&server, Some(&token)).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head
        .to_lowercase()
        .contains("content-type: text/event-stream"));

    let (_, workshop) = server
        .call("create_workshop", json!({ "title": "Live" }))
        .await;
    let (status, _) = server
        .call(
            "create_notes",
            json!({ "workshop_id": workshop["id"], "notes": [{ "text": "heard live", "x": 0, "y": 0 }] }),
        )
        .await;
    assert_eq!(status, 200);

    let mut received = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    while !received.contains("heard live") {
        let mut buffer = [0u8; 4096];
        let read = tokio::time::timeout_at(deadline, events.read(&mut buffer))
            .await
            .expect("the change arrives within 5 s")
            .unwrap();
        assert!(read > 0, "the stream closed: {received}");
        received.push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
    let line = received
        .lines()
        .find(|line| line.starts_with("data:") && line.contains("heard live"))
        .unwrap();
    let change: Value = serde_json::from_str(line.trim_start_matches("data:").trim()).unwrap();
    assert_eq!(change["workshop_id"], workshop["id"]);
    assert_eq!(change["revision"], 1);
    assert_eq!(change["upserted"]["notes"][0]["text"], "heard live");
    assert_eq!(change["undo"], "create_notes");
}

#[tokio::test]
async fn foreign_hosts_and_origins_are_refused() {
    let server = start().await;
    let port = server.addr.port();
    let auth = format!("Authorization: Bearer {}", server.token);
    let rebinding =
        format!("POST /api/list_workshops HTTP/1.1\r\nHost: evil.example:{port}\r\n{auth}");
    assert_eq!(exchange(server.addr, &rebinding, b"{}").await.0, 403);
    let cross_site = format!(
        "POST /api/list_workshops HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\n{auth}"
    );
    assert_eq!(exchange(server.addr, &cross_site, b"{}").await.0, 403);
    let same_site = format!(
        "POST /api/list_workshops HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: http://localhost:{port}\r\n{auth}"
    );
    assert_eq!(exchange(server.addr, &same_site, b"{}").await.0, 200);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let server = start().await;
    let huge = json!({ "title": "x".repeat(2 * 1024 * 1024) });
    let (status, body) = server.call("create_workshop", huge).await;
    assert_eq!(status, 413);
    assert_eq!(body["code"], "payload_too_large");
    // A workshop file may be bigger; this one is refused for what it says, not its size.
    let file = json!({ "text": " ".repeat(2 * 1024 * 1024) });
    let (status, body) = server.call("import_workshop", file).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_input"))
    );
}

#[tokio::test]
async fn the_ui_is_served_without_a_token_with_a_strict_csp() {
    let server = start().await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let request = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        server.addr.port()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let lower = response.to_lowercase();
    assert!(lower.contains("content-type: text/html"));
    assert!(lower.contains("content-security-policy: default-src 'self'; script-src 'self'"));
    assert!(
        lower.contains("<div id=\"app\""),
        "the built UI's index.html"
    );
}

/// The rows of the error table in docs/api.md: each code with its HTTP status (`–` for none).
fn documented_error_codes() -> Vec<(String, Option<u16>)> {
    let doc = include_str!("../../../docs/api.md");
    let table = doc
        .split("## Errors")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    table
        .lines()
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim).skip(1);
            let code = cells
                .next()?
                .strip_prefix('`')?
                .strip_suffix('`')?
                .to_owned();
            Some((code, cells.next()?.parse().ok()))
        })
        .collect()
}

#[test]
fn the_documented_error_codes_are_the_codes_the_backend_has_with_their_statuses() {
    let documented = documented_error_codes();
    let mut names: Vec<&str> = documented.iter().map(|(code, _)| code.as_str()).collect();
    let mut known: Vec<&str> = fiilis_core::error::ErrorCode::ALL
        .iter()
        .map(|code| code.as_str())
        .collect();
    names.sort_unstable();
    known.sort_unstable();
    assert_eq!(names, known);
    for (name, status) in documented {
        let code = *fiilis_core::error::ErrorCode::ALL
            .iter()
            .find(|code| code.as_str() == name)
            .unwrap();
        if let Some(status) = status {
            assert_eq!(fiilis_server::status_for(code).as_u16(), status, "{name}");
        }
    }
}
