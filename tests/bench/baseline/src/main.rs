//! The baseline of the phone voting benchmark (tests/bench/voting.mjs): about the least a
//! server must do to take phones' votes durably and exactly, with the same stack as Fiilis
//! (axum 0.8 on hyper 1, tokio, rusqlite with bundled SQLite) and the same participant API
//! shape for the calls the benchmark makes, so that the same simulated phones drive both.
//!
//! - `POST /p/join {room, name?, role?}` → `{participant_id, name, secret}`; the room token is
//!   the one printed at start. Phones are known from memory afterwards (secret → participant).
//! - `POST /p/votes {round_id, note_id, client_id}` (`Authorization: Bearer <secret>`) →
//!   `{round_id, note_id, on_note, votes_left}`, or 409 `budget_exhausted` /
//!   `note_cap_reached`; resending a client id is answered as the first time, never counted
//!   twice.
//! - `GET /p/state` → the phone's view: the round, its 60 notes, its own votes and votes left.
//! - `GET /p/events` → an event stream that sends only a keep-alive comment every 15 s
//!   (another phone's vote changes nothing a phone shows before the reveal, as in Fiilis).
//! - `GET /admin/votes` → every stored vote as `[participant, client id, note]`, for the
//!   benchmark's exactness checks.
//!
//! Durability as in Fiilis: WAL with `synchronous=FULL`. One writer thread takes the votes
//! (and joins) queued since its last commit, runs them in one `BEGIN IMMEDIATE` transaction
//! (a savepoint each, so one failing write undoes only itself), commits, and only then
//! answers them (group commit). Reads go to read-only connections, one per blocking thread.
//!
//! What it leaves out, so the ratio Fiilis ÷ baseline is the price of those: rate limits,
//! connection caps and timeouts, Host/Origin checks, the workshop model (history, undo,
//! the facilitator's live view), and events for changes phones do see.
//!
//! Usage: `vote-baseline --db PATH [--notes 60] [--budget 5] [--cap 3]`. Listens on a free
//! loopback port and prints one JSON line: `{"port", "room", "round_id", "note_ids"}`.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, OnceLock, RwLock};
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::oneshot;

/// At most this many queued writes share one commit.
const MAX_BATCH: usize = 1024;

static DB_PATH: OnceLock<PathBuf> = OnceLock::new();

struct App {
    room: String,
    round_id: String,
    budget: i64,
    cap: i64,
    /// The round's notes as the phone view lists them, serialised once.
    notes_json: String,
    note_ids: Vec<String>,
    /// secret → participant id; filled by the writer after the join's commit.
    secrets: Arc<RwLock<HashMap<String, String>>>,
    writer: mpsc::Sender<Job>,
    next_participant: AtomicU64,
}

enum Op {
    Join {
        participant_id: String,
        name: Option<String>,
        secret: String,
    },
    Vote {
        participant_id: String,
        round_id: String,
        note_id: String,
        client_id: String,
    },
}

/// What a write answers: an HTTP status and a JSON body.
type Answer = (StatusCode, Value);

struct Job {
    op: Op,
    reply: oneshot::Sender<Answer>,
}

fn error(status: StatusCode, code: &str, message: &str) -> Answer {
    (status, json!({ "code": code, "message": message }))
}

fn respond((status, body): Answer) -> Response {
    (status, Json(body)).into_response()
}

// ---- the writer: group commit -------------------------------------------------------------

fn open_writer(path: &PathBuf) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

