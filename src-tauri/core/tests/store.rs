//! The library file itself: pragmas, migrations from old schemas, refusing newer ones.

use std::path::Path;

use fiilis_core::store::SCHEMA_VERSION;
use fiilis_core::workshops::WorkshopQuery;
use fiilis_core::{Error, Language, Library};
use rusqlite::Connection;

fn schema_of(path: &Path) -> Vec<(String, String, String)> {
    let conn = Connection::open(path).unwrap();
    let mut statement = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn pragma(path: &Path, name: &str) -> String {
    let conn = Connection::open(path).unwrap();
    conn.pragma_query_value(None, name, |row| {
        row.get::<_, rusqlite::types::Value>(0)
            .map(|v| format!("{v:?}"))
    })
    .unwrap()
}

#[test]
fn a_fresh_library_is_wal_with_the_current_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    assert_eq!(library.schema_version().unwrap(), SCHEMA_VERSION);
    let path = dir.path().join("library.db");
    assert_eq!(pragma(&path, "journal_mode"), "Text(\"wal\")");
    assert_eq!(
        pragma(&path, "user_version"),
        format!("Integer({SCHEMA_VERSION})")
    );
}

#[test]
fn upgrading_a_schema_1_library_gives_the_fresh_schema_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    Connection::open(&old)
        .unwrap()
        .execute_batch(include_str!("fixtures/library_v1.sql"))
        .unwrap();
    assert_eq!(pragma(&old, "user_version"), "Integer(1)");

    let upgraded = Library::open(&old).unwrap();
    let fresh_path = dir.path().join("fresh.db");
    drop(Library::open(&fresh_path).unwrap());
    assert_eq!(schema_of(&old), schema_of(&fresh_path));
    assert_eq!(upgraded.schema_version().unwrap(), SCHEMA_VERSION);

    let workshops = upgraded.list_workshops(&WorkshopQuery::default()).unwrap();
    assert_eq!(workshops.len(), 1);
    let workshop = upgraded.get_workshop(&workshops[0].id).unwrap();
    assert_eq!(workshop.title, "Kylpylän asiakaspolku");
    assert_eq!(workshop.language, Language::Fi);
    let stages: Vec<_> = workshop.stages.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(stages, ["Selailu", "Varaaminen"]);
    // What the old library held is in the search index the upgrade built.
    let found = upgraded
        .list_workshops(&WorkshopQuery {
            search: Some("varaami".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].matched.as_deref(), Some("Varaaminen"));
    // It shows the lanes it showed before, with feelings and metrics added, named in its
    // language as a new workshop's lanes are.
    let lanes: Vec<_> = upgraded
        .get_journey(&workshop.id)
        .unwrap()
        .lanes
        .into_iter()
        .map(|lane| (lane.kind, lane.title))
        .collect();
    use fiilis_core::model::LaneKind::*;
    let kinds = [
        Touchpoint,
        Channels,
        PainPoints,
        Opportunities,
        Feelings,
        Metrics,
        Notes,
    ];
    assert_eq!(
        lanes,
        kinds.map(|kind| (kind, kind.default_title(Language::Fi).to_owned()))
    );
    // The upgraded library was in use already, so it must not get a sample workshop.
    assert!(upgraded
        .seed_sample_on_first_start(Language::Fi)
        .unwrap()
        .is_none());
}

#[test]
fn a_library_from_a_newer_fiilis_is_refused_and_left_byte_identical() {
    for journal_mode in ["DELETE", "WAL"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "journal_mode", journal_mode)
                .unwrap();
            conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
                .unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();

        let error = Library::open(&path)
            .err()
            .expect("a newer library must be refused");
        assert_eq!(error.code(), "database_too_new");
        assert!(
            error.to_string().contains("newer Fiilis"),
            "message should say why: {error}"
        );
        assert!(
            matches!(error, Error::DatabaseTooNew { found, .. } if found == SCHEMA_VERSION + 1)
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "{journal_mode}");
    }
}

#[test]
fn changes_survive_closing_and_reopening_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let library = Library::open_in_dir(dir.path()).unwrap();
        library
            .create_workshop(&fiilis_core::workshops::NewWorkshop {
                title: "Kept".into(),
                ..Default::default()
            })
            .unwrap()
            .id
    };
    let library = Library::open_in_dir(dir.path()).unwrap();
    assert_eq!(library.get_workshop(&id).unwrap().title, "Kept");
}

