//! The report's experience chapter, as tables every renderer lays out alike: per stage the
//! designed feelings beside the felt ones, what was measured in the room and in surveys, and
//! where the customer switched channel; the facilitator's own text lanes; and each question
//! asked from the room with its answers.

use crate::metrics::QuestionKind;
use crate::model::LaneKind;

use super::Report;

/// A figure as a report shows it: "NPS +25", "CSAT 62.5 %", "CES 5.0".
pub fn figure_text(kind: QuestionKind, value: f64) -> String {
    match kind {
        QuestionKind::Nps => format!("NPS {value:+.0}"),
        QuestionKind::Csat => format!("CSAT {value:.1} %"),
        QuestionKind::Ces => format!("CES {value:.1}"),
        QuestionKind::Open | QuestionKind::Poll => String::new(),
    }
}

/// One question asked from the room, ready to lay out.
pub struct QuestionSection {
    /// The question as asked.
    pub heading: String,
    /// Its figure and how many answered: "NPS +25 · n = 4 (small n)".
    pub summary: String,
    /// The table's two headings and its rows: score or option or word, and how many.
    pub header: [&'static str; 2],
    pub rows: Vec<[String; 2]>,
}

impl Report {
    fn feeling_word(&self, key: &str) -> String {
        self.feelings
            .iter()
            .find(|f| f.key == key)
            .map_or_else(|| key.to_owned(), |f| f.word.clone())
    }

    fn n_text(&self, n: i64, small: bool) -> String {
        let small = if small {
            format!(" ({})", self.labels.small_n)
        } else {
            String::new()
        };
        format!("n = {n}{small}")
    }

    /// Per stage: designed feelings, felt ones (most picked first, "differs" marked), the
    /// room's and the surveys' figures, and a channel switch into the stage. None when the
    /// workshop has nothing of these.
    pub fn experience_table(&self) -> Option<(Vec<&'static str>, Vec<Vec<String>>)> {
        let labels = self.labels;
        let mut rows = Vec::new();
        for stage in &self.stages {
            let feelings = self.stage_feelings.iter().find(|f| f.stage_id == stage.id);
            let designed = feelings.map_or_else(String::new, |f| {
                f.designed
                    .iter()
                    .map(|key| self.feeling_word(key))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let felt = feelings.map_or_else(String::new, |f| {
                let words: Vec<String> = f
                    .felt
                    .iter()
                    .map(|c| format!("{} \u{d7}{}", self.feeling_word(&c.key), c.count))
                    .collect();
                let differs = if f.disagrees {
                    format!(" \u{2014} {}", labels.differs)
                } else {
                    String::new()
                };
                format!("{}{differs}", words.join(", "))
            });
            let room: Vec<String> = self
                .questions
                .iter()
                .filter(|q| q.question.stage_id.as_deref() == Some(stage.id.as_str()))
                .filter_map(|q| q.figure.as_ref())
                .map(|f| {
                    format!(
                        "{}, {}",
                        figure_text(f.kind, f.value),
                        self.n_text(f.n, f.small_n)
                    )
                })
                .collect();
            let surveys: Vec<String> = self
                .figures
                .iter()
                .filter(|f| f.stage_id == stage.id)
                .map(|f| {
                    let source = if f.source.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", f.source)
                    };
                    format!(
                        "{}, {}{source}",
                        figure_text(f.kind, f.value),
                        self.n_text(f.n, f.small_n())
                    )
                })
                .collect();
            let mut switch: Vec<String> = self
                .switches
                .iter()
                .filter(|s| s.to_stage_id == stage.id)
                .map(|s| format!("{} \u{2192} {}", s.from.join(", "), s.to.join(", ")))
                .collect();
            if stage.explain_again {
                switch.push(labels.explain_again.to_owned());
            }
            let cells = [
                designed,
                felt,
                room.join("; "),
                surveys.join("; "),
                switch.join("; "),
            ];
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let mut row = vec![format!("{}. {}", stage.position + 1, stage.title)];
            row.extend(cells);
            rows.push(row);
        }
        if rows.is_empty() {
            return None;
        }
        Some((
            vec![
                labels.stage,
                labels.designed_feelings,
                labels.felt_feelings,
                labels.room_figures,
                labels.survey_figures,
                labels.channel_switch,
            ],
            rows,
        ))
    }

    /// The facilitator's text lanes that hold anything: (lane title, [(stage, text)]).
    pub fn text_lanes(&self) -> Vec<(String, Vec<[String; 2]>)> {
        self.lanes
            .iter()
            .filter(|lane| lane.kind == LaneKind::Text)
            .filter_map(|lane| {
                let rows: Vec<[String; 2]> = self
                    .stages
                    .iter()
                    .filter_map(|stage| {
                        let cell = self
                            .cells
                            .iter()
                            .find(|c| c.lane_id == lane.id && c.stage_id == stage.id)?;
                        (!cell.text.is_empty()).then(|| {
                            [
                                format!("{}. {}", stage.position + 1, stage.title),
                                cell.text.clone(),
                            ]
                        })
                    })
                    .collect();
                (!rows.is_empty()).then(|| (lane.title.clone(), rows))
            })
            .collect()
    }

    /// Every question asked from the room that has answers, oldest first.
    pub fn question_sections(&self) -> Vec<QuestionSection> {
        let labels = self.labels;
        self.questions
            .iter()
            .filter(|q| q.n > 0)
            .map(|result| {
                let question = &result.question;
                let about = question
                    .stage_id
                    .as_deref()
                    .map(|id| format!(" \u{b7} {}", self.stage_title(Some(id))))
                    .unwrap_or_default();
                let figure = result
                    .figure
                    .as_ref()
                    .map(|f| format!("{} \u{b7} ", figure_text(f.kind, f.value)))
                    .unwrap_or_default();
                let small =
                    result.n < crate::metrics::SMALL_N && question.kind.score_range().is_some();
                let summary = format!("{figure}{}{about}", self.n_text(result.n, small));
                let (header, rows) = match question.kind {
                    QuestionKind::Open => (
                        [labels.word, labels.answers],
                        result
                            .words
                            .iter()
                            .map(|w| [w.word.clone(), w.count.to_string()])
                            .collect(),
                    ),
                    QuestionKind::Poll => (
                        [labels.option, labels.answers],
                        question
                            .options
                            .iter()
                            .zip(&result.counts)
                            .map(|(option, count)| [option.clone(), count.to_string()])
                            .collect(),
                    ),
                    kind => {
                        let low = kind.score_range().map_or(0, |(low, _)| low);
                        (
                            [labels.score, labels.answers],
                            result
                                .counts
                                .iter()
                                .zip(low..)
                                .map(|(count, score)| [score.to_string(), count.to_string()])
                                .collect(),
                        )
                    }
                };
                QuestionSection {
                    heading: question.prompt.clone(),
                    summary,
                    header,
                    rows,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_people_quote_them() {
        assert_eq!(figure_text(QuestionKind::Nps, 25.0), "NPS +25");
        assert_eq!(figure_text(QuestionKind::Nps, -33.3), "NPS -33");
        assert_eq!(figure_text(QuestionKind::Csat, 62.5), "CSAT 62.5 %");
        assert_eq!(figure_text(QuestionKind::Ces, 5.0), "CES 5.0");
    }
}
