//! The participant API on a real socket: joining, secrets, limits, and nothing more.

use std::net::SocketAddr;
use std::sync::Arc;

use fiilis_core::voting::{NewRound, VotingRound};
use fiilis_core::{Library, Table};
use fiilis_server::ParticipantServer;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;

struct Room {
    _dir: tempfile::TempDir,
    library: Arc<Library>,
    workshop: String,
    port: u16,
    token: String,
    code: String,
}

async fn open_room() -> Room {
    let (dir, library, workshop) = fiilis_testkit::shared_library_with_hotel("Room");
    let server =
        ParticipantServer::bind(library.clone(), &workshop, "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
    let port = server.port();
    let url = server.join_url("127.0.0.1".parse().unwrap());
    let token = url.split_once("#room=").unwrap().1.to_owned();
    let code = server.code().to_owned();
    assert_eq!(code.len(), 6);
    tokio::spawn(server.serve_until(std::future::pending()));
    Room {
        _dir: dir,
        library,
        workshop,
        port,
        token,
        code,
    }
}

/// One request from the loopback address `from`, with extra header lines.
async fn send(
    room: &Room,
    from: &str,
    method: &str,
    path: &str,
    extra: &str,
    body: &str,
) -> (u16, Value) {
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n{}",
        room.port,
        extra.trim_end_matches("\r\n")
    );
    let to = SocketAddr::from(([127, 0, 0, 1], room.port));
    let response =
        fiilis_testkit::exchange_from(from, to, head.trim_end_matches("\r\n"), body.as_bytes())
            .await;
    (response.status, response.json())
}

impl Room {
    async fn join(&self, room: &str, name: &str) -> (u16, Value) {
        let body = json!({ "room": room, "name": name }).to_string();
        send(self, "127.0.0.1", "POST", "/p/join", "", &body).await
    }

    async fn call(&self, secret: &str, method: &str, path: &str, body: Value) -> (u16, Value) {
        let auth = format!("Authorization: Bearer {secret}\r\n");
        send(self, "127.0.0.1", method, path, &auth, &body.to_string()).await
    }
}

