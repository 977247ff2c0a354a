// Gathers the figures `make bench` wrote to target/bench/*.json into target/bench/results.json
// and docs/benchmarks.md, each next to its baseline from the same run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const read = (name) => {
  const path = `target/bench/${name}.json`;
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};
const commit = read('commit');
const board = read('board');
writeFileSync('target/bench/results.json', JSON.stringify({ commit, board }, null, 2));

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
  lines.push('## The board in the browser', '', '```json', JSON.stringify(board, null, 2), '```', '');
}
writeFileSync('docs/benchmarks.md', `${lines.join('\n')}\n`);
console.log('wrote docs/benchmarks.md and target/bench/results.json');
