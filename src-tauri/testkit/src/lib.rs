//! What Fiilis's Rust test suites share, so each setup is written once: a library in a
//! temporary folder, a workshop from the hotel template in it, and HTTP/1.1 spoken by hand
//! over real loopback sockets (the tests check status lines, headers and limits that a client
//! library would hide).
//!
//! A dev-dependency of core, the server and the shell; never part of the app.

use std::net::SocketAddr;
use std::sync::Arc;

use fiilis_core::board::NewNote;
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Library, TemplateId};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// A new, empty library in a temporary folder that lives as long as the returned guard.
pub fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let library = Library::open_in_dir(dir.path()).expect("a new library opens");
    (dir, library)
}

/// A library holding one workshop titled `title` from the hotel template (eight stages).
pub fn library_with_hotel(title: &str) -> (tempfile::TempDir, Library, String) {
    let (dir, library) = library();
    let workshop = hotel_workshop(&library, title);
    (dir, library, workshop)
}

/// [`library_with_hotel`], the library shared as the servers take it.
pub fn shared_library_with_hotel(title: &str) -> (tempfile::TempDir, Arc<Library>, String) {
    let (dir, library, workshop) = library_with_hotel(title);
    (dir, Arc::new(library), workshop)
}

/// Adds a workshop titled `title` from the hotel template and answers its id.
pub fn hotel_workshop(library: &Library, title: &str) -> String {
    library
        .create_workshop(&NewWorkshop {
            title: title.into(),
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .expect("the workshop is created")
        .id
}

/// Opens brainstorming with notes hidden (what phones write lies face down) and joins a
/// customer's phone for each of `names`; answers them in order.
pub fn phones_writing_hidden(
    library: &Library,
    workshop: &str,
    names: &[&str],
) -> Vec<fiilis_core::participants::Participant> {
    library
        .update_room(
            workshop,
            &fiilis_core::room::RoomUpdate {
                brainstorm_open: Some(true),
                notes_hidden: Some(true),
                ..Default::default()
            },
        )
        .expect("the room opens with notes hidden");
    names
        .iter()
        .map(|name| {
            library
                .join_from_phone(
                    workshop,
                    Some(name),
                    fiilis_core::participants::Role::Customer,
                )
                .expect("the phone joins")
                .participant
        })
        .collect()
}

/// A yellow note at the board's origin, with nothing linked.
pub fn note(text: &str) -> NewNote {
    NewNote {
        text: text.into(),
        colour: "yellow".into(),
        x: 0.0,
        y: 0.0,
        cluster_id: None,
        stage_id: None,
        persona_id: None,
        author_id: None,
    }
}

/// An HTTP response as the tests read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    /// The header lines, as sent.
    pub head: String,
    pub body: String,
}

impl Response {
    /// The body as JSON, or as a JSON string when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| Value::String(self.body.clone()))
    }

    /// The value of the header `name` (any case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// Sends `head` (the request line and any header lines, without the blank line) and `body`
/// with its `Content-Length` on a fresh connection from the loopback address `from` to `to`,
/// asks the server to close, and reads the whole response.
pub async fn exchange_from(from: &str, to: SocketAddr, head: &str, body: &[u8]) -> Response {
    let socket = TcpSocket::new_v4().expect("a socket");
    let from: std::net::IpAddr = from.parse().expect("a loopback address");
    socket
        .bind(SocketAddr::new(from, 0))
        .expect("binding the client address");
    let mut stream = socket.connect(to).await.expect("the server accepts");
    send_request(&mut stream, head, body).await;
    read_response(&mut stream).await
}

/// [`exchange_from`] 127.0.0.1.
pub async fn exchange(to: SocketAddr, head: &str, body: &[u8]) -> Response {
    exchange_from("127.0.0.1", to, head, body).await
}

/// Writes a request whose connection stays open (an event stream, a slow body…).
pub async fn open_request(to: SocketAddr, head: &str, body: &[u8]) -> std::io::Result<TcpStream> {
    let mut stream = TcpStream::connect(to).await?;
    let request = format!("{head}\r\nContent-Length: {}\r\n\r\n", body.len());
    stream.write_all(request.as_bytes()).await?;
    stream.write_all(body).await?;
    Ok(stream)
}

async fn send_request(stream: &mut TcpStream, head: &str, body: &[u8]) {
    let request = format!(
        "{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .expect("the request is sent");
    stream.write_all(body).await.expect("the body is sent");
}

/// Reads a response to the end of the connection.
pub async fn read_response(stream: &mut TcpStream) -> Response {
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .await
        .expect("the response is read");
    parse_response(&String::from_utf8_lossy(&bytes))
}

/// Splits a whole HTTP/1.1 response into status, head and body.
pub fn parse_response(text: &str) -> Response {
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text, ""));
    let status = head
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
    Response {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// The blocking twin of [`exchange`], for tests without an async runtime.
pub fn exchange_blocking(to: SocketAddr, head: &str, body: &[u8]) -> Response {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(to).expect("the server accepts");
    let request = format!(
        "{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .expect("the request is sent");
    stream.write_all(body).expect("the body is sent");
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .expect("the response is read");
    parse_response(&String::from_utf8_lossy(&bytes))
}

/// What `fiilis serve --participants` prints before it serves: where the facilitator UI is
/// (with its token), the first address phones join at, and the room code.
#[derive(Debug, Clone)]
pub struct ServeBanner {
    pub facilitator_url: String,
    pub token: String,
    pub api_port: u16,
    pub join_url: String,
    pub lan_port: u16,
    pub room_code: String,
}

impl ServeBanner {
    /// Reads the banner from the server's standard output, line by line.
    pub fn read(output: impl std::io::Read) -> ServeBanner {
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(output).lines();
        let mut printed = |prefix: &str| loop {
            let line = lines
                .next()
                .expect("serve prints its addresses")
                .expect("serve's output is text");
            if let Some(rest) = line.strip_prefix(prefix) {
                break rest.to_owned();
            }
        };
        let facilitator_url = printed("Fiilis facilitator UI: ");
        let join_url = printed("Participants join at: ");
        let room_code = printed("Room code: ");
        ServeBanner {
            token: facilitator_url
                .split_once("#token=")
                .expect("the URL carries the token")
                .1
                .to_owned(),
            api_port: port_of(&facilitator_url),
            lan_port: port_of(&join_url),
            facilitator_url,
            join_url,
            room_code,
        }
    }
}

/// The port in a URL like `http://192.0.2.2:8790/#room=…`.
pub fn port_of(url: &str) -> u16 {
    let authority = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("a URL with an authority");
    authority
        .rsplit_once(':')
        .and_then(|(_, port)| port.parse().ok())
        .expect("a URL with a port")
}
