//! How long one note edit takes in core, next to the floor: a raw single-row SQLite commit
//! with the same pragmas (WAL, synchronous=FULL, BEGIN IMMEDIATE). Run by `make bench`,
//! which passes `BENCH_OUT`, the JSON file to write.

use std::time::Instant;

use fiilis_core::board::{NewNote, NoteEdit};
use fiilis_core::workshops::NewWorkshop;
use fiilis_core::{Library, TemplateId};
use rusqlite::{params, Connection, TransactionBehavior};

const NOTES: usize = 5_000;
const ROUNDS: usize = 300;

fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * fraction).round() as usize]
}

/// Median and 95th percentile, in milliseconds.
fn summary(mut samples: Vec<f64>) -> serde_json::Value {
    samples.sort_by(f64::total_cmp);
    serde_json::json!({
        "median_ms": percentile(&samples, 0.5),
        "p95_ms": percentile(&samples, 0.95),
        "runs": samples.len(),
    })
}

fn raw_commit(dir: &std::path::Path) -> Vec<f64> {
    let mut conn = Connection::open(dir.join("raw.db")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    conn.execute_batch("CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL) STRICT")
        .unwrap();
    for index in 0..NOTES {
        conn.execute("INSERT INTO notes VALUES (?1, 'note')", [index.to_string()])
            .unwrap();
    }
    (0..ROUNDS)
        .map(|round| {
            let start = Instant::now();
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .unwrap();
            tx.execute(
                "UPDATE notes SET text = ?2 WHERE id = ?1",
                params![(round % NOTES).to_string(), format!("edit {round}")],
            )
            .unwrap();
            tx.commit().unwrap();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

fn core_edit(dir: &std::path::Path) -> Vec<f64> {
    let library = Library::open_in_dir(&dir.join("library")).unwrap();
    let workshop = library
        .create_workshop(&NewWorkshop {
            title: "Bench".into(),
            template: TemplateId::Hotel,
            ..Default::default()
        })
        .unwrap()
        .id;
    let notes: Vec<NewNote> = (0..NOTES)
        .map(|index| NewNote {
            text: format!("Idea {index}"),
            colour: "yellow".into(),
            x: (index % 100) as f64 * 200.0,
            y: (index / 100) as f64 * 140.0,
            cluster_id: None,
            stage_id: None,
            persona_id: None,
            author_id: None,
        })
        .collect();
    let ids: Vec<String> = library
        .create_notes(&workshop, &notes)
        .unwrap()
        .upserted::<fiilis_core::board::Note>(fiilis_core::Table::Notes)
        .into_iter()
        .map(|note| note.id)
        .collect();
    (0..ROUNDS)
        .map(|round| {
            let edit = NoteEdit {
                id: ids[round * 13 % NOTES].clone(),
                text: Some(format!("Edited {round}")),
                ..Default::default()
            };
            let start = Instant::now();
            library.update_notes(&workshop, &[edit]).unwrap();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let results = serde_json::json!({
        "notes": NOTES,
        "raw_sqlite_commit": summary(raw_commit(dir.path())),
        "core_update_note": summary(core_edit(dir.path())),
    });
    let text = serde_json::to_string_pretty(&results).unwrap();
    println!("{text}");
    if let Ok(path) = std::env::var("BENCH_OUT") {
        if let Some(parent) = std::path::Path::new(&path).parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, text).unwrap();
    }
}
