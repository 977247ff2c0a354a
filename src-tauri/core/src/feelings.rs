//! Feelings: the words for how an experience feels, the feelings each stage is designed to
//! evoke, and those participants say they felt.
//!
//! About two thirds of an experience is feeling, and a service can be designed to evoke
//! some feelings rather than others. So each stage names its *designed* feelings; phones
//! rating a stage may pick up to [`MAX_FELT`] words for what they *felt*; the journey shows
//! both side by side and marks the stages where they disagree ([`disagrees`]).
//!
//! A feeling is named by a key: a built-in word of [`VOCABULARY`] (in English and Finnish) or
//! the id of a word the facilitator added to the workshop. Keys, not words, are stored, so a
//! workshop keeps its feelings when its language changes.

use std::collections::HashMap;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change::Change;
use crate::error::{Error, Result};
use crate::ids::{new_id, now};
use crate::model::{Language, Stage};
use crate::rows::{rows_of, Table};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use crate::workshops::language_of;

/// How many feelings a participant may pick for one stage.
pub const MAX_FELT: usize = 2;
/// The longest word a facilitator may add.
pub const MAX_WORD_CHARS: usize = 40;
/// How many words a workshop may add to the vocabulary.
pub const MAX_OWN_WORDS: usize = 40;

/// The built-in feelings: (key, English, Finnish, positive). Words customer-experience
/// practice uses for what a service makes people feel.
pub const VOCABULARY: &[(&str, &str, &str, bool)] = &[
    ("welcomed", "welcomed", "tervetullut", true),
    ("relieved", "relieved", "helpottunut", true),
    ("confident", "confident", "luottavainen", true),
    ("delighted", "delighted", "ilahtunut", true),
    ("reassured", "reassured", "rauhoittunut", true),
    ("cared_for", "cared for", "huomioitu", true),
    ("respected", "respected", "arvostettu", true),
    ("inspired", "inspired", "innostunut", true),
    ("frustrated", "frustrated", "turhautunut", false),
    ("anxious", "anxious", "huolestunut", false),
    ("ignored", "ignored", "sivuutettu", false),
    ("confused", "confused", "hämmentynyt", false),
    ("rushed", "rushed", "hoputettu", false),
    ("disappointed", "disappointed", "pettynyt", false),
    ("annoyed", "annoyed", "ärtynyt", false),
    ("lost", "lost", "eksyksissä", false),
];

/// One word of a workshop's vocabulary, in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Feeling {
    /// What stages and ratings store: a built-in key or the id of the workshop's own word.
    pub key: String,
    pub word: String,
    pub positive: bool,
    /// One the facilitator added (and may remove).
    pub own: bool,
}

/// A word the facilitator added to a workshop's vocabulary, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OwnFeeling {
    pub id: String,
    pub workshop_id: String,
    pub word: String,
    pub positive: bool,
    pub created_at: String,
}

/// How many times participants picked a feeling at a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FeltCount {
    pub key: String,
    pub count: i64,
}

/// A stage's designed feelings beside those felt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StageFeelings {
    pub stage_id: String,
    pub designed: Vec<String>,
    /// Most picked first (ties in vocabulary order).
    pub felt: Vec<FeltCount>,
    /// How many ratings picked at least one feeling.
    pub raters: i64,
    /// See [`disagrees`].
    pub disagrees: bool,
}

/// The vocabulary of a workshop in `language`: the built-in words, then its own.
pub fn vocabulary(language: Language, own: &[OwnFeeling]) -> Vec<Feeling> {
    VOCABULARY
        .iter()
        .map(|&(key, en, fi, positive)| Feeling {
            key: key.to_owned(),
            word: match language {
                Language::En => en,
                Language::Fi => fi,
            }
            .to_owned(),
            positive,
            own: false,
        })
        .chain(own.iter().map(|word| Feeling {
            key: word.id.clone(),
            word: word.word.clone(),
            positive: word.positive,
            own: true,
        }))
        .collect()
}