fn writer_loop(
    conn: Connection,
    jobs: mpsc::Receiver<Job>,
    budget: i64,
    cap: i64,
    secrets: Arc<RwLock<HashMap<String, String>>>,
) {
    // Blocks for the first write, then takes every write queued meanwhile into the same commit.
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut answers = Vec::with_capacity(batch.len());
        let committed = (|| -> rusqlite::Result<()> {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            for job in &batch {
                conn.execute_batch("SAVEPOINT w")?;
                match apply(&conn, &job.op, budget, cap) {
                    Ok(answer) => {
                        conn.execute_batch("RELEASE w")?;
                        answers.push(answer);
                    }
                    Err(e) => {
                        conn.execute_batch("ROLLBACK TO w; RELEASE w")?;
                        answers.push(error(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "storage",
                            &e.to_string(),
                        ));
                    }
                }
            }
            conn.execute_batch("COMMIT")
        })();
        if let Err(e) = committed {
            let _ = conn.execute_batch("ROLLBACK");
            for job in batch {
                let _ = job.reply.send(error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "storage",
                    &e.to_string(),
                ));
            }
            continue;
        }
        // Durable now: joined phones become known, then every write is answered.
        {
            let mut known = secrets.write().unwrap();
            for (job, answer) in batch.iter().zip(&answers) {
                if let (
                    Op::Join {
                        participant_id,
                        secret,
                        ..
                    },
                    true,
                ) = (&job.op, answer.0.is_success())
                {
                    known.insert(secret.clone(), participant_id.clone());
                }
            }
        }
        for (job, answer) in batch.into_iter().zip(answers) {
            let _ = job.reply.send(answer);
        }
    }
}

/// One write inside the open transaction.
fn apply(conn: &Connection, op: &Op, budget: i64, cap: i64) -> rusqlite::Result<Answer> {
    match op {
        Op::Join {
            participant_id,
            name,
            secret,
        } => {
            conn.prepare_cached("INSERT INTO participants (id, name, secret) VALUES (?1, ?2, ?3)")?
                .execute(params![participant_id, name, secret])?;
            Ok((
                StatusCode::OK,
                json!({ "participant_id": participant_id, "name": name, "secret": secret }),
            ))
        }
        Op::Vote {
            participant_id,
            round_id,
            note_id,
            client_id,
        } => {
            let standing = |note: &str| -> rusqlite::Result<Answer> {
                let (used, on_note): (i64, i64) = conn
                    .prepare_cached(
                        "SELECT COUNT(*), COALESCE(SUM(note_id = ?3), 0) FROM votes
                         WHERE participant_id = ?1 AND round_id = ?2",
                    )?
                    .query_row(params![participant_id, round_id, note], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?;
                Ok((
                    StatusCode::OK,
                    json!({ "round_id": round_id, "note_id": note, "on_note": on_note, "votes_left": budget - used }),
                ))
            };
            // Sent again after a lost answer: answered as the first time, stored once.
            let earlier: Option<String> = conn
                .prepare_cached(
                    "SELECT note_id FROM votes WHERE participant_id = ?1 AND client_id = ?2",
                )?
                .query_row(params![participant_id, client_id], |r| r.get(0))
                .optional()?;
            if let Some(note) = earlier {
                return standing(&note);
            }
            let (used, on_note): (i64, i64) = conn
                .prepare_cached(
                    "SELECT COUNT(*), COALESCE(SUM(note_id = ?3), 0) FROM votes
                     WHERE participant_id = ?1 AND round_id = ?2",
                )?
                .query_row(params![participant_id, round_id, note_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            if used >= budget {
                return Ok(error(
                    StatusCode::CONFLICT,
                    "budget_exhausted",
                    &format!("you have used all {budget} of your votes"),
                ));
            }
            if on_note >= cap {
                return Ok(error(
                    StatusCode::CONFLICT,
                    "note_cap_reached",
                    &format!("at most {cap} of your votes may go on one note"),
                ));
            }
            conn.prepare_cached("INSERT INTO votes (participant_id, client_id, round_id, note_id) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![participant_id, client_id, round_id, note_id])?;
            standing(note_id)
        }
    }
}

async fn write(app: &App, op: Op) -> Answer {
    let (reply, answer) = oneshot::channel();
    if app.writer.send(Job { op, reply }).is_err() {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage",
            "the writer stopped",
        );
    }
    answer.await.unwrap_or_else(|_| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage",
            "the writer stopped",
        )
    })
}

// ---- reads: a read-only connection per blocking thread --------------------------------------

thread_local! {
    static READER: std::cell::RefCell<Option<Connection>> = const { std::cell::RefCell::new(None) };
}

async fn read<T: Send + 'static>(
    f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(move || {
        READER.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.is_none() {
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let conn =
                    Connection::open_with_flags(DB_PATH.get().expect("database path"), flags)?;
                conn.busy_timeout(Duration::from_secs(5))?;
                *slot = Some(conn);
            }
            f(slot.as_ref().unwrap())
        })
    })
    .await
    .map_err(|e| {
        respond(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage",
            &e.to_string(),
        ))
    })?
    .map_err(|e| {
        respond(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage",
            &e.to_string(),
        ))
    })
}

