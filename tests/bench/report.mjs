// Gathers the figures the core and board benchmarks wrote to target/bench/*.json into
// target/bench/results.json and docs/benchmarks.md, each next to its baseline from the same run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { recordResults } from './results.mjs';

const read = (name) => {
  const path = `target/bench/${name}.json`;
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};
const commit = read('commit');
const board = read('board');
const exported = read('export');
recordResults({ commit, board, export: exported });

// Core timings to a hundredth of a millisecond; the browser's come to a tenth (`digits` 1).
const ms = (value, digits = 2) => (value == null ? 'n/a' : `${Number(value).toFixed(digits)} ms`);
const row = (what, figure, baseline, aim) =>
  `| ${what} | ${ms(figure?.median_ms)} | ${ms(figure?.p95_ms)} | ${baseline} | ${aim} |`;

const lines = [
  '# Benchmarks',
  '',
  'Produced by `make bench` (release build, headless Debian Chromium) on the development',
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}. Each figure is the median (and 95th`,
  'percentile) over the runs stated, with its baseline measured in the same run. Figures vary',
  'between machines; compare a figure with its baseline, not with another machine.',
  '',
];
if (commit) {
  lines.push(
    `## Saving a note edit (${commit.notes} notes on the board)`,
    '',
    '| what | median | p95 | baseline (median) | aim |',
    '| --- | --- | --- | --- | --- |',
    row(
      'core `update_notes`: one note, with its undo step',
      commit.core_update_note,
      `raw single-row SQLite commit, same pragmas: ${ms(commit.raw_sqlite_commit.median_ms)}`,
      'within 2× the raw commit (with the UI round trip, below)',
    ),
    '',
    `Runs: ${commit.core_update_note.runs} each.`,
    '',
  );
}
// What was written by hand under the board's table (how each change was measured, what was
// tried) stays when the table is written again: it is the text after this line.
const KEEP = '<!-- report.mjs writes the table above; the notes below are kept when it runs again -->';
const previous = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8') : '';
const keptNotes = (heading) => {
  const at = previous.search(new RegExp(`^## ${heading}`, 'm'));
  if (at < 0) return '';
  const section = previous.slice(at);
  const next = section.slice(3).search(/^## /m);
  const body = next < 0 ? section : section.slice(0, next + 3);
  const mark = body.indexOf(KEEP);
  return mark < 0 ? '' : body.slice(mark + KEEP.length).trim();
};
if (board) {
  const b = board.board;
  const base = board.baseline_static_5000_divs;
  const pair = (figure) => `${ms(figure?.median, 1)} / ${ms(figure?.p95, 1)}`;
  const line = (what, figure, baseline, aim) => `| ${what} | ${ms(figure?.median, 1)} | ${ms(figure?.p95, 1)} | ${baseline} | ${aim} |`;
  const notes = keptNotes('The board ');
  lines.push(
    `## The board with ${board.notes} notes in ${board.clusters} sections (headless Chromium ${board.chromium}, ${board.viewport.width}×${board.viewport.height})`,
    '',
    `Measured on ${board.date.slice(0, 10)} by \`tests/bench/board.mjs\`: ${board.runs} runs, ${b.edit_round_trip_ms.n / board.runs} edits a run.`,
    '',
    '| what | median | p95 | baseline in the same run (median / p95) | aim |',
    '| --- | --- | --- | --- | --- |',
    line(
      'open the board until every note in view is painted',
      b.open_to_ready_ms,
      `a static page of ${board.notes} positioned divs, first paint: ${pair(base.first_paint_ms)}`,
      'no slower than the static page, and ≤ 936 ms',
    ),
    line(
      'frame interval while panning and zooming',
      b.frame_interval_ms,
      `the static page under the same input: ${pair(base.frame_interval_ms)}`,
      '60 fps (p95 16.7 ms)',
    ),
    line(
      'note edit round trip: Enter → HTTP → SQLite commit → the note shows it',
      b.edit_round_trip_ms,
      `the \`update_notes\` request alone, timed in the page: ${pair(b.edit_http_request_ms)}`,
      'p95 ≤ 16 ms',
    ),
    '',
    `Per run, the frame interval p95: ${b.frame_interval_p95_per_run_ms.join(', ')} ms (the static page's: ${base.frame_interval_p95_per_run_ms.join(', ')} ms). ` +
      `Frames over 25 ms: ${b.frame_interval_ms.over_25ms_pct} % (static page: ${base.frame_interval_ms.over_25ms_pct} %). ` +
      `Notes rendered at open (the rest are culled): ${b.notes_rendered_at_open.median}.`,
    '',
    KEEP,
    '',
    ...(notes ? [notes, ''] : []),
  );
}
if (exported) {
  const f = exported.figures;
  const line = (what, figure, aim) => `| ${what} | ${ms(figure?.median_ms)} | ${aim} |`;
  lines.push(
    `## Exports and import (${exported.notes} notes, ${exported.stages} stages, ${exported.personas_with_photos} personas with photos, ${exported.voting_rounds} voting rounds; the file is ${(exported.file_bytes / 1024 / 1024).toFixed(1)} MB)`,
    '',
    `Baseline in the same run: serde_json writing the same data, ${ms(f.baseline_serde_json_same_data.median_ms)}.`,
    '',
    '| what | median | aim |',
    '| --- | --- | --- |',
    line('HTML report (self-contained)', f.html, 'well under a second'),
    line('Markdown report', f.md, ''),
    line('CSV of every note', f.csv, ''),
    line('PDF report, A4 (fonts embedded, charts as vectors)', f.pdf_a4, 'a few seconds'),
    line('PDF report, Letter', f.pdf_letter, 'a few seconds'),
    line('emotion chart SVG', f.svg_chart, ''),
    line('workshop file (JSON), gathered and written', f.json_export, 'well under a second'),
    line('workshop file imported as a new workshop', f.json_import, ''),
    '',
    `Runs: ${f.html.runs} each.`,
    '',
  );
}
// The voting and startup scripts write their own sections; rerunning this one keeps them.
const kept = previous.search(/^## (Voting under load|Startup)/m);
if (kept >= 0) lines.push(previous.slice(kept).replace(/^Command: `make bench`\.\n*$/m, '').trimEnd(), '');
lines.push('Command: `make bench`.', '');
writeFileSync('docs/benchmarks.md', `${lines.join('\n')}\n`);
console.log('wrote docs/benchmarks.md and target/bench/results.json');
