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

const ms = (value) => (value == null ? 'n/a' : `${Number(value).toFixed(2)} ms`);
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
if (board) {
  const b = board.board;
  const base = board.baseline_static_5000_divs;
  const stat = (figure) => ({ median_ms: figure?.median, p95_ms: figure?.p95 });
  lines.push(
    `## The board with ${board.notes} notes in ${board.clusters} clusters (headless Chromium ${board.chromium}, ${board.viewport.width}×${board.viewport.height})`,
    '',
    '| what | median | p95 | baseline in the same run (median / p95) | aim |',
    '| --- | --- | --- | --- | --- |',
    row(
      'open the board until every note in view is painted',
      stat(b.open_to_ready_ms),
      `a static page of ${board.notes} positioned divs, first paint: ${ms(base.first_paint_ms.median)} / ${ms(base.first_paint_ms.p95)}`,
      'no slower than the static page',
    ),
    row(
      'frame interval while panning and zooming',
      stat(b.frame_interval_ms),
      `the static page under the same input: ${ms(base.frame_interval_ms.median)} / ${ms(base.frame_interval_ms.p95)}`,
      '60 fps (16.7 ms)',
    ),
    row(
      'note edit round trip: Enter → HTTP → SQLite commit → the note shows it',
      stat(b.edit_round_trip_ms),
      commit ? `raw single-row SQLite commit: ${ms(commit.raw_sqlite_commit.median_ms)}` : 'n/a',
      'within 2× a raw commit',
    ),
    '',
    `Runs: ${board.runs}. Notes rendered at open (the rest are culled): ${b.notes_rendered_at_open.median}. ` +
      `Frames over 25 ms: ${b.frame_interval_ms.over_25ms_pct} % (static page: ${base.frame_interval_ms.over_25ms_pct} %).`,
    '',
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
const previous = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8') : '';
const kept = previous.search(/^## (Voting under load|Startup)/m);
if (kept >= 0) lines.push(previous.slice(kept).replace(/^Command: `make bench`\.\n*$/m, '').trimEnd(), '');
lines.push('Command: `make bench`.', '');
writeFileSync('docs/benchmarks.md', `${lines.join('\n')}\n`);
console.log('wrote docs/benchmarks.md and target/bench/results.json');