// ---- handlers -----------------------------------------------------------------------------

fn participant(app: &App, headers: &HeaderMap) -> Result<String, Response> {
    let secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    app.secrets
        .read()
        .unwrap()
        .get(secret)
        .cloned()
        .ok_or_else(|| {
            respond(error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "unknown secret: join again",
            ))
        })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinRequest {
    room: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    role: Option<String>,
}

async fn join(State(app): State<Arc<App>>, Json(body): Json<JoinRequest>) -> Response {
    if body.room != app.room {
        return respond(error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "wrong room",
        ));
    }
    let n = app.next_participant.fetch_add(1, Ordering::Relaxed);
    let op = Op::Join {
        participant_id: format!("p{n}"),
        name: body.name,
        secret: random_hex(32),
    };
    respond(write(&app, op).await)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteRequest {
    round_id: String,
    note_id: String,
    client_id: String,
}

async fn vote(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Json(body): Json<VoteRequest>,
) -> Response {
    let participant_id = match participant(&app, &headers) {
        Ok(id) => id,
        Err(refused) => return refused,
    };
    if body.client_id.is_empty() || body.client_id.len() > 64 {
        return respond(error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            "client_id: 1–64 characters",
        ));
    }
    if body.round_id != app.round_id || !app.note_ids.contains(&body.note_id) {
        return respond(error(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such round or note",
        ));
    }
    let op = Op::Vote {
        participant_id,
        round_id: body.round_id,
        note_id: body.note_id,
        client_id: body.client_id,
    };
    respond(write(&app, op).await)
}

