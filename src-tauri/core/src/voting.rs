//! Dot voting: rounds with a budget of votes per participant and a cap per note.
//!
//! Every rule is enforced inside the transaction that records the vote, never trusted from a
//! phone: the round must be open and the note in its scope, the participant within budget and
//! within the per-note cap. A vote carries the id its client made up; sending it again (a
//! phone retrying after a lost acknowledgement) finds it recorded and answers the same, so
//! nothing counts twice. Votes are the participants', so they are never facilitator undo
//! steps. Results stay hidden from participants until the facilitator reveals them.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::change::Change;
use crate::error::{Error, ErrorCode, Result};
use crate::history::Step;
use crate::ids::{new_id, now};
use crate::rows::{rows_of, snapshot, typed, Table};
use crate::sections::{create_section_for_new_notes, lay_out, GAP, NOTE_WIDTH};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use crate::workshops::MAX_TITLE_CHARS;
use ts_rs::TS;

pub const MAX_CLIENT_ID_CHARS: usize = 64;
/// The most paper votes one entry may add to a note, and so the most one stored vote
/// without a participant may weigh. A participant's vote always weighs one.
pub const MAX_PAPER_VOTES: i64 = 999;
/// How many of a round's best notes `ranking_to_section` may copy at most.
pub const MAX_TOP_IDEAS: i64 = 100;

/// Which notes a round is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    All,
    Cluster,
    Stage,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Cluster => "cluster",
            Scope::Stage => "stage",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RoundStatus {
    Open,
    Closed,
    Revealed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VotingRound {
    pub id: String,
    pub workshop_id: String,
    pub title: String,
    pub votes_per_participant: i64,
    pub max_per_note: i64,
    pub anonymous: bool,
    pub scope: Scope,
    pub scope_id: Option<String>,
    pub status: RoundStatus,
    pub closes_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Vote {
    pub id: String,
    pub workshop_id: String,
    pub round_id: String,
    /// None for votes counted on paper or by hands raised, added by the facilitator.
    pub participant_id: Option<String>,
    pub note_id: String,
    pub client_id: String,
    pub weight: i64,
    pub created_at: String,
}

/// The arguments of `create_round`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewRound {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub title: Option<String>,
    #[serde(default = "default_budget")]
    #[ts(as = "Option<i64>", optional)]
    pub votes_per_participant: i64,
    #[serde(default = "default_cap")]
    #[ts(as = "Option<i64>", optional)]
    pub max_per_note: i64,
    #[serde(default = "default_anonymous")]
    #[ts(as = "Option<bool>", optional)]
    pub anonymous: bool,
    #[serde(default)]
    #[ts(as = "Option<Scope>", optional)]
    pub scope: Scope,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub scope_id: Option<String>,
    /// Closes the round by itself after this many seconds.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub duration_seconds: Option<i64>,
}

fn default_budget() -> i64 {
    5
}
fn default_cap() -> i64 {
    3
}
fn default_anonymous() -> bool {
    true
}

impl Default for NewRound {
    fn default() -> Self {
        NewRound {
            title: None,
            votes_per_participant: default_budget(),
            max_per_note: default_cap(),
            anonymous: default_anonymous(),
            scope: Scope::All,
            scope_id: None,
            duration_seconds: None,
        }
    }
}

/// What a participant is told after voting (or retrying): their own standing, never others'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Receipt {
    pub round_id: String,
    pub note_id: String,
    /// How many of the participant's votes are on this note now.
    pub on_note: i64,
    pub votes_left: i64,
}

/// One note's result in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoteResult {
    pub note_id: String,
    pub text: String,
    pub votes: i64,
    /// 1 for the most votes; notes with equal votes share a rank and the next rank skips
    /// ("1, 2, 2, 4"). The one ranking rule: phones, presenter, app and reports show it.
    pub rank: u32,
    /// Another note shares this rank (shown as "=2").
    pub tied: bool,
    /// Who voted, for named rounds only; never for anonymous ones.
    pub voters: Vec<String>,
}