#[tokio::test]
async fn phones_join_with_the_room_token_or_code_and_act_with_their_secret() {
    let room = open_room().await;
    let (status, body) = room.join("WRONG1", "Mallory").await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    let (status, aino) = room.join(&room.token, "Aino").await;
    assert_eq!(status, 200, "{aino}");
    let (status, pekka) = room.join(&room.code.to_lowercase(), "Pekka").await;
    assert_eq!(status, 200, "{pekka}");
    let secret = aino["secret"].as_str().unwrap().to_owned();

    let (status, _) = room
        .call("not-a-secret", "GET", "/p/state", Value::Null)
        .await;
    assert_eq!(status, 401);
    let (status, state) = room.call(&secret, "GET", "/p/state", Value::Null).await;
    assert_eq!(status, 200, "{state}");
    assert_eq!(state["workshop_title"], "Room");
    assert_eq!(state["name"], "Aino");

    let note = json!({ "client_id": "n-1", "text": "<b>Faster</b> check-in" });
    let (status, written) = room.call(&secret, "POST", "/p/notes", note.clone()).await;
    assert_eq!(status, 200, "{written}");
    let (_, again) = room.call(&secret, "POST", "/p/notes", note).await;
    assert_eq!(written, again, "a resent note is the same note");
    assert_eq!(
        room.library.get_board(&room.workshop).unwrap().notes.len(),
        1
    );

    let round: VotingRound = room
        .library
        .create_round(
            &room.workshop,
            &NewRound {
                votes_per_participant: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    let vote = |client: &str| json!({ "round_id": round.id, "note_id": written["id"], "client_id": client });
    let (status, receipt) = room.call(&secret, "POST", "/p/votes", vote("v-1")).await;
    assert_eq!((status, receipt["votes_left"].as_i64()), (200, Some(0)));
    let (_, retried) = room.call(&secret, "POST", "/p/votes", vote("v-1")).await;
    assert_eq!(retried, receipt, "a retry counts once");
    let (status, refused) = room.call(&secret, "POST", "/p/votes", vote("v-2")).await;
    assert_eq!(status, 409);
    assert_eq!(refused["code"], "budget_exhausted");
    assert_eq!(refused["message"], "you have used all 1 of your votes");

    let stage = room.library.get_journey(&room.workshop).unwrap().stages[0]
        .id
        .clone();
    let rating = json!({ "stage_id": stage, "variant": "current", "score": -2 });
    assert_eq!(
        room.call(&secret, "POST", "/p/ratings", rating).await.0,
        200
    );
    assert_eq!(
        room.library.get_journey(&room.workshop).unwrap().ratings[0].count,
        1
    );
    let done = json!({ "round_id": round.id });
    assert_eq!(room.call(&secret, "POST", "/p/done", done).await.0, 200);
}

#[tokio::test]
async fn the_lan_reaches_no_facilitator_action() {
    let room = open_room().await;
    let (_, aino) = room.join(&room.code, "Aino").await;
    let secret = aino["secret"].as_str().unwrap();
    for path in [
        "/api/list_workshops",
        "/api/delete_workshop",
        "/api/export_workshop",
        "/api/events",
    ] {
        let (status, _) = room
            .call(secret, "POST", path, json!({ "id": room.workshop }))
            .await;
        assert_eq!(status, 404, "{path} must not exist here");
    }
    assert_eq!(
        room.library
            .list_workshops(&Default::default())
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn foreign_hosts_and_origins_big_bodies_and_floods_are_refused() {
    let room = open_room().await;
    let join = json!({ "room": room.code }).to_string();
    let (status, _) = send(
        &room,
        "127.0.0.1",
        "POST",
        "/p/join",
        "Origin: http://evil.example\r\n",
        &join,
    )
    .await;
    assert_eq!(status, 403);
    let huge = json!({ "room": room.code, "name": "x".repeat(20_000) }).to_string();
    assert_eq!(
        send(&room, "127.0.0.1", "POST", "/p/join", "", &huge)
            .await
            .0,
        413
    );

    // A flooding device gets 429s; another device is still answered.
    let mut limited = 0;
    for _ in 0..120 {
        if send(&room, "127.0.0.3", "GET", "/p/state", "", "").await.0 == 429 {
            limited += 1;
        }
    }
    assert!(limited > 0, "the flood was never limited");
    assert_eq!(
        send(&room, "127.0.0.2", "POST", "/p/join", "", &join)
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn a_host_name_instead_of_an_address_is_refused() {
    let room = open_room().await;
    let socket = TcpSocket::new_v4().unwrap();
    let mut stream = socket
        .connect(SocketAddr::from(([127, 0, 0, 1], room.port)))
        .await
        .unwrap();
    let request = format!(
        "GET /p/state HTTP/1.1\r\nHost: rebound.example:{}\r\nConnection: close\r\n\r\n",
        room.port
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");
}

#[tokio::test]
async fn phones_are_sent_what_every_phone_is_shown_alike_and_nothing_of_anyones_own() {
    let room = open_room().await;
    let (_, aino) = room.join(&room.code, "Aino").await;
    let (_, eero) = room.join(&room.code, "Eero").await;
    let aino_secret = aino["secret"].as_str().unwrap();
    room.library
        .add_phone_note(
            &room.workshop,
            aino["participant_id"].as_str().unwrap(),
            &serde_json::from_value(json!({ "client_id": "n1", "text": "Aino's own idea" }))
                .unwrap(),
        )
        .unwrap();
    let mut stream = open_events(&room, eero["secret"].as_str().unwrap()).await;
    room.library
        .update_room(
            &room.workshop,
            &fiilis_core::room::RoomUpdate {
                brainstorm_open: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    let received = read_until(&mut stream, "}\n\n", 5)
        .await
        .expect("the shared view");
    let data = received
        .split("data: ")
        .nth(1)
        .and_then(|event| event.split("\n\n").next())
        .expect("an event with data");
    let shared: Value = serde_json::from_str(data).expect("the shared view as JSON");
    assert_eq!(shared["room"]["brainstorm_open"], false);
    assert_eq!(shared["workshop_title"], "Room");
    for own in [
        "Aino",
        aino_secret,
        aino["participant_id"].as_str().unwrap(),
        "Aino's own idea",
    ] {
        assert!(!data.contains(own), "{own} reached another phone: {data}");
    }
}

/// Opens a phone's event stream and waits until it is answered.
async fn open_events(room: &Room, secret: &str) -> tokio::net::TcpStream {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", room.port))
        .await
        .unwrap();
    let request = format!(
        "GET /p/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Bearer {secret}\r\n\r\n",
        room.port
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    read_until(&mut stream, "text/event-stream", 5)
        .await
        .expect("the stream opens");
    stream
}

/// Reads `stream` until `wanted` appears (answers what was read), it closes (`Err` with it)
/// or `seconds` pass (`Err` with what came).
async fn read_until(
    stream: &mut tokio::net::TcpStream,
    wanted: &str,
    seconds: u64,
) -> Result<String, String> {
    let mut received = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while !received.contains(wanted) {
        let mut buffer = [0u8; 2048];
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Err(format!("closed after {received:?}")),
            Ok(Ok(read)) => received.push_str(&String::from_utf8_lossy(&buffer[..read])),
            Err(_) => return Err(format!("timed out after {received:?}")),
        }
    }
    Ok(received)
}

#[tokio::test]
async fn a_vote_pings_no_other_phone_until_the_results_are_revealed() {
    let room = open_room().await;
    let (_, aino) = room.join(&room.code, "Aino").await;
    let (_, eero) = room.join(&room.code, "Eero").await;
    let note = room
        .library
        .create_notes(&room.workshop, &[fiilis_testkit::note("idea")])
        .unwrap()
        .upserted::<fiilis_core::board::Note>(Table::Notes)
        .remove(0);
    let round: VotingRound = room
        .library
        .create_round(&room.workshop, &NewRound::default())
        .unwrap()
        .upserted(Table::VotingRounds)
        .remove(0);
    let mut eero_hears = open_events(&room, eero["secret"].as_str().unwrap()).await;
    // The round's opening may still be on its way: let it arrive first.
    let _ = read_until(&mut eero_hears, "data:", 1).await;
    let body = json!({ "round_id": round.id, "note_id": note.id, "client_id": "v1" });
    let (status, _) = room
        .call(aino["secret"].as_str().unwrap(), "POST", "/p/votes", body)
        .await;
    assert_eq!(status, 200);
    let quiet = read_until(&mut eero_hears, "data:", 1).await;
    assert!(
        quiet.is_err(),
        "another phone's vote changes nothing Eero sees: {quiet:?}"
    );
    room.library.close_round(&room.workshop, &round.id).unwrap();
    read_until(&mut eero_hears, "data:", 5)
        .await
        .expect("closing is shown");
    room.library
        .reveal_round(&room.workshop, &round.id)
        .unwrap();
    read_until(&mut eero_hears, "data:", 5)
        .await
        .expect("the reveal is shown");
}

#[tokio::test]
async fn a_removed_phones_event_stream_ends() {
    let room = open_room().await;
    let (_, aino) = room.join(&room.code, "Aino").await;
    let mut stream = open_events(&room, aino["secret"].as_str().unwrap()).await;
    room.library
        .remove_participant(&room.workshop, aino["participant_id"].as_str().unwrap())
        .unwrap();
    // The chunked body's last chunk: the response, and so the stream, is over.
    read_until(&mut stream, "0\r\n\r\n", 5)
        .await
        .expect("the stream ends");
}

#[tokio::test]
async fn requests_axum_turns_away_still_get_code_and_message() {
    let room = open_room().await;
    let (_, aino) = room.join(&room.code, "Aino").await;
    let auth = format!(
        "Authorization: Bearer {}\r\n",
        aino["secret"].as_str().unwrap()
    );
    for (body, expected) in [("{not json", 400), (r#"{"round_id": 5}"#, 422)] {
        let (status, error) = send(&room, "127.0.0.1", "POST", "/p/votes", &auth, body).await;
        assert_eq!(status, expected, "{body}: {error}");
        assert_eq!(error["code"], "invalid_input");
        assert!(!error["message"].as_str().unwrap().is_empty());
    }
    let huge = "x".repeat(20_000);
    let (status, error) = send(&room, "127.0.0.1", "POST", "/p/notes", &auth, &huge).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (413, Some("payload_too_large"))
    );
}

#[tokio::test]
async fn a_removed_phone_is_refused_and_a_phone_can_leave_by_itself() {
    let room = open_room().await;
    let (_, aino) = room.join(&room.code, "Aino").await;
    let (_, eero) = room.join(&room.code, "Eero").await;
    let (aino_secret, eero_secret) = (
        aino["secret"].as_str().unwrap(),
        eero["secret"].as_str().unwrap(),
    );
    room.library
        .remove_participant(&room.workshop, aino["participant_id"].as_str().unwrap())
        .unwrap();
    let (status, refused) = room.call(aino_secret, "GET", "/p/state", json!(null)).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (401, Some("unauthorized"))
    );
    assert_eq!(
        room.call(eero_secret, "GET", "/p/state", json!(null))
            .await
            .0,
        200
    );

    assert_eq!(
        room.call(eero_secret, "POST", "/p/leave", json!(null))
            .await
            .0,
        200
    );
    assert_eq!(
        room.call(eero_secret, "GET", "/p/state", json!(null))
            .await
            .0,
        401
    );
    let listed = room.library.list_participants(&room.workshop).unwrap();
    assert!(listed.iter().all(|entry| entry.removed && entry.via_phone));
}

#[tokio::test]
async fn phones_write_notes_and_rate_only_while_the_facilitator_has_that_open() {
    let room = open_room().await;
    let (_, aino) = room.join(&room.code, "Aino").await;
    let secret = aino["secret"].as_str().unwrap();
    room.library
        .update_room(
            &room.workshop,
            &fiilis_core::room::RoomUpdate {
                brainstorm_open: Some(false),
                rating_open: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    let note = json!({ "client_id": "n-1", "text": "An idea" });
    let (status, refused) = room.call(secret, "POST", "/p/notes", note.clone()).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (409, Some("activity_closed"))
    );
    let stage = room.library.get_journey(&room.workshop).unwrap().stages[0]
        .id
        .clone();
    let rating = json!({ "stage_id": stage, "variant": "current", "score": 1 });
    let (status, refused) = room
        .call(secret, "POST", "/p/ratings", rating.clone())
        .await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (409, Some("activity_closed"))
    );
    let (_, state) = room.call(secret, "GET", "/p/state", json!(null)).await;
    assert_eq!(state["room"]["brainstorm_open"], false);
    assert!(state["my_notes"].as_array().unwrap().is_empty());

    room.library
        .update_room(
            &room.workshop,
            &fiilis_core::room::RoomUpdate {
                brainstorm_open: Some(true),
                rating_open: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(room.call(secret, "POST", "/p/notes", note).await.0, 200);
    assert_eq!(room.call(secret, "POST", "/p/ratings", rating).await.0, 200);
    let (_, state) = room.call(secret, "GET", "/p/state", json!(null)).await;
    assert_eq!(state["my_notes"][0]["text"], "An idea");
    assert_eq!(state["my_ratings"][0]["score"], 1.0);
}

#[tokio::test]
async fn a_flooding_phone_is_limited_while_another_phone_at_the_same_address_is_answered() {
    let room = open_room().await;
    let (_, aino) = room.join(&room.code, "Aino").await;
    let (_, eero) = room.join(&room.code, "Eero").await;
    let aino = aino["secret"].as_str().unwrap();
    let mut limited = 0;
    for _ in 0..120 {
        if room.call(aino, "GET", "/p/state", json!(null)).await.0 == 429 {
            limited += 1;
        }
    }
    assert!(limited > 0, "the flooding phone was never limited");
    let eero = eero["secret"].as_str().unwrap();
    assert_eq!(room.call(eero, "GET", "/p/state", json!(null)).await.0, 200);
}
