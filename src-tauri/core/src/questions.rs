//! Questions asked from the room: NPS, CSAT and CES about the service or one stage, an open
//! question answered in a few words, and a poll.
//!
//! One question is open at a time (asking another closes it), so every phone shows the same
//! one. A participant answers once; answering again replaces the answer, until the question
//! closes. Asking, closing and answering are the room's live work, like voting rounds: no
//! undo steps. What the answers add up to is [`crate::metrics`]' rule, shown alike on the
//! presenter, the journey's metrics lane and in reports. Open answers and poll results can
//! become notes on the board in one (undoable) step.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::board::{default_colour, MAX_NOTE_CHARS};
use crate::change::Change;
use crate::error::{Error, Result};
use crate::history::Step;
use crate::ids::{new_id, now};
use crate::metrics::{distribution, figure, word_cloud, CloudWord, Figure, QuestionKind};
use crate::model::Language;
use crate::rows::{rows_of, snapshot, typed, Table};
use crate::sections::{create_section_for_new_notes, lay_out, GAP, NOTE_HEIGHT};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use crate::workshops::{language_of, MAX_TITLE_CHARS};

/// The longest question.
pub const MAX_PROMPT_CHARS: usize = 300;
/// A poll's options: how many, and how long each.
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 8;
pub const MAX_OPTION_CHARS: usize = 80;
/// The longest open answer: a few words.
pub const MAX_ANSWER_CHARS: usize = 120;
/// How many words a word cloud shows.
pub const CLOUD_WORDS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum QuestionStatus {
    Open,
    Closed,
}

/// A question as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Question {
    pub id: String,
    pub workshop_id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// The stage it asks about, or none for the whole service.
    pub stage_id: Option<String>,
    /// A poll's options (empty for the other kinds).
    pub options: Vec<String>,
    pub status: QuestionStatus,
    pub created_at: String,
}

/// One participant's answer, as stored: a score (NPS, CSAT, CES), an option's index (poll)
/// or a few words (open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Answer {
    pub id: String,
    pub workshop_id: String,
    pub question_id: String,
    pub participant_id: String,
    pub score: Option<i64>,
    pub text: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A question with what its answers add up to, as the facilitator and the presenter see it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuestionResult {
    pub question: Question,
    pub n: i64,
    /// NPS, CSAT or CES by the standard formula; none without answers or for open and polls.
    pub figure: Option<Figure>,
    /// Answers per score (lowest first) or per poll option.
    pub counts: Vec<i64>,
    /// The open answers' words, inflections folded.
    pub words: Vec<CloudWord>,
    /// The open answers themselves, oldest first.
    pub texts: Vec<String>,
}

/// The arguments of `ask_question`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewQuestion {
    pub kind: QuestionKind,
    /// The standard wording in the workshop's language when absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub prompt: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub stage_id: Option<String>,
    /// A poll's options (2–8); none for the other kinds.
    #[serde(default)]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub options: Vec<String>,
}

/// A phone's answer: `score` for NPS, CSAT, CES and polls (the option's index), `text`
/// for an open question.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    pub question_id: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub score: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub text: Option<String>,
}

/// What a question's answers add up to.
pub fn result_of(question: Question, answers: &[Answer], language: Language) -> QuestionResult {
    let mine: Vec<&Answer> = answers
        .iter()
        .filter(|a| a.question_id == question.id)
        .collect();
    let scores: Vec<i64> = mine.iter().filter_map(|a| a.score).collect();
    let texts: Vec<String> = mine.iter().filter_map(|a| a.text.clone()).collect();
    let words = match question.kind {
        QuestionKind::Open => {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            word_cloud(&refs, language, CLOUD_WORDS)
        }
        _ => Vec::new(),
    };
    let counts = match question.kind {
        QuestionKind::Open => Vec::new(),
        kind => distribution(kind, &scores, question.options.len()),
    };
    QuestionResult {
        n: mine.len() as i64,
        figure: figure(question.kind, &scores),
        counts,
        words,
        texts,
        question,
    }
}

/// Every question of a workshop with its results, oldest first.
pub(crate) fn question_results(
    conn: &Connection,
    workshop_id: &str,
) -> Result<Vec<QuestionResult>> {
    let language = language_of(conn, workshop_id)?;
    let answers: Vec<Answer> = rows_of(conn, Table::Answers, workshop_id)?;
    Ok(rows_of::<Question>(conn, Table::Questions, workshop_id)?
        .into_iter()
        .map(|question| result_of(question, &answers, language))
        .collect())
}

