// target/bench/results.json: every benchmark's figures in one machine-readable file. Each
// benchmark script merges its own entry, so one can be rerun alone without losing the others.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'bench', 'results.json');

export function recordResults(entries) {
  mkdirSync(dirname(RESULTS), { recursive: true });
  const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
  writeFileSync(RESULTS, `${JSON.stringify({ ...results, ...entries }, null, 2)}\n`);
}