/// Whether what was felt disagrees with what was designed: fewer than half of the felt
/// picks are a designed feeling or share a designed feeling's tone (positive or
/// negative). Stages without designed feelings, or nothing felt, never disagree.
pub fn disagrees(designed: &[String], felt: &[FeltCount], vocabulary: &[Feeling]) -> bool {
    let tone = |key: &str| vocabulary.iter().find(|f| f.key == key).map(|f| f.positive);
    let designed_tones: Vec<bool> = designed.iter().filter_map(|k| tone(k)).collect();
    let picks: i64 = felt.iter().map(|f| f.count).sum();
    if designed.is_empty() || picks == 0 {
        return false;
    }
    let agreeing: i64 = felt
        .iter()
        .filter(|f| {
            designed.contains(&f.key) || tone(&f.key).is_some_and(|t| designed_tones.contains(&t))
        })
        .map(|f| f.count)
        .sum();
    agreeing * 2 < picks
}

/// Each stage's designed and felt feelings, in stage order; stages with neither are left out.
/// `felt` holds, per rating that picked feelings, its stage and the keys picked; the caller
/// passes ratings of the current experience only (the target is imagined, not felt).
pub fn stage_feelings(
    stages: &[Stage],
    felt: &[(&str, &[String])],
    vocabulary: &[Feeling],
) -> Vec<StageFeelings> {
    let order = |key: &str| {
        vocabulary
            .iter()
            .position(|f| f.key == key)
            .unwrap_or(usize::MAX)
    };
    stages
        .iter()
        .filter_map(|stage| {
            let mut counts: HashMap<&str, i64> = HashMap::new();
            let mut raters = 0;
            for (_, keys) in felt
                .iter()
                .filter(|(stage_id, keys)| *stage_id == stage.id && !keys.is_empty())
            {
                raters += 1;
                for key in keys.iter() {
                    *counts.entry(key).or_default() += 1;
                }
            }
            let mut felt: Vec<FeltCount> = counts
                .into_iter()
                .map(|(key, count)| FeltCount {
                    key: key.to_owned(),
                    count,
                })
                .collect();
            felt.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then(order(&a.key).cmp(&order(&b.key)))
            });
            if felt.is_empty() && stage.designed_feelings.is_empty() {
                return None;
            }
            Some(StageFeelings {
                stage_id: stage.id.clone(),
                disagrees: disagrees(&stage.designed_feelings, &felt, vocabulary),
                designed: stage.designed_feelings.clone(),
                felt,
                raters,
            })
        })
        .collect()
}

/// The workshop's vocabulary as stored.
pub(crate) fn vocabulary_of(conn: &Connection, workshop_id: &str) -> Result<Vec<Feeling>> {
    let own: Vec<OwnFeeling> = rows_of(conn, Table::Feelings, workshop_id)?;
    Ok(vocabulary(language_of(conn, workshop_id)?, &own))
}

/// `keys` checked against the workshop's vocabulary: known, no repeats, at most `max`.
pub(crate) fn checked_keys(
    conn: &Connection,
    workshop_id: &str,
    field: &str,
    keys: &[String],
    max: usize,
) -> Result<Vec<String>> {
    let known = vocabulary_of(conn, workshop_id)?;
    let mut checked: Vec<String> = Vec::new();
    for key in keys {
        if !known.iter().any(|f| &f.key == key) {
            return Err(Error::invalid(format!(
                "{field}: \u{201c}{key}\u{201d} is not a feeling of this workshop"
            )));
        }
        if !checked.contains(key) {
            checked.push(key.clone());
        }
    }
    validate::count(field, checked.len(), 0, max)?;
    Ok(checked)
}

