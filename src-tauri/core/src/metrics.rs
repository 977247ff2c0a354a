//! The figures of questions asked from the room: NPS, CSAT and CES by their standard
//! formulas, poll counts, and word clouds of open answers.
//!
//! Pure functions of the answers, so the presenter, the journey's metrics lane and every
//! report show the same figure from the same rule. A leaf: it imports nothing of core
//! but the model's languages.
//!
//! - **NPS** (0–10, "how likely would you recommend…"): % promoters (9–10) − % detractors
//!   (0–6), from −100 to 100.
//! - **CSAT** (1–5): the share of satisfied answers (4–5), in %.
//! - **CES** (1–7, "how easy was it…"): the mean.
//!
//! Fewer than [`SMALL_N`] answers are flagged: the figure is shown, but as a hint, not a
//! measurement.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Language;

/// Below this many answers a figure is flagged as resting on few answers.
pub const SMALL_N: i64 = 30;

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// Net Promoter Score: 0–10.
    Nps,
    /// Customer satisfaction: 1–5.
    Csat,
    /// Customer effort: 1–7.
    Ces,
    /// A few words.
    Open,
    /// One of the facilitator's options.
    Poll,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 5] = [
        QuestionKind::Nps,
        QuestionKind::Csat,
        QuestionKind::Ces,
        QuestionKind::Open,
        QuestionKind::Poll,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Nps => "nps",
            QuestionKind::Csat => "csat",
            QuestionKind::Ces => "ces",
            QuestionKind::Open => "open",
            QuestionKind::Poll => "poll",
        }
    }

    /// The lowest and highest score of a scored question (NPS, CSAT, CES).
    pub fn score_range(self) -> Option<(i64, i64)> {
        match self {
            QuestionKind::Nps => Some((0, 10)),
            QuestionKind::Csat => Some((1, 5)),
            QuestionKind::Ces => Some((1, 7)),
            QuestionKind::Open | QuestionKind::Poll => None,
        }
    }

    /// The range of the headline figure: NPS −100..100, CSAT 0..100 %, CES 1..7.
    pub fn figure_range(self) -> Option<(f64, f64)> {
        match self {
            QuestionKind::Nps => Some((-100.0, 100.0)),
            QuestionKind::Csat => Some((0.0, 100.0)),
            QuestionKind::Ces => Some((1.0, 7.0)),
            QuestionKind::Open | QuestionKind::Poll => None,
        }
    }

    /// What the facilitator asks when they do not word it themselves.
    pub fn default_prompt(self, language: Language, stage: Option<&str>) -> String {
        let about = |en: &str, fi: &str| match (language, stage) {
            (Language::En, Some(stage)) => format!("{en} (\u{201c}{stage}\u{201d})"),
            (Language::Fi, Some(stage)) => format!("{fi} (\u{201d}{stage}\u{201d})"),
            (Language::En, None) => en.to_owned(),
            (Language::Fi, None) => fi.to_owned(),
        };
        match self {
            QuestionKind::Nps => about(
                "How likely would you recommend this service to a friend or colleague?",
                "Kuinka todennäköisesti suosittelisit tätä palvelua ystävälle tai kollegalle?",
            ),
            QuestionKind::Csat => about(
                "How satisfied were you with the service?",
                "Kuinka tyytyväinen olit palveluun?",
            ),
            QuestionKind::Ces => about(
                "How easy was it to get what you needed?",
                "Kuinka helppoa oli saada tarvitsemasi?",
            ),
            QuestionKind::Open => about(
                "Describe the experience in a few words.",
                "Kuvaile kokemusta muutamalla sanalla.",
            ),
            QuestionKind::Poll => about("Which one?", "Mikä näistä?"),
        }
    }
}

/// The standard figure of a scored question, with what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Figure {
    pub kind: QuestionKind,
    /// NPS (−100..100), CSAT (% satisfied) or CES (mean), rounded to one decimal.
    pub value: f64,
    /// How many answers.
    pub n: i64,
    /// NPS: the shares of promoters, passives and detractors in %; CSAT: the satisfied and
    /// the other shares; CES: none.
    pub shares: Vec<f64>,
    /// Fewer than [`SMALL_N`] answers.
    pub small_n: bool,
}

fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole as f64
}