/// How a round is going, without a hint of what anyone voted for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    pub round_id: String,
    pub participants: Vec<ParticipantProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ParticipantProgress {
    pub participant_id: String,
    pub name: Option<String>,
    pub votes_used: i64,
    pub votes_left: i64,
    pub done: bool,
}

/// Who is asking for results: participants see nothing until the round is revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Facilitator,
    Participant,
}

fn load_round(conn: &Connection, workshop_id: &str, id: &str) -> Result<VotingRound> {
    let row = snapshot(conn, Table::VotingRounds, id)?
        .filter(|row| row["workshop_id"] == workshop_id)
        .ok_or_else(|| Error::NotFound {
            kind: "voting round",
            id: id.to_owned(),
        })?;
    typed(Table::VotingRounds, row)
}

/// The round as it stands now: a round whose timer ran out is closed.
pub(crate) fn is_open(round: &VotingRound) -> bool {
    round.status == RoundStatus::Open
        && round
            .closes_at
            .as_deref()
            .is_none_or(|closes_at| now().as_str() < closes_at)
}

/// The note column a round's scope picks notes by, or none when every note is in it.
fn scope_column(scope: Scope) -> Option<&'static str> {
    match scope {
        Scope::All => None,
        Scope::Cluster => Some("cluster_id"),
        Scope::Stage => Some("stage_id"),
    }
}

/// A note as a round offers it: (id, text, colour, the title of its section).
pub(crate) type RoundNote = (String, String, String, Option<String>);

/// The notes a round is about, in board order: section by section (top to bottom, left to
/// right), each section's notes in its reading order, then the loose notes. Face-down notes
/// are nobody's to vote on until they are revealed.
pub(crate) fn notes_in_round(conn: &Connection, round: &VotingRound) -> Result<Vec<RoundNote>> {
    let filter = scope_column(round.scope)
        .map(|column| format!("AND n.{column} IS ?2"))
        .unwrap_or_default();
    let sql = format!(
        "SELECT n.id, n.text, n.colour, c.title FROM notes n LEFT JOIN clusters c ON c.id = n.cluster_id
         WHERE n.workshop_id = ?1 AND n.hidden = 0 {filter}
         ORDER BY c.id IS NULL, c.y, c.x, c.id, n.y, n.x, n.id"
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let row = |row: &rusqlite::Row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?));
    let notes = match scope_column(round.scope) {
        None => statement.query_map([&round.workshop_id], row)?,
        Some(_) => statement.query_map(params![round.workshop_id, round.scope_id], row)?,
    };
    Ok(notes.collect::<rusqlite::Result<_>>()?)
}

fn note_in_scope(conn: &Connection, round: &VotingRound, note_id: &str) -> Result<()> {
    belongs_to_workshop(conn, Owned::Note, note_id, &round.workshop_id)?;
    let hidden: bool = conn
        .prepare_cached("SELECT hidden FROM notes WHERE id = ?1")?
        .query_row([note_id], |row| row.get(0))?;
    if hidden {
        return Err(Error::refused(
            ErrorCode::NotInRound,
            "that note is face down: it can be voted on once it is revealed",
        ));
    }
    let Some(column) = scope_column(round.scope) else {
        return Ok(());
    };
    let value: Option<String> = conn
        .prepare_cached(&format!("SELECT {column} FROM notes WHERE id = ?1"))?
        .query_row([note_id], |row| row.get(0))?;
    if value.as_deref() == round.scope_id.as_deref() {
        Ok(())
    } else {
        Err(Error::refused(
            ErrorCode::NotInRound,
            "that note is not part of this voting round",
        ))
    }
}

