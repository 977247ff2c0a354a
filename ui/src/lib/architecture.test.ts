// Static rules of the UI code base: one importer of @tauri-apps, no HTML injection, no eval.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|svelte|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const sources = files(src).map((path) => ({ path: relative(src, path), text: readFileSync(path, 'utf8') }));

describe('UI source rules', () => {
  it('finds the sources', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it('only lib/backend/ipc.ts imports @tauri-apps/*', () => {
    const importers = sources.filter((f) => /from\s+['"]@tauri-apps\//.test(f.text) || /import\(['"]@tauri-apps\//.test(f.text));
    expect(importers.map((f) => f.path)).toEqual(['lib/backend/ipc.ts']);
  });

  it('never renders HTML from strings', () => {
    for (const f of sources) {
      expect(f.text, f.path).not.toMatch(/\{@html/);
      expect(f.text, f.path).not.toMatch(/\.(innerHTML|outerHTML)\s*=/);
      expect(f.text, f.path).not.toMatch(/insertAdjacentHTML|document\.write/);
    }
  });

  it('uses no eval or string-compiled code (the CSP forbids it)', () => {
    for (const f of sources) {
      expect(f.text, f.path).not.toMatch(/\beval\(|new Function\(/);
    }
  });

  it('loads nothing from other origins', () => {
    const html = readFileSync(join(src, '..', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const f of [...sources, { path: 'index.html', text: html }, { path: 'app.css', text: readFileSync(join(src, 'app.css'), 'utf8') }]) {
      expect(f.text, f.path).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    }
  });
});