/// The open question of a workshop, if any.
pub(crate) fn open_question(conn: &Connection, workshop_id: &str) -> Result<Option<Question>> {
    Ok(rows_of::<Question>(conn, Table::Questions, workshop_id)?
        .into_iter()
        .find(|q| q.status == QuestionStatus::Open))
}

fn question_in(conn: &Connection, workshop_id: &str, id: &str) -> Result<Question> {
    belongs_to_workshop(conn, Owned::Question, id, workshop_id)?;
    let row = snapshot(conn, Table::Questions, id)?.expect("the question was just found");
    typed(Table::Questions, row)
}

fn close_open(
    conn: &Connection,
    recorder: &mut crate::history::Recorder,
    workshop_id: &str,
) -> Result<()> {
    if let Some(open) = open_question(conn, workshop_id)? {
        recorder.touch(Table::Questions, &open.id)?;
        conn.execute(
            "UPDATE questions SET status = 'closed' WHERE id = ?1",
            [&open.id],
        )?;
    }
    Ok(())
}

impl Library {
    /// Asks the room a question, closing the one open before.
    pub fn ask_question(&self, workshop_id: &str, new: &NewQuestion) -> Result<Change> {
        let prompt = new
            .prompt
            .as_deref()
            .map(|p| validate::required_text("prompt", p, MAX_PROMPT_CHARS))
            .transpose()?;
        let options = match new.kind {
            QuestionKind::Poll => {
                let options =
                    validate::list("options", &new.options, MAX_OPTIONS, MAX_OPTION_CHARS)?;
                validate::count("options", options.len(), MIN_OPTIONS, MAX_OPTIONS)?;
                options
            }
            _ if !new.options.is_empty() => {
                return Err(Error::invalid("options: only a poll has options"));
            }
            _ => Vec::new(),
        };
        self.edit_as(workshop_id, "ask_question", Step::NotUndoable, |conn, recorder| {
            let stage_title = match &new.stage_id {
                Some(stage_id) => {
                    belongs_to_workshop(conn, Owned::Stage, stage_id, workshop_id)?;
                    conn.prepare_cached("SELECT title FROM stages WHERE id = ?1")?
                        .query_row([stage_id], |row| row.get::<_, String>(0))
                        .optional()?
                }
                None => None,
            };
            let prompt = match prompt {
                Some(prompt) => prompt,
                None => new
                    .kind
                    .default_prompt(language_of(conn, workshop_id)?, stage_title.as_deref()),
            };
            close_open(conn, recorder, workshop_id)?;
            let id = new_id();
            recorder.touch(Table::Questions, &id)?;
            conn.execute(
                "INSERT INTO questions (id, workshop_id, kind, prompt, stage_id, options, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7)",
                params![
                    id,
                    workshop_id,
                    new.kind.as_str(),
                    prompt,
                    new.stage_id,
                    serde_json::to_string(&options).expect("strings serialise"),
                    now()
                ],
            )?;
            Ok(())
        })
    }

    /// Closes a question: its answers are final.
    pub fn close_question(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit_as(
            workshop_id,
            "close_question",
            Step::NotUndoable,
            |conn, recorder| {
                question_in(conn, workshop_id, id)?;
                recorder.touch(Table::Questions, id)?;
                conn.execute("UPDATE questions SET status = 'closed' WHERE id = ?1", [id])?;
                Ok(())
            },
        )
    }

