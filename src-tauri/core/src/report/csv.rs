//! Every note as CSV, for spreadsheets: UTF-8 with a byte order mark so Excel reads the
//! letters right, CRLF line ends, every cell quoted, and cells that a spreadsheet would run
//! as a formula (starting with `=`, `+`, `-`, `@`, tab, carriage return or NUL) neutralised
//! with a leading apostrophe. NUL is on the list because some importers drop it, which would
//! bring a formula behind it to the front (OWASP ASVS 1.2.10). A text with a direction control
//! is isolated, as in every report (see [`crate::text::isolate`]).

use super::Report;

fn cell(text: &str) -> String {
    let isolated = crate::text::isolate(text);
    let neutral = if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\0']) {
        format!("'{isolated}")
    } else {
        isolated.into_owned()
    };
    format!("\"{}\"", neutral.replace('"', "\"\""))
}

pub(super) fn render(report: &Report) -> String {
    let labels = report.labels;
    let mut out = String::from("\u{feff}");
    let header = [
        labels.note,
        labels.cluster,
        labels.colour,
        labels.author,
        labels.stage,
        labels.persona,
    ];
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    // One column of votes per round, headed by the round's title.
    let rounds: Vec<(String, std::collections::HashMap<&str, i64>)> = report
        .rounds
        .iter()
        .map(|(round, results)| {
            let title = format!("{}: {}", labels.votes, report.round_title(round));
            let votes = results
                .iter()
                .map(|r| (r.note_id.as_str(), r.votes))
                .collect();
            (title, votes)
        })
        .collect();
    let mut titles: Vec<String> = header.iter().map(|h| cell(h)).collect();
    titles.extend(rounds.iter().map(|(title, _)| cell(title)));
    out.push_str(&line(titles));
    for note in &report.notes {
        let mut cells = vec![
            cell(&note.text),
            cell(report.cluster_title(note.cluster_id.as_deref())),
            cell(report.colour_name(&note.colour)),
            cell(report.author_name(note.author_id.as_deref())),
            cell(report.stage_title(note.stage_id.as_deref())),
            cell(report.persona_name(note.persona_id.as_deref())),
        ];
        // Counts are numbers the report made, not text from people: no quoting needed.
        cells.extend(rounds.iter().map(|(_, votes)| {
            votes
                .get(note.id.as_str())
                .copied()
                .unwrap_or(0)
                .to_string()
        }));
        out.push_str(&line(cells));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(cell("=1+1"), "\"'=1+1\"");
        assert_eq!(cell("+358 40"), "\"'+358 40\"");
        assert_eq!(cell("-2"), "\"'-2\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("\0=1+1"), "\"'\0=1+1\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("plain"), "\"plain\"");
    }
}
