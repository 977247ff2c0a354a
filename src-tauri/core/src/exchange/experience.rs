//! The experience model's part of a workshop file (format version 2): its own feelings,
//! lanes and their cells, questions asked from the room with their answers, and survey
//! figures, each checked against the rules the editing operations keep.

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::feelings::{MAX_FELT, MAX_OWN_WORDS, MAX_WORD_CHARS, VOCABULARY};
use crate::figures::{checked as checked_figure, FigureInput};
use crate::lanes::{MAX_CELL_CHARS, MAX_LANES};
use crate::metrics::QuestionKind;
use crate::model::{LaneKind, MAX_DESIGNED_FEELINGS};
use crate::questions::{
    QuestionStatus, MAX_ANSWER_CHARS, MAX_OPTIONS, MAX_OPTION_CHARS, MAX_PROMPT_CHARS, MIN_OPTIONS,
};
use crate::validate;
use crate::workshops::MAX_TITLE_CHARS;

use super::WorkshopFile;

/// Trims the texts as the operations store them, refusing those over their limits.
pub(super) fn tidy_texts(file: &mut WorkshopFile) -> Result<()> {
    for (index, feeling) in file.feelings.iter_mut().enumerate() {
        feeling.word = validate::required_text(
            &format!("feelings[{index}].word"),
            &feeling.word,
            MAX_WORD_CHARS,
        )?;
    }
    for (index, lane) in file.lanes.iter_mut().enumerate() {
        lane.title = validate::required_text(
            &format!("lanes[{index}].title"),
            &lane.title,
            MAX_TITLE_CHARS,
        )?;
    }
    for (index, cell) in file.lane_cells.iter_mut().enumerate() {
        cell.text = validate::text(
            &format!("lane_cells[{index}].text"),
            &cell.text,
            MAX_CELL_CHARS,
        )?;
    }
    for (index, question) in file.questions.iter_mut().enumerate() {
        let field = |name: &str| format!("questions[{index}].{name}");
        question.prompt =
            validate::required_text(&field("prompt"), &question.prompt, MAX_PROMPT_CHARS)?;
        question.options = validate::list(
            &field("options"),
            &question.options,
            MAX_OPTIONS,
            MAX_OPTION_CHARS,
        )?;
    }
    for (index, answer) in file.answers.iter_mut().enumerate() {
        if let Some(text) = &answer.text {
            answer.text = Some(validate::required_text(
                &format!("answers[{index}].text"),
                text,
                MAX_ANSWER_CHARS,
            )?);
        }
    }
    for (index, figure) in file.stage_figures.iter_mut().enumerate() {
        figure.source = validate::text(
            &format!("stage_figures[{index}].source"),
            &figure.source,
            crate::figures::MAX_SOURCE_CHARS,
        )?;
    }
    Ok(())
}

type Unique<'a> = dyn FnMut(String, &str) -> Result<()> + 'a;
type Refers<'a> = dyn Fn(String, Option<&str>, &str, &HashSet<&str>) -> Result<()> + 'a;