pub(crate) fn votes_of(
    conn: &Connection,
    round_id: &str,
    participant_id: &str,
    note_id: Option<&str>,
) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(weight), 0) FROM votes
             WHERE round_id = ?1 AND participant_id = ?2 AND (?3 IS NULL OR note_id = ?3)",
        )?
        .query_row(params![round_id, participant_id, note_id], |row| row.get(0))?)
}

fn receipt(
    conn: &Connection,
    round: &VotingRound,
    participant_id: &str,
    note_id: &str,
) -> Result<Receipt> {
    Ok(Receipt {
        round_id: round.id.clone(),
        note_id: note_id.to_owned(),
        on_note: votes_of(conn, &round.id, participant_id, Some(note_id))?,
        votes_left: round.votes_per_participant - votes_of(conn, &round.id, participant_id, None)?,
    })
}

fn checked_client_id(client_id: &str) -> Result<String> {
    let client_id = validate::required_text("client_id", client_id, MAX_CLIENT_ID_CHARS)?;
    Ok(client_id)
}

/// Refuses a vote (or a "done") in a round another laptop opened: with several laptops on
/// one workshop, a round's votes are recorded only where its phones joined, so budgets and
/// caps are checked in one place; the other laptops receive them.
fn recorded_here(conn: &Connection, round_id: &str, site: &str) -> Result<()> {
    let owner: Option<String> = conn
        .prepare_cached("SELECT site FROM round_owners WHERE id = ?1")?
        .query_row([round_id], |row| row.get(0))
        .optional()?;
    match owner {
        Some(owner) if owner != site => Err(Error::refused(
            ErrorCode::Forbidden,
            "this voting round was opened on another laptop: its votes are recorded there",
        )),
        _ => Ok(()),
    }
}

