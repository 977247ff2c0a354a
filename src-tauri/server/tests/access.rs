//! Participant access as the facilitator switches it: a real listener opens on a port, shows
//! where to join, and closes again, ending the phones' event streams.

use std::sync::Arc;
use std::time::Duration;

use fiilis_core::Library;
use fiilis_server::access::OpenAccess;
use fiilis_server::ParticipantAccess;
use serde_json::{json, Value};
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

fn library() -> (tempfile::TempDir, Arc<Library>, String) {
    fiilis_testkit::shared_library_with_hotel("Access")
}

fn loopback(workshop: &str, port: u16) -> OpenAccess {
    OpenAccess {
        workshop_id: workshop.to_owned(),
        port: Some(port),
        address: Some("127.0.0.1".parse().unwrap()),
    }
}

async fn request(port: u16, head: &str, body: &str) -> std::io::Result<TcpStream> {
    let head = format!("{head}\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json");
    fiilis_testkit::open_request(([127, 0, 0, 1], port).into(), &head, body.as_bytes()).await
}

async fn join(port: u16, code: &str) -> Value {
    let body = json!({ "room": code }).to_string();
    let mut stream = request(port, "POST /p/join HTTP/1.1\r\nConnection: close", &body)
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    serde_json::from_str(response.split_once("\r\n\r\n").unwrap().1).unwrap()
}

#[tokio::test]
async fn opening_shows_where_to_join_and_closing_stops_the_listener_and_its_streams() {
    let (_dir, library, workshop) = library();
    let access = ParticipantAccess::new(library);
    assert!(!access.status().await.open);

    let opened = access.open(&loopback(&workshop, 0)).await.unwrap();
    let port = opened.port.unwrap();
    let join_url = opened.join_url.clone().unwrap();
    assert!(
        join_url.starts_with(&format!("http://127.0.0.1:{port}/#room=")),
        "{join_url}"
    );
    assert!(opened.qr_svg.as_deref().unwrap().contains("<svg"));
    assert_eq!(access.status().await, opened);

    let joined = join(port, opened.room_code.as_deref().unwrap()).await;
    let secret = joined["secret"].as_str().unwrap();
    let mut events = request(
        port,
        &format!("GET /p/events HTTP/1.1\r\nAuthorization: Bearer {secret}"),
        "",
    )
    .await
    .unwrap();
    let mut head = [0u8; 512];
    let read = events.read(&mut head).await.unwrap();
    assert!(String::from_utf8_lossy(&head[..read]).starts_with("HTTP/1.1 200"));

    let closed = tokio::time::timeout(Duration::from_secs(5), access.close())
        .await
        .expect("closing waits for no phone");
    assert!(!closed.open && closed.join_url.is_none());
    // The open stream ends, and nobody can connect any more.
    let mut rest = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), events.read_to_end(&mut rest))
        .await
        .expect("the event stream ended")
        .unwrap();
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
}

#[tokio::test]
async fn a_taken_port_is_named_and_the_default_port_falls_back_to_a_free_one() {
    let (_dir, library, workshop) = library();
    let taken = std::net::TcpListener::bind(("0.0.0.0", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let access = ParticipantAccess::new(library);
    let error = access.open(&loopback(&workshop, port)).await.unwrap_err();
    assert_eq!(error.code, "port_in_use", "{}", error.message);
    assert!(!access.status().await.open);

    let blocker = std::net::TcpListener::bind(("0.0.0.0", fiilis_server::access::DEFAULT_PORT));
    let opened = access
        .open(&OpenAccess {
            port: None,
            ..loopback(&workshop, 0)
        })
        .await
        .unwrap();
    if blocker.is_ok() {
        assert_ne!(opened.port, Some(fiilis_server::access::DEFAULT_PORT));
    }
    assert!(opened.open);
}

#[tokio::test]
async fn the_facilitator_api_opens_and_closes_access_by_name() {
    let (_dir, library, workshop) = library();
    let access = ParticipantAccess::new(library);
    let input = json!({ "workshop_id": workshop, "port": 0, "address": "127.0.0.1" });
    let opened = access.call("open_participant_access", input).await.unwrap();
    assert_eq!(opened["open"], true);
    assert_eq!(opened["workshop_id"], workshop);
    let elsewhere = json!({ "workshop_id": workshop, "address": "203.0.113.9" });
    let error = access
        .call("open_participant_access", elsewhere)
        .await
        .unwrap_err();
    assert_eq!(error.code, "invalid_input");
    let missing = json!({ "workshop_id": "no-such-workshop", "port": 0 });
    assert_eq!(
        access
            .call("open_participant_access", missing)
            .await
            .unwrap_err()
            .code,
        "not_found"
    );
    assert_eq!(
        access
            .call("participant_access", Value::Null)
            .await
            .unwrap()["open"],
        false
    );
    assert_eq!(
        access
            .call("close_participant_access", Value::Null)
            .await
            .unwrap()["open"],
        false
    );
}