/// Checks the experience model's rows of `file`: ids unique (with `unique`), references to
/// rows of the file (with `refers`), and the operations' rules.
pub(super) fn check(
    file: &WorkshopFile,
    unique: &mut Unique<'_>,
    refers: &Refers<'_>,
    stages: &HashSet<&str>,
    participants: &HashSet<&str>,
    images: &HashSet<&str>,
) -> Result<()> {
    validate::count("feelings", file.feelings.len(), 0, MAX_OWN_WORDS)?;
    let mut feelings: HashSet<&str> = VOCABULARY.iter().map(|v| v.0).collect();
    for (index, feeling) in file.feelings.iter().enumerate() {
        unique(format!("feelings[{index}].id"), &feeling.id)?;
        feelings.insert(&feeling.id);
    }
    let known_feelings = |field: String, keys: &[String], max: usize| -> Result<()> {
        validate::count(&field, keys.len(), 0, max)?;
        for key in keys {
            if !feelings.contains(key.as_str()) {
                return Err(Error::invalid(format!(
                    "{field} names \u{201c}{key}\u{201d}, which is no feeling of the vocabulary or the file"
                )));
            }
        }
        Ok(())
    };
    for (index, stage) in file.stages.iter().enumerate() {
        known_feelings(
            format!("stages[{index}].designed_feelings"),
            &stage.designed_feelings,
            MAX_DESIGNED_FEELINGS,
        )?;
    }
    for (index, rating) in file.ratings.iter().enumerate() {
        let field = format!("ratings[{index}].feelings");
        if rating.variant == crate::emotions::Variant::Target && !rating.feelings.is_empty() {
            return Err(Error::invalid(format!(
                "{field}: feelings go with a rating of the current experience, not the target"
            )));
        }
        known_feelings(field, &rating.feelings, MAX_FELT)?;
    }

    validate::count("lanes", file.lanes.len(), 0, MAX_LANES as usize)?;
    let mut once: HashSet<LaneKind> = HashSet::new();
    for (index, lane) in file.lanes.iter().enumerate() {
        unique(format!("lanes[{index}].id"), &lane.id)?;
        if !lane.kind.repeats() && !once.insert(lane.kind) {
            return Err(Error::invalid(format!(
                "lanes[{index}] is a second {} lane",
                lane.kind.as_str()
            )));
        }
    }
    let lanes: HashSet<&str> = file.lanes.iter().map(|l| l.id.as_str()).collect();
    let mut places = HashSet::new();
    for (index, cell) in file.lane_cells.iter().enumerate() {
        let field = |name: &str| format!("lane_cells[{index}].{name}");
        unique(field("id"), &cell.id)?;
        refers(field("lane_id"), Some(&cell.lane_id), "lane", &lanes)?;
        refers(field("stage_id"), Some(&cell.stage_id), "stage", stages)?;
        refers(field("image_id"), cell.image_id.as_deref(), "image", images)?;
        if !places.insert((&cell.lane_id, &cell.stage_id)) {
            return Err(Error::invalid(format!(
                "lane_cells[{index}] is a second cell for the same lane and stage"
            )));
        }
        let kind = file
            .lanes
            .iter()
            .find(|l| l.id == cell.lane_id)
            .map(|l| l.kind);
        if !matches!(kind, Some(LaneKind::Text | LaneKind::Images)) {
            return Err(Error::invalid(format!(
                "lane_cells[{index}] belongs to a lane that holds no cells (only text and image lanes do)"
            )));
        }
    }

    let mut open = 0;
    for (index, question) in file.questions.iter().enumerate() {
        let field = |name: &str| format!("questions[{index}].{name}");
        unique(field("id"), &question.id)?;
        refers(
            field("stage_id"),
            question.stage_id.as_deref(),
            "stage",
            stages,
        )?;
        let options = question.options.len();
        match question.kind {
            QuestionKind::Poll => {
                validate::count(&field("options"), options, MIN_OPTIONS, MAX_OPTIONS)?
            }
            _ => validate::count(&field("options"), options, 0, 0)?,
        }
        if question.status == QuestionStatus::Open {
            open += 1;
        }
    }
    if open > 1 {
        return Err(Error::invalid(
            "questions: at most one question may be open",
        ));
    }
    let questions: HashSet<&str> = file.questions.iter().map(|q| q.id.as_str()).collect();
    let mut answered = HashSet::new();
    for (index, answer) in file.answers.iter().enumerate() {
        let field = |name: &str| format!("answers[{index}].{name}");
        unique(field("id"), &answer.id)?;
        refers(
            field("question_id"),
            Some(&answer.question_id),
            "question",
            &questions,
        )?;
        refers(
            field("participant_id"),
            Some(&answer.participant_id),
            "participant",
            participants,
        )?;
        if !answered.insert((&answer.question_id, &answer.participant_id)) {
            return Err(Error::invalid(format!(
                "answers[{index}] is a second answer of one participant to one question"
            )));
        }
        let question = file
            .questions
            .iter()
            .find(|q| q.id == answer.question_id)
            .expect("the reference was checked");
        let fits = match (question.kind, answer.score, &answer.text) {
            (QuestionKind::Open, None, Some(_)) => true,
            (QuestionKind::Poll, Some(score), None) => {
                (0..question.options.len() as i64).contains(&score)
            }
            (kind, Some(score), None) => kind
                .score_range()
                .is_some_and(|(min, max)| (min..=max).contains(&score)),
            _ => false,
        };
        if !fits {
            return Err(Error::invalid(format!(
                "answers[{index}] does not answer a {} question (a score in its range, or text for an open one)",
                question.kind.as_str()
            )));
        }
    }

    for (index, figure) in file.stage_figures.iter().enumerate() {
        let field = |name: &str| format!("stage_figures[{index}].{name}");
        unique(field("id"), &figure.id)?;
        refers(field("stage_id"), Some(&figure.stage_id), "stage", stages)?;
        checked_figure(&FigureInput {
            id: None,
            stage_id: figure.stage_id.clone(),
            kind: figure.kind,
            value: figure.value,
            n: figure.n,
            source: figure.source.clone(),
        })
        .map_err(|error| Error::invalid(format!("stage_figures[{index}]: {error}")))?;
    }
    Ok(())
}