impl Library {
    /// Opens a new voting round; only one round of a workshop is open at a time.
    pub fn create_round(&self, workshop_id: &str, new: &NewRound) -> Result<Change> {
        let site = self.sync_site();
        let title = match &new.title {
            Some(title) => validate::required_text("title", title, MAX_TITLE_CHARS)?,
            None => String::new(),
        };
        for (field, value) in [
            ("votes_per_participant", new.votes_per_participant),
            ("max_per_note", new.max_per_note),
        ] {
            if !(1..=99).contains(&value) {
                return Err(Error::invalid(format!(
                    "{field} must be from 1 to 99, not {value}"
                )));
            }
        }
        let closes_at = match new.duration_seconds {
            Some(seconds) if !(10..=24 * 3600).contains(&seconds) => {
                return Err(Error::invalid(format!(
                    "duration_seconds must be from 10 to 86400, not {seconds}"
                )))
            }
            Some(seconds) => Some(
                (chrono::Utc::now() + chrono::Duration::seconds(seconds))
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            ),
            None => None,
        };
        self.edit_as(workshop_id, "create_round", Step::NotUndoable, |conn, recorder| {
            match (new.scope, new.scope_id.as_deref()) {
                (Scope::All, None) => {}
                (Scope::Cluster, Some(id)) => belongs_to_workshop(conn, Owned::Cluster, id, workshop_id)?,
                (Scope::Stage, Some(id)) => belongs_to_workshop(conn, Owned::Stage, id, workshop_id)?,
                (Scope::All, Some(_)) => return Err(Error::invalid("scope_id goes only with a cluster or stage scope")),
                (_, None) => return Err(Error::invalid("scope_id is required for a cluster or stage scope")),
            }
            let open: Vec<VotingRound> = rows_of(conn, Table::VotingRounds, workshop_id)?;
            if open.iter().any(is_open) {
                return Err(Error::refused(ErrorCode::RoundStillOpen, "another voting round is still open: close it first"));
            }
            let id = new_id();
            let now = now();
            recorder.touch(Table::VotingRounds, &id)?;
            conn.execute(
                "INSERT INTO voting_rounds (id, workshop_id, title, votes_per_participant, max_per_note,
                     anonymous, scope, scope_id, status, closes_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?9, ?10, ?10)",
                params![
                    id,
                    workshop_id,
                    title,
                    new.votes_per_participant,
                    new.max_per_note,
                    new.anonymous,
                    new.scope.as_str(),
                    new.scope_id,
                    closes_at,
                    now
                ],
            )?;
            // Votes in it are recorded on this laptop only (see `recorded_here`).
            conn.execute(
                "INSERT INTO round_owners (id, workshop_id, site) VALUES (?1, ?2, ?3)",
                params![id, workshop_id, site],
            )?;
            Ok(())
        })
    }

    fn set_round_status(
        &self,
        workshop_id: &str,
        id: &str,
        status: RoundStatus,
        operation: &str,
    ) -> Result<Change> {
        self.edit_as(
            workshop_id,
            operation,
            Step::NotUndoable,
            |conn, recorder| {
                load_round(conn, workshop_id, id)?;
                recorder.touch(Table::VotingRounds, id)?;
                let status = match status {
                    RoundStatus::Open => "open",
                    RoundStatus::Closed => "closed",
                    RoundStatus::Revealed => "revealed",
                };
                conn.execute(
                    "UPDATE voting_rounds SET status = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, status, now()],
                )?;
                Ok(())
            },
        )
    }

    /// Stops voting in a round; its results stay hidden from participants.
    pub fn close_round(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.set_round_status(workshop_id, id, RoundStatus::Closed, "close_round")
    }

    /// Shows a round's results to everyone (closing it if it was still open).
    pub fn reveal_round(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.set_round_status(workshop_id, id, RoundStatus::Revealed, "reveal_round")
    }

    /// Records a participant's vote; see the module documentation for the rules.
    pub fn cast_vote(
        &self,
        workshop_id: &str,
        round_id: &str,
        participant_id: &str,
        note_id: &str,
        client_id: &str,
    ) -> Result<Receipt> {
        let client_id = checked_client_id(client_id)?;
        let (workshop_id, round_id, participant_id, note_id) = (
            workshop_id.to_owned(),
            round_id.to_owned(),
            participant_id.to_owned(),
            note_id.to_owned(),
        );
        let ws = workshop_id.clone();
        let site = self.sync_site();
        let (receipt, _) = self.edit_grouped(&ws, "cast_vote", Step::NotUndoable, move |conn, recorder| {
            let (workshop_id, round_id, participant_id, note_id) =
                (&*workshop_id, &*round_id, &*participant_id, &*note_id);
            let round = load_round(conn, workshop_id, round_id)?;
            recorded_here(conn, round_id, &site)?;
            belongs_to_workshop(conn, Owned::Participant, participant_id, workshop_id)?;
            let recorded: Option<String> = conn
                .prepare_cached(
                    "SELECT note_id FROM votes WHERE round_id = ?1 AND participant_id = ?2 AND client_id = ?3",
                )?
                .query_row(params![round_id, participant_id, client_id], |row| row.get(0))
                .optional()?;
            if let Some(recorded_note) = recorded {
                // A retry: the vote is in already; answer as the first time.
                return receipt(conn, &round, participant_id, &recorded_note);
            }
            if !is_open(&round) {
                return Err(Error::refused(ErrorCode::RoundClosed, "this voting round is closed"));
            }
            note_in_scope(conn, &round, note_id)?;
            let used = votes_of(conn, round_id, participant_id, None)?;
            if used >= round.votes_per_participant {
                return Err(Error::refused(ErrorCode::BudgetExhausted, format!(
                    "you have used all {} of your votes",
                    round.votes_per_participant
                )));
            }
            if votes_of(conn, round_id, participant_id, Some(note_id))? >= round.max_per_note {
                return Err(Error::refused(ErrorCode::NoteCapReached, format!(
                    "a note can get at most {} of your votes",
                    round.max_per_note
                )));
            }
            let id = new_id();
            recorder.touch(Table::Votes, &id)?;
            conn.prepare_cached(
                "INSERT INTO votes (id, workshop_id, round_id, participant_id, note_id, client_id, weight, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
            )?
            .execute(params![id, workshop_id, round_id, participant_id, note_id, client_id, now()])?;
            receipt(conn, &round, participant_id, note_id)
        })?;
        Ok(receipt)
    }

    /// Takes back the vote the participant cast with `client_id`; taking it back again is fine.
    pub fn retract_vote(
        &self,
        workshop_id: &str,
        round_id: &str,
        participant_id: &str,
        client_id: &str,
    ) -> Result<Change> {
        let (round_id, participant_id, client_id) = (
            round_id.to_owned(),
            participant_id.to_owned(),
            client_id.to_owned(),
        );
        let owner = workshop_id.to_owned();
        let site = self.sync_site();
        let (_, change) = self.edit_grouped(workshop_id, "retract_vote", Step::NotUndoable, move |conn, recorder| {
            let (workshop_id, round_id, participant_id, client_id) =
                (&*owner, &*round_id, &*participant_id, &*client_id);
            let round = load_round(conn, workshop_id, round_id)?;
            recorded_here(conn, round_id, &site)?;
            if !is_open(&round) {
                return Err(Error::refused(ErrorCode::RoundClosed, "this voting round is closed"));
            }
            let vote: Option<String> = conn
                .prepare_cached(
                    "SELECT id FROM votes WHERE round_id = ?1 AND participant_id = ?2 AND client_id = ?3",
                )?
                .query_row(params![round_id, participant_id, client_id], |row| row.get(0))
                .optional()?;
            if let Some(id) = vote {
                recorder.touch(Table::Votes, &id)?;
                conn.execute("DELETE FROM votes WHERE id = ?1", [id])?;
            }
            Ok(())
        })?;
        Ok(change)
    }

    /// Adds votes counted on paper or by raised hands to a note.
    pub fn add_paper_votes(
        &self,
        workshop_id: &str,
        round_id: &str,
        note_id: &str,
        count: i64,
    ) -> Result<Change> {
        checked_vote_weight("count", None, count)?;
        let site = self.sync_site();
        self.edit_as(workshop_id, "add_paper_votes", Step::NotUndoable, |conn, recorder| {
            let round = load_round(conn, workshop_id, round_id)?;
            recorded_here(conn, round_id, &site)?;
            note_in_scope(conn, &round, note_id)?;
            let id = new_id();
            recorder.touch(Table::Votes, &id)?;
            conn.execute(
                "INSERT INTO votes (id, workshop_id, round_id, participant_id, note_id, client_id, weight, created_at)
                 VALUES (?1, ?2, ?3, NULL, ?4, ?1, ?5, ?6)",
                params![id, workshop_id, round_id, note_id, count, now()],
            )?;
            Ok(())
        })
    }

    /// Marks that a participant has finished voting (they may still change their mind).
    pub fn mark_done(
        &self,
        workshop_id: &str,
        round_id: &str,
        participant_id: &str,
    ) -> Result<Change> {
        let (owner, round_id, participant_id) = (
            workshop_id.to_owned(),
            round_id.to_owned(),
            participant_id.to_owned(),
        );
        let site = self.sync_site();
        let (_, change) = self.edit_grouped(
            workshop_id,
            "mark_done",
            Step::NotUndoable,
            move |conn, recorder| {
                let (workshop_id, round_id, participant_id) =
                    (&*owner, &*round_id, &*participant_id);
                load_round(conn, workshop_id, round_id)?;
                recorded_here(conn, round_id, &site)?;
                belongs_to_workshop(conn, Owned::Participant, participant_id, workshop_id)?;
                let existing: Option<String> = conn
                    .prepare_cached(
                        "SELECT id FROM round_done WHERE round_id = ?1 AND participant_id = ?2",
                    )?
                    .query_row(params![round_id, participant_id], |row| row.get(0))
                    .optional()?;
                if existing.is_none() {
                    let id = new_id();
                    recorder.touch(Table::RoundDone, &id)?;
                    conn.execute(
                        "INSERT INTO round_done (id, workshop_id, round_id, participant_id, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![id, workshop_id, round_id, participant_id, now()],
                    )?;
                }
                Ok(())
            },
        )?;
        Ok(change)
    }

    /// The rounds of a workshop, oldest first.
    pub fn list_rounds(&self, workshop_id: &str) -> Result<Vec<VotingRound>> {
        self.read(|conn| {
            crate::history::revision_of(conn, workshop_id)?;
            let mut rounds: Vec<VotingRound> = rows_of(conn, Table::VotingRounds, workshop_id)?;
            for round in &mut rounds {
                if round.status == RoundStatus::Open && !is_open(round) {
                    round.status = RoundStatus::Closed;
                }
            }
            Ok(rounds)
        })
    }

    /// The notes of a round ranked by votes (ties by creation order). Participants get an
    /// error until the round is revealed; voters are named only in named rounds.
    pub fn round_results(
        &self,
        workshop_id: &str,
        round_id: &str,
        viewer: Viewer,
    ) -> Result<Vec<NoteResult>> {
        self.read(|conn| {
            let round = load_round(conn, workshop_id, round_id)?;
            if viewer == Viewer::Participant && round.status != RoundStatus::Revealed {
                return Err(Error::refused(ErrorCode::ResultsHidden, "the results of this round have not been revealed yet"));
            }
            let mut statement = conn.prepare_cached(
                "SELECT n.id, n.text, coalesce(sum(v.weight), 0) AS total
                 FROM notes n LEFT JOIN votes v ON v.note_id = n.id AND v.round_id = ?1
                 WHERE n.workshop_id = ?2 AND n.hidden = 0
                 GROUP BY n.id HAVING total > 0
                 ORDER BY total DESC, n.created_at, n.id",
            )?;
            let mut results: Vec<NoteResult> = statement
                .query_map(params![round_id, workshop_id], |row| {
                    Ok(NoteResult {
                        note_id: row.get(0)?,
                        text: row.get(1)?,
                        votes: row.get(2)?,
                        rank: 0,
                        tied: false,
                        voters: Vec::new(),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let ranks = shared_ranks(&results.iter().map(|r| r.votes).collect::<Vec<_>>());
            for (index, result) in results.iter_mut().enumerate() {
                result.rank = ranks[index];
                result.tied = ranks.iter().filter(|&&rank| rank == ranks[index]).count() > 1;
            }
            if !round.anonymous {
                let mut voters = conn.prepare_cached(
                    "SELECT DISTINCT coalesce(p.name, '') FROM votes v JOIN participants p ON p.id = v.participant_id
                     WHERE v.round_id = ?1 AND v.note_id = ?2 ORDER BY 1",
                )?;
                for result in &mut results {
                    result.voters = voters
                        .query_map(params![round_id, result.note_id], |row| row.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                }
            }
            Ok(results)
        })
    }

    /// Writes a round's ranking back onto the board: a new section "Top ideas" holding copies
    /// of its `top` most voted notes, best first (notes sharing the last rank all come). The
    /// originals stay in their sections. One undo step.
    pub fn ranking_to_section(
        &self,
        workshop_id: &str,
        round_id: &str,
        top: i64,
    ) -> Result<Change> {
        if !(1..=MAX_TOP_IDEAS).contains(&top) {
            return Err(Error::invalid(format!(
                "top must be from 1 to {MAX_TOP_IDEAS}, not {top}"
            )));
        }
        let results = self.round_results(workshop_id, round_id, Viewer::Facilitator)?;
        let cut = results
            .get((top as usize).min(results.len()).saturating_sub(1))
            .map(|r| r.rank)
            .unwrap_or(0);
        let chosen: Vec<String> = results
            .iter()
            .filter(|r| r.rank <= cut)
            .map(|r| r.note_id.clone())
            .collect();
        if chosen.is_empty() {
            return Err(Error::invalid("the round has no votes yet"));
        }
        self.edit(workshop_id, "ranking_to_section", |conn, recorder| {
            let title = match crate::workshops::language_of(conn, workshop_id)? {
                crate::model::Language::En => "Top ideas",
                crate::model::Language::Fi => "K\u{e4}rki-ideat",
            };
            // Right of everything on the board, so nothing is covered.
            let right: f64 = conn
                .prepare_cached(
                    "SELECT coalesce(max(r), 0) FROM (
                         SELECT x + ?2 AS r FROM notes WHERE workshop_id = ?1
                         UNION ALL SELECT x + width FROM clusters WHERE workshop_id = ?1)",
                )?
                .query_row(params![workshop_id, NOTE_WIDTH], |row| row.get(0))?;
            let top_edge: f64 = conn
                .prepare_cached(
                    "SELECT coalesce(min(y), 0) FROM (
                         SELECT y FROM notes WHERE workshop_id = ?1
                         UNION ALL SELECT y FROM clusters WHERE workshop_id = ?1)",
                )?
                .query_row([workshop_id], |row| row.get(0))?;
            let (section, grid) = create_section_for_new_notes(
                conn,
                recorder,
                workshop_id,
                title,
                (right + 4.0 * GAP, top_edge),
                chosen.len(),
            )?;
            let now = now();
            for (index, original) in chosen.iter().enumerate() {
                let id = new_id();
                let (x, y) = grid.cell(index);
                recorder.touch(Table::Notes, &id)?;
                conn.prepare_cached(
                    "INSERT INTO notes (id, workshop_id, text, colour, x, y, cluster_id, stage_id,
                                        persona_id, author_id, created_at, updated_at)
                     SELECT ?2, workshop_id, text, colour, ?3, ?4, ?5, stage_id, persona_id,
                            author_id, ?6, ?6
                     FROM notes WHERE id = ?1",
                )?
                .execute(params![original, id, x, y, section, now])?;
            }
            lay_out(conn, recorder, &section, None)
        })
    }

    /// Who has voted how much, and who is done, without what they voted for.
    pub fn round_progress(&self, workshop_id: &str, round_id: &str) -> Result<Progress> {
        self.read(|conn| {
            let round = load_round(conn, workshop_id, round_id)?;
            let participants = crate::participants::present_participants(conn, workshop_id)?;
            let mut done = conn.prepare_cached(
                "SELECT 1 FROM round_done WHERE round_id = ?1 AND participant_id = ?2",
            )?;
            let mut progress = Vec::new();
            for participant in participants {
                let used = votes_of(conn, round_id, &participant.id, None)?;
                progress.push(ParticipantProgress {
                    done: done.exists(params![round_id, participant.id])?,
                    name: participant.name,
                    votes_used: used,
                    votes_left: round.votes_per_participant - used,
                    participant_id: participant.id,
                });
            }
            Ok(Progress {
                round_id: round_id.to_owned(),
                participants: progress,
            })
        })
    }
}

/// Competition ranks of counts sorted most first: equal counts share the rank of the first
/// of them and the next rank skips by how many shared ("1, 2, 2, 4").
pub fn shared_ranks(sorted_counts: &[i64]) -> Vec<u32> {
    let mut ranks: Vec<u32> = Vec::with_capacity(sorted_counts.len());
    for (index, count) in sorted_counts.iter().enumerate() {
        let rank = match index {
            0 => 1,
            _ if sorted_counts[index - 1] == *count => ranks[index - 1],
            _ => index as u32 + 1,
        };
        ranks.push(rank);
    }
    ranks
}

/// Checks the weight of one vote: one for a participant's vote, 1 to [`MAX_PAPER_VOTES`] for
/// paper votes (no participant). The paper-vote entry and every imported vote go through it.
pub(crate) fn checked_vote_weight(
    field: &str,
    participant_id: Option<&str>,
    weight: i64,
) -> Result<i64> {
    match participant_id {
        Some(_) if weight != 1 => Err(Error::invalid(format!(
            "{field} must be 1 for a participant's vote, not {weight}"
        ))),
        None if !(1..=MAX_PAPER_VOTES).contains(&weight) => Err(Error::invalid(format!(
            "{field} must be from 1 to {MAX_PAPER_VOTES}, not {weight}"
        ))),
        _ => Ok(weight),
    }
}

/// A voting rule that stored votes break: the budget of a participant in a round, or the cap
/// of votes one participant may give one note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleBreak {
    pub round_id: String,
    pub participant_id: String,
    /// The note, when the cap per note is broken; none for the budget.
    pub note_id: Option<String>,
    pub votes: i64,
    pub limit: i64,
}