impl Library {
    /// Adds a word to the workshop's feelings vocabulary.
    pub fn add_feeling(&self, workshop_id: &str, word: &str, positive: bool) -> Result<Change> {
        let word = validate::required_text("word", word, MAX_WORD_CHARS)?;
        self.edit(workshop_id, "add_feeling", |conn, recorder| {
            let known = vocabulary_of(conn, workshop_id)?;
            if known
                .iter()
                .any(|f| f.word.to_lowercase() == word.to_lowercase())
            {
                return Err(Error::invalid(format!(
                    "\u{201c}{word}\u{201d} is already a feeling of this workshop"
                )));
            }
            if known.iter().filter(|f| f.own).count() >= MAX_OWN_WORDS {
                return Err(Error::invalid(format!(
                    "a workshop may add at most {MAX_OWN_WORDS} feelings"
                )));
            }
            let id = new_id();
            recorder.touch(Table::Feelings, &id)?;
            conn.execute(
                "INSERT INTO feelings (id, workshop_id, word, positive, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, workshop_id, word, positive, now()],
            )?;
            Ok(())
        })
    }

    /// Removes one of the workshop's own words, and with it every stage's and rating's
    /// mention of it, in one undoable step.
    pub fn delete_feeling(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit(workshop_id, "delete_feeling", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Feeling, id, workshop_id)?;
            for (table, column) in [
                (Table::Stages, "designed_feelings"),
                (Table::Ratings, "feelings"),
            ] {
                let sql = format!(
                    "SELECT id, {column} FROM {} WHERE workshop_id = ?1 AND {column} LIKE ?2",
                    table.name()
                );
                let mentions: Vec<(String, String)> = conn
                    .prepare_cached(&sql)?
                    .query_map(params![workshop_id, format!("%\"{id}\"%")], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (row_id, keys) in mentions {
                    let keys: Vec<String> = serde_json::from_str(&keys).unwrap_or_default();
                    let kept: Vec<&String> = keys.iter().filter(|k| *k != id).collect();
                    recorder.touch(table, &row_id)?;
                    conn.execute(
                        &format!("UPDATE {} SET {column} = ?2 WHERE id = ?1", table.name()),
                        params![
                            row_id,
                            serde_json::to_string(&kept).expect("strings serialise")
                        ],
                    )?;
                }
            }
            recorder.touch(Table::Feelings, id)?;
            conn.execute("DELETE FROM feelings WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn felt(pairs: &[(&str, i64)]) -> Vec<FeltCount> {
        pairs
            .iter()
            .map(|&(key, count)| FeltCount {
                key: key.into(),
                count,
            })
            .collect()
    }

    #[test]
    fn stages_disagree_when_most_of_what_was_felt_has_the_other_tone() {
        let words = vocabulary(Language::En, &[]);
        let designed = vec!["welcomed".to_owned()];
        // Relieved is positive too: the tone agrees though the word differs.
        assert!(!disagrees(
            &designed,
            &felt(&[("relieved", 2), ("rushed", 1)]),
            &words
        ));
        assert!(disagrees(
            &designed,
            &felt(&[("ignored", 2), ("welcomed", 1)]),
            &words
        ));
        // Exactly half agreeing is no disagreement.
        assert!(!disagrees(
            &designed,
            &felt(&[("ignored", 1), ("welcomed", 1)]),
            &words
        ));
        assert!(!disagrees(&[], &felt(&[("ignored", 3)]), &words));
        assert!(!disagrees(&designed, &[], &words));
    }

    #[test]
    fn every_built_in_word_has_both_languages_and_a_unique_key() {
        let mut keys: Vec<_> = VOCABULARY.iter().map(|v| v.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), VOCABULARY.len());
        assert!(VOCABULARY
            .iter()
            .all(|v| !v.1.is_empty() && !v.2.is_empty()));
        assert!(VOCABULARY.iter().any(|v| v.3) && VOCABULARY.iter().any(|v| !v.3));
        assert_eq!(vocabulary(Language::Fi, &[])[0].word, "tervetullut");
    }
}
