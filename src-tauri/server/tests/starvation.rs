//! Nobody can starve the phones' listener: idle sockets by the hundred, a body announced and
//! never sent, guessed room codes under made-up secrets. Real sockets on loopback, each
//! "device" from an address of its own in 127.0.0.0/8.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fiilis_core::Library;
use fiilis_server::ParticipantServer;
use fiilis_testkit::{exchange_from, Response};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

struct Room {
    _dir: tempfile::TempDir,
    _library: Arc<Library>,
    addr: SocketAddr,
    code: String,
}

async fn open_room(per_address: usize, total: usize) -> Room {
    let (dir, library, workshop) = fiilis_testkit::shared_library_with_hotel("Hall");
    let server =
        ParticipantServer::bind(library.clone(), &workshop, "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap()
            .limit_connections(per_address, total);
    let addr = SocketAddr::from(([127, 0, 0, 1], server.port()));
    let code = server.code().to_owned();
    tokio::spawn(server.serve_until(std::future::pending()));
    Room {
        _dir: dir,
        _library: library,
        addr,
        code,
    }
}

async fn connect_from(from: &str, to: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket
        .bind(SocketAddr::new(from.parse().unwrap(), 0))
        .unwrap();
    socket.connect(to).await.unwrap()
}

async fn join_from(room: &Room, from: &str, code: &str, extra: &str) -> Response {
    let head = format!(
        "POST /p/join HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json{extra}",
        room.addr
    );
    exchange_from(
        from,
        room.addr,
        &head,
        json!({ "room": code }).to_string().as_bytes(),
    )
    .await
}

/// Whether the server closed `stream` (within `wait`).
async fn closed_by_server(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut byte = [0u8; 1];
    matches!(
        tokio::time::timeout(wait, stream.read(&mut byte)).await,
        Ok(Ok(0)) | Ok(Err(_))
    )
}

#[tokio::test]
async fn idle_sockets_from_one_device_leave_room_for_everyone_else() {
    let room = open_room(20, 60).await;
    let mut idle = Vec::new();
    for _ in 0..30 {
        idle.push(connect_from("127.0.0.2", room.addr).await);
    }
    let mut turned_away = 0;
    for stream in &mut idle {
        if closed_by_server(stream, Duration::from_millis(300)).await {
            turned_away += 1;
        }
    }
    assert_eq!(
        turned_away, 10,
        "the 21st and later sockets of one address are closed"
    );
    let joined = join_from(&room, "127.0.0.3", &room.code, "").await;
    assert_eq!(
        joined.status, 200,
        "another phone still joins: {}",
        joined.body
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_socket_that_sends_nothing_is_closed() {
    let room = open_room(20, 60).await;
    let mut silent = connect_from("127.0.0.4", room.addr).await;
    let started = Instant::now();
    assert!(closed_by_server(&mut silent, Duration::from_secs(20)).await);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(5) && waited < Duration::from_secs(15),
        "{waited:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_announced_and_never_sent_is_given_up_on() {
    let room = open_room(20, 60).await;
    let mut stream = connect_from("127.0.0.5", room.addr).await;
    let head = format!(
        "POST /p/join HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{{",
        room.addr
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut answer = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(25), stream.read_to_string(&mut answer)).await;
    assert!(started.elapsed() < Duration::from_secs(25), "held open");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
        "{answer}"
    );
}

#[tokio::test]
async fn wrong_room_codes_are_limited_whatever_the_request_carries() {
    let room = open_room(64, 256).await;
    let made_up = "\r\nAuthorization: Bearer made-up-secret-0123456789";
    let mut statuses = Vec::new();
    for n in 0..14 {
        let extra = if n % 2 == 0 { made_up } else { "" };
        statuses.push(join_from(&room, "127.0.0.6", "WRONG1", extra).await.status);
    }
    assert_eq!(&statuses[..10], &[401; 10], "ten guesses are answered");
    assert!(statuses[10..].iter().all(|s| *s == 429), "{statuses:?}");
    let right = join_from(&room, "127.0.0.6", &room.code, made_up).await;
    assert_eq!(
        right.status, 429,
        "the guessing device waits, even with the code"
    );
    let elsewhere = join_from(&room, "127.0.0.7", &room.code, "").await;
    assert_eq!(elsewhere.status, 200, "other devices join");
}