    /// Removes a question and its answers.
    pub fn delete_question(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit_as(
            workshop_id,
            "delete_question",
            Step::NotUndoable,
            |conn, recorder| {
                question_in(conn, workshop_id, id)?;
                let answers: Vec<String> = conn
                    .prepare_cached("SELECT id FROM answers WHERE question_id = ?1")?
                    .query_map([id], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for answer in answers {
                    recorder.touch(Table::Answers, &answer)?;
                    conn.execute("DELETE FROM answers WHERE id = ?1", [&answer])?;
                }
                recorder.touch(Table::Questions, id)?;
                conn.execute("DELETE FROM questions WHERE id = ?1", [id])?;
                Ok(())
            },
        )
    }

    pub fn list_questions(&self, workshop_id: &str) -> Result<Vec<QuestionResult>> {
        self.read(|conn| {
            crate::workshops::load_workshop(conn, workshop_id)?;
            question_results(conn, workshop_id)
        })
    }

    /// Records (or replaces) a participant's answer to the open question.
    pub fn record_answer(
        &self,
        workshop_id: &str,
        participant_id: &str,
        answer: &AnswerInput,
    ) -> Result<Change> {
        let (owner, participant_id, answer) = (
            workshop_id.to_owned(),
            participant_id.to_owned(),
            answer.clone(),
        );
        let (_, change) = self.edit_grouped(workshop_id, "record_answer", Step::NotUndoable, move |conn, recorder| {
            let (workshop_id, participant_id) = (&*owner, &*participant_id);
            belongs_to_workshop(conn, Owned::Participant, participant_id, workshop_id)?;
            let question = question_in(conn, workshop_id, &answer.question_id)?;
            crate::room::check_open(question.status == QuestionStatus::Open, "this question")?;
            let (score, text) = checked_answer(&question, &answer)?;
            let existing: Option<String> = conn
                .prepare_cached("SELECT id FROM answers WHERE question_id = ?1 AND participant_id = ?2")?
                .query_row(params![question.id, participant_id], |row| row.get(0))
                .optional()?;
            let id = existing.unwrap_or_else(new_id);
            let now = now();
            recorder.touch(Table::Answers, &id)?;
            conn.execute(
                "INSERT INTO answers (id, workshop_id, question_id, participant_id, score, text, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT(id) DO UPDATE SET score = excluded.score, text = excluded.text,
                     updated_at = excluded.updated_at",
                params![id, workshop_id, question.id, participant_id, score, text, now],
            )?;
            Ok(())
        })?;
        Ok(change)
    }

    /// Puts a question's open answers (or a poll's options with their counts) on the board
    /// as notes, grouped under the question: one undoable step.
    pub fn answers_to_notes(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit(workshop_id, "answers_to_notes", |conn, recorder| {
            let language = language_of(conn, workshop_id)?;
            let answers: Vec<Answer> = rows_of(conn, Table::Answers, workshop_id)?;
            let result = result_of(question_in(conn, workshop_id, id)?, &answers, language);
            let texts: Vec<String> = match result.question.kind {
                QuestionKind::Open => result.texts.clone(),
                QuestionKind::Poll => result
                    .question
                    .options
                    .iter()
                    .zip(&result.counts)
                    .map(|(option, count)| format!("{option} ({count})"))
                    .collect(),
                _ => {
                    return Err(Error::invalid(
                        "only an open question's answers or a poll's options become notes",
                    ))
                }
            };
            if texts.is_empty() {
                return Err(Error::invalid("the question has no answers yet"));
            }
            let title: String = result
                .question
                .prompt
                .chars()
                .take(MAX_TITLE_CHARS)
                .collect();
            // A section below everything on the board, so nothing is covered.
            let bottom: f64 = conn
                .prepare_cached(
                    "SELECT coalesce(max(y), -200.0) FROM (
                         SELECT y + ?2 AS y FROM notes WHERE workshop_id = ?1
                         UNION ALL SELECT y + height FROM clusters WHERE workshop_id = ?1)",
                )?
                .query_row(params![workshop_id, NOTE_HEIGHT], |row| row.get(0))?;
            let now = now();
            let (section, grid) = create_section_for_new_notes(
                conn,
                recorder,
                workshop_id,
                &title,
                (0.0, bottom + GAP * 4.0),
                texts.len(),
            )?;
            for (index, text) in texts.iter().enumerate() {
                let text: String = text.chars().take(MAX_NOTE_CHARS).collect();
                let id = new_id();
                let (x, y) = grid.cell(index);
                recorder.touch(Table::Notes, &id)?;
                conn.execute(
                    "INSERT INTO notes (id, workshop_id, text, colour, x, y, cluster_id, stage_id,
                                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![
                        id,
                        workshop_id,
                        text,
                        default_colour(),
                        x,
                        y,
                        section,
                        result.question.stage_id,
                        now
                    ],
                )?;
            }
            lay_out(conn, recorder, &section, None)?;
            Ok(())
        })
    }
}

/// The score or text of `answer`, checked against its question.
fn checked_answer(
    question: &Question,
    answer: &AnswerInput,
) -> Result<(Option<i64>, Option<String>)> {
    match question.kind {
        QuestionKind::Open => {
            if answer.score.is_some() {
                return Err(Error::invalid(
                    "an open question is answered with text, not a score",
                ));
            }
            let text = answer.text.as_deref().unwrap_or_default();
            Ok((
                None,
                Some(validate::required_text("text", text, MAX_ANSWER_CHARS)?),
            ))
        }
        kind => {
            if answer.text.is_some() {
                return Err(Error::invalid(
                    "this question is answered with a score, not text",
                ));
            }
            let (min, max) = kind
                .score_range()
                .unwrap_or((0, question.options.len() as i64 - 1));
            match answer.score {
                Some(score) if (min..=max).contains(&score) => Ok((Some(score), None)),
                Some(score) => Err(Error::invalid(format!(
                    "score must be from {min} to {max}, not {score}"
                ))),
                None => Err(Error::invalid("score is missing")),
            }
        }
    }
}