async fn state(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let participant_id = match participant(&app, &headers) {
        Ok(id) => id,
        Err(refused) => return refused,
    };
    let (who, round) = (participant_id.clone(), app.round_id.clone());
    let mine = read(move |conn| {
        let mut stmt = conn.prepare_cached("SELECT note_id, client_id FROM votes WHERE participant_id = ?1 AND round_id = ?2 ORDER BY rowid")?;
        let rows = stmt.query_map(params![who, round], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
    })
    .await;
    let mine = match mine {
        Ok(rows) => rows,
        Err(failed) => return failed,
    };
    let body = format!(
        r#"{{"participant_id":{},"round":{{"id":{},"status":"open","votes_per_participant":{},"max_per_note":{},"votes_left":{},"my_votes":{},"notes":{},"results":null}}}}"#,
        json!(participant_id),
        json!(app.round_id),
        app.budget,
        app.cap,
        app.budget - mine.len() as i64,
        json!(mine.iter().map(|(n, c)| [n, c]).collect::<Vec<_>>()),
        app.notes_json,
    );
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn events(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if let Err(refused) = participant(&app, &headers) {
        return refused;
    }
    let nothing = futures_util::stream::pending::<Result<Event, Infallible>>();
    Sse::new(nothing)
        .keep_alive(
            KeepAlive::new()
                .interval(Duration::from_secs(15))
                .text("keep-alive"),
        )
        .into_response()
}

async fn all_votes(State(_app): State<Arc<App>>) -> Response {
    match read(|conn| {
        let mut stmt =
            conn.prepare("SELECT participant_id, client_id, note_id FROM votes ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| {
            Ok([
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ])
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
    })
    .await
    {
        Ok(rows) => Json(rows).into_response(),
        Err(failed) => failed,
    }
}

// ---- start --------------------------------------------------------------------------------

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .expect("/dev/urandom");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let db = PathBuf::from(
        arg(&args, "--db")
            .expect("usage: vote-baseline --db PATH [--notes 60] [--budget 5] [--cap 3]"),
    );
    let notes: usize = arg(&args, "--notes").map_or(60, |v| v.parse().expect("--notes"));
    let budget: i64 = arg(&args, "--budget").map_or(5, |v| v.parse().expect("--budget"));
    let cap: i64 = arg(&args, "--cap").map_or(3, |v| v.parse().expect("--cap"));
    DB_PATH.set(db.clone()).unwrap();

    let mut conn = open_writer(&db).expect("open the database");
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS participants (id TEXT PRIMARY KEY, name TEXT, secret TEXT NOT NULL UNIQUE);
         CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, text TEXT NOT NULL);
         CREATE TABLE IF NOT EXISTS votes (
             participant_id TEXT NOT NULL REFERENCES participants(id),
             client_id TEXT NOT NULL,
             round_id TEXT NOT NULL,
             note_id TEXT NOT NULL REFERENCES notes(id),
             PRIMARY KEY (participant_id, client_id));
         CREATE INDEX IF NOT EXISTS votes_by_round ON votes (participant_id, round_id, note_id);",
    )
    .expect("create the schema");
    let note_ids: Vec<String> = (1..=notes).map(|i| format!("n{i}")).collect();
    let listed: Vec<Value> = note_ids
        .iter()
        .enumerate()
        .map(|(i, id)| json!({ "id": id, "text": format!("Idea {}: breakfast ends too early", i + 1), "colour": "yellow" }))
        .collect();
    {
        let tx = conn.transaction().expect("begin");
        for note in &listed {
            tx.execute(
                "INSERT OR IGNORE INTO notes (id, text) VALUES (?1, ?2)",
                params![note["id"].as_str(), note["text"].as_str()],
            )
            .expect("insert a note");
        }
        tx.commit().expect("commit the notes");
    }
    // Phones that joined before a restart keep their secrets.
    let secrets: Arc<RwLock<HashMap<String, String>>> = Arc::default();
    let known = {
        let mut stmt = conn
            .prepare("SELECT secret, id FROM participants")
            .expect("read participants");
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .expect("read participants");
        rows.collect::<rusqlite::Result<HashMap<_, _>>>()
            .expect("read participants")
    };
    let joined = known.len() as u64;
    *secrets.write().unwrap() = known;

    let (writer, jobs) = mpsc::channel();
    let writer_secrets = secrets.clone();
    std::thread::spawn(move || writer_loop(conn, jobs, budget, cap, writer_secrets));

    let app = Arc::new(App {
        room: random_hex(16),
        round_id: "r1".into(),
        budget,
        cap,
        notes_json: serde_json::to_string(&listed).unwrap(),
        note_ids,
        secrets,
        writer,
        next_participant: AtomicU64::new(joined + 1),
    });
    let router = Router::new()
        .route("/p/join", post(join))
        .route("/p/votes", post(vote))
        .route("/p/state", get(state))
        .route("/p/events", get(events))
        .route("/admin/votes", get(all_votes))
        .with_state(app.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let port = listener.local_addr().unwrap().port();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", json!({ "port": port, "room": app.room, "round_id": app.round_id, "note_ids": app.note_ids })).unwrap();
    out.flush().unwrap();
    drop(out);
    axum::serve(listener, router).await.expect("serve");
}
