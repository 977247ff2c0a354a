//! Schema migrations, tracked in SQLite's `user_version`.
//!
//! Each step is plain SQL and is never edited once released: a library created by an older
//! Fiilis must end up with exactly the schema of a fresh one, which the tests check by
//! upgrading old-schema fixtures. All pending steps run in one transaction, so an upgrade
//! interrupted by a crash leaves the old schema intact.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

pub(crate) const STEPS: &[&str] = &[
    // 1: workshops and their journey stages.
    "CREATE TABLE workshops (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        date        TEXT,
        goal        TEXT NOT NULL DEFAULT '',
        facilitator TEXT NOT NULL DEFAULT '',
        language    TEXT NOT NULL CHECK (language IN ('en', 'fi')),
        template    TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        trashed_at  TEXT
    ) STRICT;
    CREATE TABLE stages (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        title       TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX stages_by_workshop ON stages(workshop_id, position);",
    // 2: app-wide settings. A library that already holds workshops has had its first
    // start, so it must not be given the sample workshop again.
    "CREATE TABLE app_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    INSERT INTO app_settings (key, value)
        SELECT 'sample_seeded', '1' WHERE EXISTS (SELECT 1 FROM workshops);
    CREATE INDEX workshops_by_update ON workshops(updated_at);",
    // 3: the idea board (participants, clusters, notes) and the undo history. `revision`
    // counts changes to a workshop's content, so watchers can tell old news from new.
    "ALTER TABLE workshops ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE participants (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        name        TEXT,
        role        TEXT NOT NULL CHECK (role IN ('customer', 'employee', 'stakeholder')),
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX participants_by_workshop ON participants(workshop_id);
    CREATE TABLE clusters (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        title       TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX clusters_by_workshop ON clusters(workshop_id);
    CREATE TABLE notes (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        text        TEXT NOT NULL,
        colour      TEXT NOT NULL,
        x           REAL NOT NULL,
        y           REAL NOT NULL,
        cluster_id  TEXT REFERENCES clusters(id),
        stage_id    TEXT REFERENCES stages(id),
        persona_id  TEXT,
        author_id   TEXT REFERENCES participants(id),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notes_by_workshop ON notes(workshop_id, created_at);
    CREATE INDEX notes_by_cluster ON notes(cluster_id);
    CREATE INDEX notes_by_stage ON notes(stage_id);
    CREATE INDEX notes_by_author ON notes(author_id);
    CREATE TABLE history (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        operation   TEXT NOT NULL,
        undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
        created_at  TEXT NOT NULL,
        -- Last: a step can be megabytes, and SQLite reads through a long value to reach the
        -- columns after it, which would slow every undo-label lookup.
        changes     TEXT NOT NULL,
        PRIMARY KEY (workshop_id, seq)
    ) STRICT;
    CREATE INDEX history_by_state ON history(workshop_id, undone, seq);",
    // 4: the journey in depth, personas and emotion curves. Photos live in `images`, out
    // of the content rows, so undo snapshots stay small. The emotion scale sits in its own
    // row so that changing it is an undoable step like any other.
    "ALTER TABLE stages ADD COLUMN pain_points TEXT NOT NULL DEFAULT '';
    ALTER TABLE stages ADD COLUMN opportunities TEXT NOT NULL DEFAULT '';
    ALTER TABLE stages ADD COLUMN channels TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stages ADD COLUMN moment_of_truth INTEGER NOT NULL DEFAULT 0
        CHECK (moment_of_truth IN (0, 1));
    CREATE TABLE journey_settings (
        id            TEXT PRIMARY KEY,
        workshop_id   TEXT NOT NULL UNIQUE REFERENCES workshops(id) ON DELETE CASCADE,
        emotion_scale TEXT NOT NULL CHECK (emotion_scale IN ('-2..2', '-3..3', '1..10'))
    ) STRICT;
    INSERT INTO journey_settings (id, workshop_id, emotion_scale)
        SELECT 'settings-' || id, id, '-2..2' FROM workshops;
    CREATE TABLE images (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        mime        TEXT NOT NULL,
        width       INTEGER NOT NULL,
        height      INTEGER NOT NULL,
        data        BLOB NOT NULL,
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX images_by_workshop ON images(workshop_id);
    CREATE TABLE personas (
        id            TEXT PRIMARY KEY,
        workshop_id   TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        name          TEXT NOT NULL,
        photo_id      TEXT REFERENCES images(id),
        avatar_colour TEXT NOT NULL,
        age           TEXT NOT NULL DEFAULT '',
        occupation    TEXT NOT NULL DEFAULT '',
        quote         TEXT NOT NULL DEFAULT '',
        background    TEXT NOT NULL DEFAULT '',
        goals         TEXT NOT NULL DEFAULT '',
        needs         TEXT NOT NULL DEFAULT '',
        pains         TEXT NOT NULL DEFAULT '',
        expectations  TEXT NOT NULL DEFAULT '',
        channels      TEXT NOT NULL DEFAULT '[]',
        sections      TEXT NOT NULL DEFAULT '[]',
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX personas_by_workshop ON personas(workshop_id, position);
    CREATE TABLE emotions (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        persona_id  TEXT NOT NULL REFERENCES personas(id),
        stage_id    TEXT NOT NULL REFERENCES stages(id),
        variant     TEXT NOT NULL CHECK (variant IN ('current', 'target')),
        score       REAL NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        updated_at  TEXT NOT NULL,
        UNIQUE (persona_id, stage_id, variant)
    ) STRICT;
    CREATE INDEX emotions_by_workshop ON emotions(workshop_id);
    CREATE INDEX emotions_by_stage ON emotions(stage_id);
    CREATE TABLE ratings (
        id             TEXT PRIMARY KEY,
        workshop_id    TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        participant_id TEXT NOT NULL REFERENCES participants(id),
        persona_id     TEXT REFERENCES personas(id),
        stage_id       TEXT NOT NULL REFERENCES stages(id),
        variant        TEXT NOT NULL CHECK (variant IN ('current', 'target')),
        score          REAL NOT NULL,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX ratings_by_workshop ON ratings(workshop_id);
    CREATE INDEX ratings_by_stage ON ratings(stage_id);
    CREATE INDEX ratings_by_persona ON ratings(persona_id);",
    // 5: where imported rows came from, so merging the same workshop file twice (or files
    // of laptops that started from one workshop) finds the rows it already has.
    "CREATE TABLE row_origins (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        local_id    TEXT NOT NULL,
        origin_id   TEXT NOT NULL,
        PRIMARY KEY (workshop_id, local_id)
    ) STRICT;
    CREATE INDEX row_origins_by_origin ON row_origins(workshop_id, origin_id);",
    // 6: dot voting. A vote is identified by the id its client made up, so a phone resending
    // an unacknowledged vote can never count twice; paper votes have no participant.
    "CREATE TABLE voting_rounds (
        id                    TEXT PRIMARY KEY,
        workshop_id           TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        title                 TEXT NOT NULL,
        votes_per_participant INTEGER NOT NULL CHECK (votes_per_participant BETWEEN 1 AND 99),
        max_per_note          INTEGER NOT NULL CHECK (max_per_note BETWEEN 1 AND 99),
        anonymous             INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
        scope                 TEXT NOT NULL CHECK (scope IN ('all', 'cluster', 'stage')),
        scope_id              TEXT,
        status                TEXT NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
        closes_at             TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL
    ) STRICT;
    CREATE INDEX voting_rounds_by_workshop ON voting_rounds(workshop_id, created_at);
    CREATE TABLE votes (
        id             TEXT PRIMARY KEY,
        workshop_id    TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        round_id       TEXT NOT NULL REFERENCES voting_rounds(id),
        participant_id TEXT REFERENCES participants(id),
        note_id        TEXT NOT NULL REFERENCES notes(id),
        client_id      TEXT NOT NULL,
        weight         INTEGER NOT NULL CHECK (weight >= 1),
        created_at     TEXT NOT NULL,
        UNIQUE (round_id, participant_id, client_id)
    ) STRICT;
    CREATE INDEX votes_by_round ON votes(round_id, participant_id);
    CREATE INDEX votes_by_note ON votes(note_id);
    CREATE TABLE round_done (
        id             TEXT PRIMARY KEY,
        workshop_id    TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        round_id       TEXT NOT NULL REFERENCES voting_rounds(id),
        participant_id TEXT NOT NULL REFERENCES participants(id),
        created_at     TEXT NOT NULL,
        UNIQUE (round_id, participant_id)
    ) STRICT;",
    // 7: phones. A participant who joined from a phone proves it with a secret handed out at
    // join; it stays on this laptop (never exported or copied). A note written on a phone
    // carries the id its phone made up, so a resent note is not written twice.
    "CREATE TABLE participant_secrets (
        participant_id TEXT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
        workshop_id    TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        secret         TEXT NOT NULL UNIQUE,
        created_at     TEXT NOT NULL
    ) STRICT;
    CREATE TABLE note_client_ids (
        note_id     TEXT PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        author_id   TEXT NOT NULL,
        client_id   TEXT NOT NULL,
        UNIQUE (author_id, client_id)
    ) STRICT;",
    // 8: the room. A participant can be removed (their phone loses access; what they wrote
    // and voted in closed rounds stays). The room row holds what phones are shown right now
    // and the facilitator's timer; it is live state, not content, and has the workshop's id.
    "ALTER TABLE participants ADD COLUMN removed_at TEXT;
    CREATE TABLE room (
        id                TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
        workshop_id       TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        brainstorm_open   INTEGER NOT NULL DEFAULT 1 CHECK (brainstorm_open IN (0, 1)),
        notes_hidden      INTEGER NOT NULL DEFAULT 0 CHECK (notes_hidden IN (0, 1)),
        rating_open       INTEGER NOT NULL DEFAULT 1 CHECK (rating_open IN (0, 1)),
        rating_persona_id TEXT REFERENCES personas(id) ON DELETE SET NULL,
        timer_status      TEXT NOT NULL DEFAULT 'stopped'
                          CHECK (timer_status IN ('stopped', 'running', 'paused')),
        timer_duration_ms INTEGER NOT NULL DEFAULT 0 CHECK (timer_duration_ms >= 0),
        timer_left_ms     INTEGER NOT NULL DEFAULT 0 CHECK (timer_left_ms >= 0),
        timer_ends_at     TEXT
    ) STRICT;",
    // 9: searching what is inside workshops (the library's search). One FTS5 index of the
    // texts people wrote, kept by triggers on the tables that hold them. `search_keys` ties
    // each index row to its source row's id (a table's own rowids may change when SQLite
    // vacuums, as backups do; these keys do not). A stage or persona is indexed as all of
    // its texts together; a persona's own sections by their titles and texts, not JSON keys.
    "CREATE VIRTUAL TABLE search_text USING fts5(
        workshop_id UNINDEXED,
        text,
        tokenize = 'unicode61 remove_diacritics 0'
    );
    CREATE TABLE search_keys (
        key    INTEGER PRIMARY KEY,
        row_id TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE VIEW searched (row_id, workshop_id, text) AS
        SELECT id, workshop_id, text FROM notes
        UNION ALL SELECT id, workshop_id, title FROM clusters
        UNION ALL SELECT id, workshop_id, concat_ws(char(10), title, nullif(description, ''),
            nullif(pain_points, ''), nullif(opportunities, ''),
            (SELECT group_concat(value, char(10)) FROM json_each(channels)))
        FROM stages
        UNION ALL SELECT id, workshop_id, concat_ws(char(10), name, nullif(age, ''),
            nullif(occupation, ''), nullif(quote, ''), nullif(background, ''), nullif(goals, ''),
            nullif(needs, ''), nullif(pains, ''), nullif(expectations, ''),
            (SELECT group_concat(value, char(10)) FROM json_each(channels)),
            (SELECT group_concat(value, char(10)) FROM json_tree(sections)
             WHERE type = 'text' AND key NOT IN ('id', 'kind')))
        FROM personas;
    INSERT INTO search_keys (row_id) SELECT row_id FROM searched;
    INSERT INTO search_text (rowid, workshop_id, text)
        SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id);
    CREATE TRIGGER notes_searched AFTER INSERT ON notes BEGIN
        INSERT INTO search_keys (row_id) VALUES (new.id);
        INSERT INTO search_text (rowid, workshop_id, text)
            SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id)
            WHERE s.row_id = new.id;
    END;
    CREATE TRIGGER notes_searched_again AFTER UPDATE OF text ON notes BEGIN
        UPDATE search_text SET text = (SELECT text FROM searched WHERE row_id = new.id)
        WHERE rowid = (SELECT key FROM search_keys WHERE row_id = new.id);
    END;
    CREATE TRIGGER notes_unsearched AFTER DELETE ON notes BEGIN
        DELETE FROM search_text WHERE rowid = (SELECT key FROM search_keys WHERE row_id = old.id);
        DELETE FROM search_keys WHERE row_id = old.id;
    END;
    CREATE TRIGGER clusters_searched AFTER INSERT ON clusters BEGIN
        INSERT INTO search_keys (row_id) VALUES (new.id);
        INSERT INTO search_text (rowid, workshop_id, text)
            SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id)
            WHERE s.row_id = new.id;
    END;
    CREATE TRIGGER clusters_searched_again AFTER UPDATE OF title ON clusters BEGIN
        UPDATE search_text SET text = (SELECT text FROM searched WHERE row_id = new.id)
        WHERE rowid = (SELECT key FROM search_keys WHERE row_id = new.id);
    END;
    CREATE TRIGGER clusters_unsearched AFTER DELETE ON clusters BEGIN
        DELETE FROM search_text WHERE rowid = (SELECT key FROM search_keys WHERE row_id = old.id);
        DELETE FROM search_keys WHERE row_id = old.id;
    END;
    CREATE TRIGGER stages_searched AFTER INSERT ON stages BEGIN
        INSERT INTO search_keys (row_id) VALUES (new.id);
        INSERT INTO search_text (rowid, workshop_id, text)
            SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id)
            WHERE s.row_id = new.id;
    END;
    CREATE TRIGGER stages_searched_again AFTER UPDATE ON stages BEGIN
        UPDATE search_text SET text = (SELECT text FROM searched WHERE row_id = new.id)
        WHERE rowid = (SELECT key FROM search_keys WHERE row_id = new.id);
    END;
    CREATE TRIGGER stages_unsearched AFTER DELETE ON stages BEGIN
        DELETE FROM search_text WHERE rowid = (SELECT key FROM search_keys WHERE row_id = old.id);
        DELETE FROM search_keys WHERE row_id = old.id;
    END;
    CREATE TRIGGER personas_searched AFTER INSERT ON personas BEGIN
        INSERT INTO search_keys (row_id) VALUES (new.id);
        INSERT INTO search_text (rowid, workshop_id, text)
            SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id)
            WHERE s.row_id = new.id;
    END;
    CREATE TRIGGER personas_searched_again AFTER UPDATE ON personas BEGIN
        UPDATE search_text SET text = (SELECT text FROM searched WHERE row_id = new.id)
        WHERE rowid = (SELECT key FROM search_keys WHERE row_id = new.id);
    END;
    CREATE TRIGGER personas_unsearched AFTER DELETE ON personas BEGIN
        DELETE FROM search_text WHERE rowid = (SELECT key FROM search_keys WHERE row_id = old.id);
        DELETE FROM search_keys WHERE row_id = old.id;
    END;",
    // 10: the experience model. Each stage names the feelings it is designed to evoke and
    // whether arriving at it made customers explain themselves again; a phone's rating may
    // carry the feelings it had. Feelings beyond the built-in vocabulary are the workshop's
    // own words. The journey's lanes are rows the facilitator adds, renames, reorders and
    // removes; a lane of its own kind holds one cell per stage. Questions asked from the room
    // (NPS, CSAT, CES, an open question, a poll) hold one answer per participant; figures
    // from surveys outside the room are typed in per stage. Existing workshops keep the
    // lanes they showed, with the feelings and metrics lanes added after the texts.
    "ALTER TABLE stages ADD COLUMN designed_feelings TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stages ADD COLUMN explain_again INTEGER NOT NULL DEFAULT 0
        CHECK (explain_again IN (0, 1));
    ALTER TABLE ratings ADD COLUMN feelings TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE feelings (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        word        TEXT NOT NULL,
        positive    INTEGER NOT NULL CHECK (positive IN (0, 1)),
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX feelings_by_workshop ON feelings(workshop_id);
    CREATE TABLE lanes (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('touchpoint', 'channels', 'pain_points',
                        'opportunities', 'notes', 'text', 'metrics', 'feelings', 'images')),
        title       TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX lanes_by_workshop ON lanes(workshop_id, position);
    CREATE TABLE lane_cells (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        lane_id     TEXT NOT NULL REFERENCES lanes(id),
        stage_id    TEXT NOT NULL REFERENCES stages(id),
        text        TEXT NOT NULL DEFAULT '',
        image_id    TEXT REFERENCES images(id),
        created_at  TEXT NOT NULL,
        UNIQUE (lane_id, stage_id)
    ) STRICT;
    CREATE INDEX lane_cells_by_workshop ON lane_cells(workshop_id);
    CREATE INDEX lane_cells_by_stage ON lane_cells(stage_id);
    CREATE TABLE questions (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces', 'open', 'poll')),
        prompt      TEXT NOT NULL,
        stage_id    TEXT REFERENCES stages(id),
        options     TEXT NOT NULL DEFAULT '[]',
        status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX questions_by_workshop ON questions(workshop_id);
    CREATE TABLE answers (
        id             TEXT PRIMARY KEY,
        workshop_id    TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        question_id    TEXT NOT NULL REFERENCES questions(id),
        participant_id TEXT NOT NULL REFERENCES participants(id),
        score          INTEGER,
        text           TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        UNIQUE (question_id, participant_id)
    ) STRICT;
    CREATE INDEX answers_by_workshop ON answers(workshop_id);
    CREATE TABLE stage_figures (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        stage_id    TEXT NOT NULL REFERENCES stages(id),
        kind        TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
        value       REAL NOT NULL,
        n           INTEGER NOT NULL,
        source      TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX stage_figures_by_workshop ON stage_figures(workshop_id);
    INSERT INTO lanes (id, workshop_id, position, kind, title)
        SELECT w.id || ':' || k.kind, w.id, k.position, k.kind,
               CASE w.language WHEN 'fi' THEN k.fi ELSE k.en END
        FROM workshops w, (
            SELECT 0 AS position, 'touchpoint' AS kind, 'Touchpoint' AS en, 'Kosketuspiste' AS fi
            UNION ALL SELECT 1, 'channels', 'Channels', 'Kanavat'
            UNION ALL SELECT 2, 'pain_points', 'Pain points', 'Kipupisteet'
            UNION ALL SELECT 3, 'opportunities', 'Opportunities', 'Mahdollisuudet'
            UNION ALL SELECT 4, 'feelings', 'Feelings', 'Tunteet'
            UNION ALL SELECT 5, 'metrics', 'Metrics', 'Mittarit'
            UNION ALL SELECT 6, 'notes', 'Notes', 'Muistilaput') k;",
    // 11: the library's search finds what the experience model holds too: the text lanes'
    // cells, open answers from phones and the workshop's own feeling words. Every such row is
    // indexed, empty or not, so an update finds its index row.
    "DROP VIEW searched;
    CREATE VIEW searched (row_id, workshop_id, text) AS
        SELECT id, workshop_id, text FROM notes
        UNION ALL SELECT id, workshop_id, title FROM clusters
        UNION ALL SELECT id, workshop_id, concat_ws(char(10), title, nullif(description, ''),
            nullif(pain_points, ''), nullif(opportunities, ''),
            (SELECT group_concat(value, char(10)) FROM json_each(channels)))
        FROM stages
        UNION ALL SELECT id, workshop_id, concat_ws(char(10), name, nullif(age, ''),
            nullif(occupation, ''), nullif(quote, ''), nullif(background, ''), nullif(goals, ''),
            nullif(needs, ''), nullif(pains, ''), nullif(expectations, ''),
            (SELECT group_concat(value, char(10)) FROM json_each(channels)),
            (SELECT group_concat(value, char(10)) FROM json_tree(sections)
             WHERE type = 'text' AND key NOT IN ('id', 'kind')))
        FROM personas
        UNION ALL SELECT id, workshop_id, text FROM lane_cells
        UNION ALL SELECT id, workshop_id, coalesce(text, '') FROM answers
        UNION ALL SELECT id, workshop_id, word FROM feelings;
    INSERT INTO search_keys (row_id)
        SELECT row_id FROM searched WHERE row_id NOT IN (SELECT row_id FROM search_keys);
    INSERT INTO search_text (rowid, workshop_id, text)
        SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id)
        WHERE k.key NOT IN (SELECT rowid FROM search_text);
    CREATE TRIGGER lane_cells_searched AFTER INSERT ON lane_cells BEGIN
        INSERT INTO search_keys (row_id) VALUES (new.id);
        INSERT INTO search_text (rowid, workshop_id, text)
            SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id)
            WHERE s.row_id = new.id;
    END;
    CREATE TRIGGER lane_cells_searched_again AFTER UPDATE OF text ON lane_cells BEGIN
        UPDATE search_text SET text = (SELECT text FROM searched WHERE row_id = new.id)
        WHERE rowid = (SELECT key FROM search_keys WHERE row_id = new.id);
    END;
    CREATE TRIGGER lane_cells_unsearched AFTER DELETE ON lane_cells BEGIN
        DELETE FROM search_text WHERE rowid = (SELECT key FROM search_keys WHERE row_id = old.id);
        DELETE FROM search_keys WHERE row_id = old.id;
    END;
    CREATE TRIGGER answers_searched AFTER INSERT ON answers BEGIN
        INSERT INTO search_keys (row_id) VALUES (new.id);
        INSERT INTO search_text (rowid, workshop_id, text)
            SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id)
            WHERE s.row_id = new.id;
    END;
    CREATE TRIGGER answers_searched_again AFTER UPDATE OF text ON answers BEGIN
        UPDATE search_text SET text = (SELECT text FROM searched WHERE row_id = new.id)
        WHERE rowid = (SELECT key FROM search_keys WHERE row_id = new.id);
    END;
    CREATE TRIGGER answers_unsearched AFTER DELETE ON answers BEGIN
        DELETE FROM search_text WHERE rowid = (SELECT key FROM search_keys WHERE row_id = old.id);
        DELETE FROM search_keys WHERE row_id = old.id;
    END;
    CREATE TRIGGER feelings_searched AFTER INSERT ON feelings BEGIN
        INSERT INTO search_keys (row_id) VALUES (new.id);
        INSERT INTO search_text (rowid, workshop_id, text)
            SELECT k.key, s.workshop_id, s.text FROM searched s JOIN search_keys k USING (row_id)
            WHERE s.row_id = new.id;
    END;
    CREATE TRIGGER feelings_searched_again AFTER UPDATE OF word ON feelings BEGIN
        UPDATE search_text SET text = (SELECT text FROM searched WHERE row_id = new.id)
        WHERE rowid = (SELECT key FROM search_keys WHERE row_id = new.id);
    END;
    CREATE TRIGGER feelings_unsearched AFTER DELETE ON feelings BEGIN
        DELETE FROM search_text WHERE rowid = (SELECT key FROM search_keys WHERE row_id = old.id);
        DELETE FROM search_keys WHERE row_id = old.id;
    END;",
    // 12: write, then reveal; photos on the board; notes of their own size and text size; and
    // sections that arrange their notes. A note may carry a photo (`image_id`, stored as
    // persona photos are) and be resized while loose (in a section it takes the section's
    // standard cell). A note written on a
    // phone while notes are hidden is stored face down: its text is searchable only once it
    // is revealed. A cluster becomes a section: a frame at `x`, `y` whose notes sit in a grid
    // of `columns`, and whose size (`width`, `height`) core keeps in step with its notes, so
    // every front end draws the same frame. Existing clusters get a frame where their notes
    // are, and their notes are laid out in its grid (the numbers are `sections`' layout:
    // notes 180 × 120, padding and gaps 20, title band 56; a test in `sections` holds them
    // to it).
    "ALTER TABLE notes ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));
    ALTER TABLE notes ADD COLUMN image_id TEXT REFERENCES images(id);
    ALTER TABLE notes ADD COLUMN width REAL NOT NULL DEFAULT 180 CHECK (width BETWEEN 120 AND 720);
    ALTER TABLE notes ADD COLUMN height REAL NOT NULL DEFAULT 120 CHECK (height BETWEEN 80 AND 720);
    ALTER TABLE notes ADD COLUMN text_size TEXT NOT NULL DEFAULT 'm' CHECK (text_size IN ('s', 'm', 'l'));
    ALTER TABLE clusters ADD COLUMN x REAL NOT NULL DEFAULT 0;
    ALTER TABLE clusters ADD COLUMN y REAL NOT NULL DEFAULT 0;
    ALTER TABLE clusters ADD COLUMN width REAL NOT NULL DEFAULT 0;
    ALTER TABLE clusters ADD COLUMN height REAL NOT NULL DEFAULT 0;
    ALTER TABLE clusters ADD COLUMN columns INTEGER NOT NULL DEFAULT 1
        CHECK (columns BETWEEN 1 AND 12);
    ALTER TABLE clusters ADD COLUMN collapsed INTEGER NOT NULL DEFAULT 0
        CHECK (collapsed IN (0, 1));
    UPDATE clusters SET
        x = (SELECT min(x) FROM notes WHERE cluster_id = clusters.id) - 20,
        y = (SELECT min(y) FROM notes WHERE cluster_id = clusters.id) - 56,
        columns = (SELECT CASE WHEN count(*) <= 1 THEN 1 WHEN count(*) <= 4 THEN 2
                               WHEN count(*) <= 9 THEN 3 WHEN count(*) <= 16 THEN 4
                               WHEN count(*) <= 25 THEN 5 ELSE 6 END
                   FROM notes WHERE cluster_id = clusters.id)
        WHERE EXISTS (SELECT 1 FROM notes WHERE cluster_id = clusters.id);
    WITH placed AS (
        SELECT n.id, c.x + 20 AS left, c.y + 56 AS top, c.columns,
               row_number() OVER (PARTITION BY n.cluster_id ORDER BY n.y, n.x, n.id) - 1 AS i
        FROM notes n JOIN clusters c ON c.id = n.cluster_id)
    UPDATE notes SET x = placed.left + (placed.i % placed.columns) * 200,
                     y = placed.top + (placed.i / placed.columns) * 140
        FROM placed WHERE notes.id = placed.id;
    UPDATE clusters SET
        width = 40 + columns * 180 + (columns - 1) * 20,
        height = 56 + 140 * max(1, ((SELECT count(*) FROM notes WHERE cluster_id = clusters.id)
                                    + columns - 1) / columns);
    DROP TRIGGER notes_searched_again;
    CREATE TRIGGER notes_searched_again AFTER UPDATE OF text, hidden ON notes BEGIN
        UPDATE search_text SET text = (SELECT text FROM searched WHERE row_id = new.id)
        WHERE rowid = (SELECT key FROM search_keys WHERE row_id = new.id);
    END;
    DROP VIEW searched;
    CREATE VIEW searched (row_id, workshop_id, text) AS
        SELECT id, workshop_id, CASE hidden WHEN 0 THEN text ELSE '' END FROM notes
        UNION ALL SELECT id, workshop_id, title FROM clusters
        UNION ALL SELECT id, workshop_id, concat_ws(char(10), title, nullif(description, ''),
            nullif(pain_points, ''), nullif(opportunities, ''),
            (SELECT group_concat(value, char(10)) FROM json_each(channels)))
        FROM stages
        UNION ALL SELECT id, workshop_id, concat_ws(char(10), name, nullif(age, ''),
            nullif(occupation, ''), nullif(quote, ''), nullif(background, ''), nullif(goals, ''),
            nullif(needs, ''), nullif(pains, ''), nullif(expectations, ''),
            (SELECT group_concat(value, char(10)) FROM json_each(channels)),
            (SELECT group_concat(value, char(10)) FROM json_tree(sections)
             WHERE type = 'text' AND key NOT IN ('id', 'kind')))
        FROM personas
        UNION ALL SELECT id, workshop_id, text FROM lane_cells
        UNION ALL SELECT id, workshop_id, coalesce(text, '') FROM answers
        UNION ALL SELECT id, workshop_id, word FROM feelings;",
    // 13: several laptops on one workshop (see `sync`). A workshop's revision counts this
    // laptop's changes for its own windows, so it leaves the synced `workshops` row for a
    // table of its own. The sync tables: which workshops this laptop syncs and with whom
    // (`sync_links`); every change to them, this laptop's own and those received, as SQLite
    // session changesets in arrival order (`sync_log`, whose `seq` a peer pulls after); the
    // satellites a hub has heard from, how far each has pulled and when (`sync_peers`); the
    // hybrid logical clock of each synced column's last write (`sync_clocks`: column -1 is
    // the row's existence, -2 its creation); a deleted row's last values, which later writes
    // still settle and an undo that brings the row back takes (`sync_tombstones`); and what
    // a sync overwrote (`sync_conflicts`). A voting round
    // records votes only on the laptop that opened it (`round_owners`).
    "CREATE TABLE revisions (
        workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
        revision    INTEGER NOT NULL
    ) STRICT;
    INSERT INTO revisions (workshop_id, revision) SELECT id, revision FROM workshops;
    ALTER TABLE workshops DROP COLUMN revision;
    CREATE TABLE sync_links (
        workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
        role        TEXT NOT NULL CHECK (role IN ('hub', 'satellite')),
        secret      TEXT NOT NULL,
        hub_url     TEXT,
        pulled      INTEGER NOT NULL DEFAULT 0,
        pushed      INTEGER NOT NULL DEFAULT 0,
        contact_at  TEXT
    ) STRICT;
    CREATE TABLE sync_peers (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        site        TEXT NOT NULL,
        pulled      INTEGER NOT NULL DEFAULT 0,
        contact_at  TEXT NOT NULL,
        PRIMARY KEY (workshop_id, site)
    ) STRICT;
    CREATE TABLE sync_log (
        seq         INTEGER PRIMARY KEY,
        workshop_id TEXT NOT NULL,
        origin      TEXT NOT NULL,
        origin_seq  INTEGER NOT NULL,
        hlc         TEXT NOT NULL,
        changeset   BLOB NOT NULL,
        UNIQUE (origin, origin_seq)
    ) STRICT;
    CREATE INDEX sync_log_by_workshop ON sync_log(workshop_id, seq);
    CREATE TABLE sync_clocks (
        tbl         TEXT NOT NULL,
        pk          TEXT NOT NULL,
        col         INTEGER NOT NULL,
        workshop_id TEXT NOT NULL,
        hlc         TEXT NOT NULL,
        PRIMARY KEY (tbl, pk, col)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sync_clocks_by_workshop ON sync_clocks(workshop_id);
    CREATE TABLE sync_tombstones (
        tbl         TEXT NOT NULL,
        pk          TEXT NOT NULL,
        workshop_id TEXT NOT NULL,
        row         TEXT NOT NULL,
        PRIMARY KEY (tbl, pk)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE round_owners (
        id          TEXT PRIMARY KEY REFERENCES voting_rounds(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        site        TEXT NOT NULL
    ) STRICT;
    CREATE TABLE sync_conflicts (
        id          INTEGER PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        tbl         TEXT NOT NULL,
        row_id      TEXT NOT NULL,
        lost        TEXT NOT NULL,
        kept        TEXT NOT NULL,
        at          TEXT NOT NULL,
        restored    INTEGER NOT NULL DEFAULT 0 CHECK (restored IN (0, 1))
    ) STRICT;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found > SCHEMA_VERSION {
        // Another process upgraded the file between our read-only check and now.
        return Err(Error::DatabaseTooNew {
            path: path.display().to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for step in &STEPS[found as usize..] {
        tx.execute_batch(step)?;
    }
    if found < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}