/// The figure of `scores` answered to a question of `kind`, or none when there are no
/// answers (or the kind has no figure). Scores outside the kind's range are not counted.
pub fn figure(kind: QuestionKind, scores: &[i64]) -> Option<Figure> {
    let (min, max) = kind.score_range()?;
    let scores: Vec<i64> = scores
        .iter()
        .copied()
        .filter(|s| (min..=max).contains(s))
        .collect();
    let n = scores.len();
    if n == 0 {
        return None;
    }
    let count = |keep: fn(i64) -> bool| scores.iter().filter(|&&s| keep(s)).count();
    let (value, shares) = match kind {
        QuestionKind::Nps => {
            let (promoters, detractors) = (count(|s| s >= 9), count(|s| s <= 6));
            let passives = n - promoters - detractors;
            (
                percent(promoters, n) - percent(detractors, n),
                vec![
                    percent(promoters, n),
                    percent(passives, n),
                    percent(detractors, n),
                ],
            )
        }
        QuestionKind::Csat => {
            let satisfied = count(|s| s >= 4);
            (
                percent(satisfied, n),
                vec![percent(satisfied, n), percent(n - satisfied, n)],
            )
        }
        _ => (scores.iter().sum::<i64>() as f64 / n as f64, Vec::new()),
    };
    Some(Figure {
        kind,
        value: one_decimal(value),
        n: n as i64,
        shares: shares.into_iter().map(one_decimal).collect(),
        small_n: (n as i64) < SMALL_N,
    })
}

/// How many answers gave each score (scored questions, lowest score first) or chose each
/// option (polls, in the options' order).
pub fn distribution(kind: QuestionKind, scores: &[i64], options: usize) -> Vec<i64> {
    let (min, max) = kind.score_range().unwrap_or((0, options as i64 - 1));
    (min..=max)
        .map(|value| scores.iter().filter(|&&s| s == value).count() as i64)
        .collect()
}

/// One word of a word cloud: the form people wrote most often, and how many answers used
/// the word in any of its inflections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloudWord {
    pub word: String,
    pub count: i64,
}

/// Words too common to say anything about an experience.
const STOP_WORDS_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "i", "in", "is", "it", "its", "me", "my", "of", "on", "or", "so", "that", "the", "there",
    "this", "to", "too", "very", "was", "we", "were", "with", "you",
];
const STOP_WORDS_FI: &[&str] = &[
    "ei", "eikä", "en", "ja", "jo", "joka", "jos", "kuin", "kun", "mutta", "myös", "niin", "nyt",
    "oli", "olin", "on", "ole", "se", "sen", "siinä", "sitä", "tai", "tämä", "vaan", "vain", "mä",
    "minä", "tosi", "liian", "että",
];