#[test]
fn backups_are_whole_copies_and_only_the_newest_are_kept() {
    use fiilis_core::store::backup::{restore, KEEP};
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    let kept = library
        .create_workshop(&fiilis_core::workshops::NewWorkshop {
            title: "Before the backup".into(),
            ..Default::default()
        })
        .unwrap();
    let first = library.backup().unwrap();
    assert!(first.bytes > 0);
    assert!(first.path.starts_with(dir.path().join("backups")));
    let saved = dir.path().join("saved.db");
    std::fs::copy(&first.path, &saved).unwrap();
    library.trash_workshop(&kept.id).unwrap();
    library.delete_workshop(&kept.id).unwrap();
    for _ in 0..KEEP + 2 {
        library.backup().unwrap();
    }
    let backups = library.backups().unwrap();
    assert_eq!(backups.len(), KEEP);
    assert!(
        !backups.iter().any(|b| b.path == first.path),
        "the oldest went first"
    );
    drop(library);

    let library_path = dir.path().join("library.db");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let error = restore(&empty, &library_path).unwrap_err();
    assert!(error.to_string().contains("not a usable backup"), "{error}");
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"SQLite format 3\0 but then nothing sensible").unwrap();
    assert_eq!(
        restore(&garbage, &library_path).unwrap_err().code(),
        "invalid_input"
    );
    assert!(Library::open(&library_path)
        .unwrap()
        .get_workshop(&kept.id)
        .is_err());

    let aside = restore(&saved, &library_path)
        .unwrap()
        .expect("a library was there");
    assert!(
        aside.exists()
            && aside
                .to_string_lossy()
                .contains("library.db.before-restore-"),
        "the old library is kept aside: {aside:?}"
    );
    let restored = Library::open(&library_path).unwrap();
    assert_eq!(
        restored.get_workshop(&kept.id).unwrap().title,
        "Before the backup"
    );
}

#[test]
fn a_backup_is_restored_into_the_running_library_and_the_restore_can_be_undone() {
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_in_dir(dir.path()).unwrap();
    let new = |title: &str| {
        library
            .create_workshop(&fiilis_core::workshops::NewWorkshop {
                title: title.into(),
                ..Default::default()
            })
            .unwrap()
    };
    let kept = new("Kept");
    let backup = library.backup().unwrap();
    assert!(backup.created_at.starts_with("20"), "{backup:?}");
    let later = new("Made after the backup");
    let announced = Arc::new(Mutex::new(Vec::new()));
    let heard = announced.clone();
    library.watch(move |change| {
        assert!(change.reload);
        heard.lock().unwrap().push(change.workshop_id.clone());
        true
    });

    let missing = library.restore_backup("library-nope.db").unwrap_err();
    assert_eq!(missing.code(), "not_found");

    let restored = library.restore_backup(&backup.name).unwrap();
    assert_eq!(restored.restored, backup.name);
    assert_eq!(library.get_workshop(&kept.id).unwrap().title, "Kept");
    assert_eq!(
        library.get_workshop(&later.id).unwrap_err().code(),
        "not_found"
    );
    let mut heard = announced.lock().unwrap().clone();
    heard.sort();
    let mut expected = vec![kept.id.clone(), later.id.clone()];
    expected.sort();
    assert_eq!(
        heard, expected,
        "every workshop before or after is announced"
    );
    assert!(library.check().unwrap().ok);

    library.restore_backup(&restored.safety_backup).unwrap();
    assert_eq!(
        library.get_workshop(&later.id).unwrap().title,
        "Made after the backup"
    );
}

#[test]
fn closing_the_library_folds_the_wal_back_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    {
        let library = Library::open_in_dir(dir.path()).unwrap();
        fiilis_testkit::hotel_workshop(&library, "Closed");
        // The readers have read too, so each holds the WAL open until the library closes.
        assert_eq!(
            library.list_workshops(&Default::default()).unwrap().len(),
            1
        );
    }
    for side in ["library.db-wal", "library.db-shm"] {
        assert!(!dir.path().join(side).exists(), "{side} is left behind");
    }
}
