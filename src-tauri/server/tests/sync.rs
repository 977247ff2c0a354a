//! The hub's sync routes on the LAN listener, on a real socket: pairing, refusals and their
//! limits, and a satellite following the hub in the same process.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fiilis_core::sync::Snapshot;
use fiilis_core::Library;
use fiilis_server::{ParticipantServer, Satellite};
use serde_json::{json, Value};

struct Hub {
    _dir: tempfile::TempDir,
    library: Arc<Library>,
    workshop: String,
    /// A workshop of the same library this laptop is not the hub of.
    other: String,
    port: u16,
    secret: String,
    code: String,
}

async fn hub() -> Hub {
    let (dir, library, workshop) = fiilis_testkit::shared_library_with_hotel("Hub");
    let other = fiilis_testkit::hotel_workshop(&library, "Not synced");
    let pairing = library.host_sync(&workshop).unwrap();
    let server =
        ParticipantServer::bind(library.clone(), &workshop, "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
    let port = server.port();
    tokio::spawn(server.serve_until(std::future::pending()));
    Hub {
        _dir: dir,
        library,
        workshop,
        other,
        port,
        secret: pairing.secret,
        code: pairing.code,
    }
}

impl Hub {
    /// One request from the loopback address `from` with `secret` as its bearer.
    async fn send(
        &self,
        from: &str,
        secret: Option<&str>,
        method: &str,
        path: &str,
        body: &str,
    ) -> (u16, Value) {
        let auth = secret.map_or(String::new(), |secret| {
            format!("\r\nAuthorization: Bearer {secret}")
        });
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json{auth}",
            self.port
        );
        let to = SocketAddr::from(([127, 0, 0, 1], self.port));
        let response = fiilis_testkit::exchange_from(from, to, &head, body.as_bytes()).await;
        (response.status, response.json())
    }

    fn url(&self) -> String {
        format!(
            "http://127.0.0.1:{}/sync/{}#{}",
            self.port, self.workshop, self.secret
        )
    }
}

#[tokio::test]
async fn a_laptop_pairs_with_the_secret_or_its_code_and_exchanges_changes() {
    let hub = hub().await;
    let snapshot_path = format!("/sync/{}/snapshot", hub.workshop);
    let (status, body) = hub
        .send("127.0.0.1", Some(&hub.code), "GET", &snapshot_path, "")
        .await;
    assert_eq!(status, 200, "{body}");
    let snapshot: Snapshot = serde_json::from_value(body).unwrap();
    assert_eq!(snapshot.workshop_id, hub.workshop);

    let (_dir, satellite) = fiilis_testkit::library();
    satellite
        .join_sync(&snapshot, "http://127.0.0.1", &hub.secret)
        .unwrap();
    satellite
        .create_notes(&hub.workshop, &[fiilis_testkit::note("from the breakout")])
        .unwrap();
    let outgoing = satellite.sync_outgoing(&hub.workshop).unwrap();
    let push = json!({ "entries": outgoing.entries }).to_string();
    let changes = format!("/sync/{}/changes", hub.workshop);
    for applied in [1, 0] {
        let (status, body) = hub
            .send("127.0.0.1", Some(&hub.secret), "POST", &changes, &push)
            .await;
        assert_eq!(
            (status, body),
            (200, json!({ "applied": applied })),
            "sent twice, applied once"
        );
    }
    let board = hub.library.get_board(&hub.workshop).unwrap();
    assert!(board
        .notes
        .iter()
        .any(|note| note.text == "from the breakout"));

    let after = format!("{changes}?after={}", snapshot.seq);
    let (status, batch) = hub
        .send("127.0.0.1", Some(&hub.secret), "GET", &after, "")
        .await;
    assert_eq!(status, 200, "{batch}");
    assert_eq!(batch["entries"].as_array().unwrap().len(), 1);
    assert_eq!(batch["entries"][0]["origin"], satellite.sync_site());

    // Photos travel in pushes: far more than a phone may send is taken.
    let padded = format!("{{\"entries\": []{}}}", " ".repeat(256 * 1024));
    let (status, body) = hub
        .send("127.0.0.1", Some(&hub.secret), "POST", &changes, &padded)
        .await;
    assert_eq!((status, body), (200, json!({ "applied": 0 })));
}

#[tokio::test]
async fn wrong_secrets_are_refused_and_guessing_is_slowed_down() {
    let hub = hub().await;
    let path = format!("/sync/{}/changes?after=0", hub.workshop);
    let (status, body) = hub.send("127.0.0.2", None, "GET", &path, "").await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    let (status, body) = hub
        .send("127.0.0.2", Some("00000000"), "GET", &path, "")
        .await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    let (status, body) = hub
        .send(
            "127.0.0.2",
            Some(&hub.secret),
            "GET",
            &format!("/sync/{}/changes", hub.other),
            "",
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("not_found")),
        "only a workshop this laptop is the hub of answers: {body}"
    );

    // Ten wrong guesses from one address, then even the right secret waits there…
    for _ in 0..10 {
        hub.send("127.0.0.3", Some("deadbeef"), "GET", &path, "")
            .await;
    }
    let (status, body) = hub
        .send("127.0.0.3", Some(&hub.secret), "GET", &path, "")
        .await;
    assert_eq!((status, body["code"].as_str()), (429, Some("rate_limited")));
    // …while another laptop goes on.
    let (status, _) = hub
        .send("127.0.0.4", Some(&hub.secret), "GET", &path, "")
        .await;
    assert_eq!(status, 200);

    // The pairing secret opens nothing but sync.
    for (method, path, refused) in [
        ("POST", "/api/list_workshops", 404),
        ("GET", "/p/state", 401),
    ] {
        let (status, _) = hub
            .send("127.0.0.4", Some(&hub.secret), method, path, "")
            .await;
        assert_eq!(status, refused, "{path}");
    }
}

/// Waits until `done` holds, for a few seconds at most.
async fn eventually(what: &str, done: impl Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(10), "{what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn has_note(library: &Library, workshop: &str, text: &str) -> bool {
    library
        .get_board(workshop)
        .unwrap()
        .notes
        .iter()
        .any(|note| note.text == text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_satellite_follows_its_hub_both_ways() {
    let hub = hub().await;
    let (_dir, library) = fiilis_testkit::library();
    let library = Arc::new(library);
    let wrong = format!("http://127.0.0.1:{}/sync/{}#nope", hub.port, hub.workshop);
    assert!(Satellite::connect(library.clone(), &wrong).await.is_err());
    let satellite = Satellite::connect(library.clone(), &hub.url())
        .await
        .unwrap();
    assert_eq!(satellite.workshop_id(), hub.workshop);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let following = tokio::spawn(satellite.run_until(async {
        let _ = stopped.await;
    }));

    hub.library
        .create_notes(&hub.workshop, &[fiilis_testkit::note("on the hub")])
        .unwrap();
    library
        .create_notes(&hub.workshop, &[fiilis_testkit::note("on the satellite")])
        .unwrap();
    eventually("the hub's note reaches the satellite", || {
        has_note(&library, &hub.workshop, "on the hub")
    })
    .await;
    eventually("the satellite's note reaches the hub", || {
        has_note(&hub.library, &hub.workshop, "on the satellite")
    })
    .await;
    eventually("the hub confirms what it took in", || {
        library.sync_links().unwrap()[0].queued == 0
    })
    .await;

    stop.send(()).unwrap();
    following.await.unwrap();
}
