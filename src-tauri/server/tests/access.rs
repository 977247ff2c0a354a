//! Participant access as the facilitator switches it: a real listener opens on a port, shows
//! where to join, and closes again, ending the phones' event streams; a laptop hosts a workshop
//! and another joins and follows it.

use std::sync::Arc;
use std::time::Duration;

use fiilis_core::error::ErrorCode;
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

/// Polls `check` until it holds, for up to ten seconds.
async fn eventually(mut check: impl FnMut() -> bool) {
    let end = std::time::Instant::now() + Duration::from_secs(10);
    while !check() {
        assert!(std::time::Instant::now() < end, "gave up waiting");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn has_note(library: &Library, workshop: &str, text: &str) -> bool {
    let board =
        fiilis_core::api::call(library, "get_board", json!({ "workshop_id": workshop })).unwrap();
    board["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|note| note["text"] == text)
}

fn write_note(library: &Library, workshop: &str, text: &str) {
    let notes = json!({ "workshop_id": workshop, "notes": [{ "text": text, "x": 0, "y": 0 }] });
    fiilis_core::api::call(library, "create_notes", notes).unwrap();
}

#[tokio::test]
async fn a_laptop_hosts_another_joins_with_the_address_shown_and_follows_again_after_a_restart() {
    let (_hub_dir, hub_library, workshop) = library();
    let hub = ParticipantAccess::new(hub_library.clone());
    // On loopback, so the other laptop reaches it whatever network the test machine has.
    hub.open(&loopback(&workshop, 0)).await.unwrap();
    let hosting = hub
        .call("host_laptops", json!({ "workshop_id": workshop }))
        .await
        .unwrap();
    let port = hub.status().await.port.unwrap();
    let url = hosting["url"].as_str().unwrap().to_owned();
    let (address, secret) = url.split_once('#').unwrap();
    assert_eq!(address, format!("http://127.0.0.1:{port}/sync/{workshop}"));
    assert_eq!(hosting["code"], secret[..8]);
    assert!(hosting["qr_svg"].as_str().unwrap().contains("<svg"));
    // Asked again, the hub shows the same pairing.
    let again = hub
        .call("host_laptops", json!({ "workshop_id": workshop }))
        .await
        .unwrap();
    assert_eq!(again["url"], url);

    let (_dir, satellite_library) = fiilis_testkit::library();
    let satellite_library = Arc::new(satellite_library);
    let satellite = ParticipantAccess::new(satellite_library.clone());
    let wrong = satellite
        .call("join_hub", json!({ "url": format!("{address}#wrongcod") }))
        .await
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::PairingRefused, "{}", wrong.message);
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let away = format!("http://127.0.0.1:{closed_port}/sync/{workshop}#{secret}");
    let unreachable = satellite
        .call("join_hub", json!({ "url": away }))
        .await
        .unwrap_err();
    assert_eq!(unreachable.code, ErrorCode::HubUnreachable);
    let not_an_address = satellite
        .call("join_hub", json!({ "url": "192.168.1.10" }))
        .await
        .unwrap_err();
    assert_eq!(not_an_address.code, ErrorCode::InvalidInput);

    // Joining with the short code works as the secret does.
    let code = hosting["code"].as_str().unwrap();
    let joined = satellite
        .call("join_hub", json!({ "url": format!("{address}#{code}") }))
        .await
        .unwrap();
    assert_eq!(joined["id"], workshop);
    write_note(&hub_library, &workshop, "From the hub");
    eventually(|| has_note(&satellite_library, &workshop, "From the hub")).await;
    // Joining again changes nothing; the hub has the workshop already, so it cannot join it.
    satellite
        .call("join_hub", json!({ "url": url }))
        .await
        .unwrap();
    let here = hub
        .call("join_hub", json!({ "url": url }))
        .await
        .unwrap_err();
    assert_eq!(here.code, ErrorCode::InvalidInput);
    assert!(
        here.message.contains("already on this laptop"),
        "{}",
        here.message
    );

    // A restart: the loop ends, and the next start follows the hub again by itself.
    satellite.stop_following().await;
    write_note(&satellite_library, &workshop, "Written while stopped");
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(!has_note(&hub_library, &workshop, "Written while stopped"));
    let restarted = ParticipantAccess::new(satellite_library.clone());
    restarted.follow_joined_hubs().await;
    eventually(|| has_note(&hub_library, &workshop, "Written while stopped")).await;
    restarted.stop_following().await;
}