impl RuleBreak {
    /// The break in words, each id as `name` gives it (a file names its rows its own way).
    pub fn describe(&self, name: impl Fn(&str) -> String) -> String {
        match &self.note_id {
            None => format!(
                "participant {} has {} votes in round {}, over the budget of {}",
                name(&self.participant_id),
                self.votes,
                name(&self.round_id),
                self.limit
            ),
            Some(note) => format!(
                "participant {} has {} votes on note {} in round {}, over the cap of {}",
                name(&self.participant_id),
                self.votes,
                name(note),
                name(&self.round_id),
                self.limit
            ),
        }
    }
}

/// Every budget and cap the stored votes break, in one workshop or (with none) the whole
/// library. The one statement of those rules for what is stored: `fiilis check` runs it over
/// the library and every import and merge over the workshop it wrote, before committing.
/// Sums are taken as reals, so no count of rows can overflow them.
pub fn rule_breaks(conn: &Connection, workshop_id: Option<&str>) -> Result<Vec<RuleBreak>> {
    let mut breaks = Vec::new();
    for (group, limit) in [
        ("", "r.votes_per_participant"),
        (", v.note_id", "r.max_per_note"),
    ] {
        let sql =
            format!(
            "SELECT v.round_id, v.participant_id, {note}, CAST(total(v.weight) AS INTEGER), {limit}
             FROM votes v JOIN voting_rounds r ON r.id = v.round_id
             WHERE v.participant_id IS NOT NULL AND (?1 IS NULL OR v.workshop_id = ?1)
             GROUP BY v.round_id, v.participant_id{group}
             HAVING total(v.weight) > {limit}
             ORDER BY v.round_id, v.participant_id{group}",
            note = if group.is_empty() { "NULL" } else { "v.note_id" },
        );
        let mut statement = conn.prepare(&sql)?;
        let found = statement.query_map([workshop_id], |row| {
            Ok(RuleBreak {
                round_id: row.get(0)?,
                participant_id: row.get(1)?,
                note_id: row.get(2)?,
                votes: row.get(3)?,
                limit: row.get(4)?,
            })
        })?;
        breaks.extend(found.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(breaks)
}

/// Refuses what a workshop now holds when it breaks a voting rule, naming each row by the id
/// `file_ids` gives it (a file's own ids, for an import or merge).
pub(crate) fn refuse_rule_breaks(
    conn: &Connection,
    workshop_id: &str,
    file_ids: &std::collections::HashMap<String, String>,
) -> Result<()> {
    let breaks = rule_breaks(conn, Some(workshop_id))?;
    if breaks.is_empty() {
        return Ok(());
    }
    let name = |id: &str| file_ids.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let described: Vec<String> = breaks.iter().map(|b| b.describe(name)).collect();
    Err(Error::invalid(format!(
        "the votes break the round's rules: {}",
        described.join("; ")
    )))
}