/// The words of `answers`, most used first (ties alphabetically), at most `limit`. A word
/// counts once per answer, whatever its inflection: Finnish "jono", "jonossa" and "jonot"
/// (and English "waiting", "waited") are one word, shown as its most written form. The
/// stemmer follows the workshop's language; people in one room write in it.
pub fn word_cloud(answers: &[&str], language: Language, limit: usize) -> Vec<CloudWord> {
    let stemmer = Stemmer::create(match language {
        Language::En => Algorithm::English,
        Language::Fi => Algorithm::Finnish,
    });
    let stop = match language {
        Language::En => STOP_WORDS_EN,
        Language::Fi => STOP_WORDS_FI,
    };
    // stem → (answers using it, written form → times)
    let mut stems: HashMap<String, (i64, HashMap<String, i64>)> = HashMap::new();
    for answer in answers {
        let mut seen = Vec::new();
        for word in answer
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .map(|w| w.trim_matches(|c| c == '-' || c == '\'').to_lowercase())
            .filter(|w| w.chars().count() > 1 && !stop.contains(&w.as_str()))
        {
            let stem = stemmer.stem(&word).into_owned();
            let entry = stems.entry(stem.clone()).or_default();
            *entry.1.entry(word).or_default() += 1;
            if !seen.contains(&stem) {
                entry.0 += 1;
                seen.push(stem);
            }
        }
    }
    let mut words: Vec<CloudWord> = stems
        .into_values()
        .map(|(count, forms)| {
            let word = forms
                .into_iter()
                .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
                .map(|(form, _)| form)
                .unwrap_or_default();
            CloudWord { word, count }
        })
        .collect();
    words.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    words.truncate(limit);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_is_promoters_minus_detractors_with_the_three_shares() {
        // 10 answers: 5 promoters (9, 10), 2 passives (7, 8), 3 detractors (0..6).
        let scores = [10, 9, 9, 10, 9, 7, 8, 6, 0, 3];
        let nps = figure(QuestionKind::Nps, &scores).unwrap();
        assert_eq!(nps.value, 20.0);
        assert_eq!(nps.shares, [50.0, 20.0, 30.0]);
        assert_eq!(nps.n, 10);
        assert!(nps.small_n);
    }

    #[test]
    fn nps_of_all_detractors_is_minus_100_and_no_answers_give_no_figure() {
        assert_eq!(figure(QuestionKind::Nps, &[0, 6, 3]).unwrap().value, -100.0);
        assert_eq!(figure(QuestionKind::Nps, &[9, 10]).unwrap().value, 100.0);
        assert_eq!(figure(QuestionKind::Nps, &[]), None);
        assert_eq!(figure(QuestionKind::Csat, &[]), None);
        assert_eq!(figure(QuestionKind::Open, &[1]), None);
    }

    #[test]
    fn nps_rounds_to_one_decimal() {
        // 1 promoter, 1 passive, 1 detractor of 3: 33.3 − 33.3 = 0; 2 of 3 promoters: 66.7.
        assert_eq!(figure(QuestionKind::Nps, &[9, 7, 5]).unwrap().value, 0.0);
        let two_of_three = figure(QuestionKind::Nps, &[9, 10, 8]).unwrap();
        assert_eq!(two_of_three.value, 66.7);
        assert_eq!(two_of_three.shares, [66.7, 33.3, 0.0]);
    }

    #[test]
    fn csat_is_the_share_of_fours_and_fives() {
        let csat = figure(QuestionKind::Csat, &[5, 4, 3, 2, 4, 1, 5, 5]).unwrap();
        assert_eq!(csat.value, 62.5);
        assert_eq!(csat.shares, [62.5, 37.5]);
    }

    #[test]
    fn ces_is_the_mean_and_thirty_answers_are_no_longer_small() {
        let ces = figure(QuestionKind::Ces, &[7, 6, 2]).unwrap();
        assert_eq!(ces.value, 5.0);
        assert!(ces.shares.is_empty());
        let thirty = vec![4; 30];
        assert!(!figure(QuestionKind::Ces, &thirty).unwrap().small_n);
        assert!(figure(QuestionKind::Ces, &thirty[..29]).unwrap().small_n);
    }

    #[test]
    fn scores_outside_the_range_are_not_counted() {
        let csat = figure(QuestionKind::Csat, &[0, 6, 5]).unwrap();
        assert_eq!((csat.n, csat.value), (1, 100.0));
    }

    #[test]
    fn distribution_counts_each_score_or_option() {
        assert_eq!(
            distribution(QuestionKind::Csat, &[5, 5, 1, 3], 0),
            [1, 0, 1, 0, 2]
        );
        assert_eq!(distribution(QuestionKind::Poll, &[2, 0, 2], 3), [1, 0, 2]);
        assert_eq!(distribution(QuestionKind::Nps, &[], 0).len(), 11);
    }

    #[test]
    fn finnish_inflections_fold_into_one_word() {
        let answers = [
            "Pitkä jono",
            "jonossa odottaminen",
            "Jonot ja odotus",
            "ystävällinen henkilökunta",
        ];
        let cloud = word_cloud(&answers, Language::Fi, 10);
        assert_eq!(cloud[0].count, 3, "{cloud:?}");
        assert!(["jono", "jonossa", "jonot"].contains(&cloud[0].word.as_str()));
        assert!(cloud
            .iter()
            .any(|w| w.word == "henkilökunta" && w.count == 1));
        assert!(!cloud.iter().any(|w| w.word == "ja"), "stop words dropped");
    }

    #[test]
    fn english_word_families_fold_and_count_once_per_answer() {
        let answers = [
            "waiting, waiting and more waiting",
            "we waited long",
            "the wait!",
            "friendly staff",
            "Friendliness of the staff",
        ];
        let cloud = word_cloud(&answers, Language::En, 3);
        assert_eq!(
            cloud[0],
            CloudWord {
                word: "waiting".into(),
                count: 3
            }
        );
        assert_eq!(cloud[1].word, "staff");
        assert_eq!(cloud.len(), 3);
    }
}
