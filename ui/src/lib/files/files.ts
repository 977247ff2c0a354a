// Pure helpers of export and import (no Svelte, no backend): the formats a facilitator can
// export, the file names they get, decoding the PDF the HTTP API sends as base64, and counting
// what a merge added. Unit-tested in files.test.ts.
import { FILE_SUFFIX as GENERATED_SUFFIX } from '../backend/generated';
import type { Change, Paper, SaveExportInput } from '../backend/types';

/** What the Export menu offers; `json` is the workshop file, `svg` the emotion chart. */
export type ExportFormat = SaveExportInput['format'];

export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/** In menu order: reports first, then the chart, then the file that moves the workshop. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['pdf', 'html', 'md', 'csv', 'svg', 'json'];

/** What the file name ends with, as `save_export` suggests it on the desktop (core says it). */
export const FILE_SUFFIX = GENERATED_SUFFIX as Record<ExportFormat, string>;

export const MIME_TYPE: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html;charset=utf-8',
  md: 'application/zip',
  csv: 'text/csv;charset=utf-8',
  svg: 'image/svg+xml;charset=utf-8',
  json: 'application/json;charset=utf-8',
  changes: 'application/json;charset=utf-8',
};

/** The longest file name stem kept: well within the 255 bytes most file systems allow, in UTF-8. */
const MAX_STEM = 80;

// Windows refuses these as names whatever the extension; a file may travel there on a stick.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A workshop title as a file name stem that every common file system accepts: no path
 * separators, no characters Windows forbids, no control characters, no leading or trailing
 * dots and spaces; `fallback` when nothing is left.
 */
export function safeFileStem(title: string, fallback = 'workshop'): string {
  let stem = title
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[/\\:*?"<>|]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if ([...stem].length > MAX_STEM) stem = [...stem].slice(0, MAX_STEM).join('').replace(/[\s.]+$/, '');
  if (!stem) return fallback;
  if (RESERVED.test(stem)) return `${stem}_`;
  return stem;
}

/** The suggested name of `format` exported from the workshop titled `title`. */
export function exportFileName(title: string, format: ExportFormat): string {
  return safeFileStem(title) + FILE_SUFFIX[format];
}

/** The bytes of a base64 string (the PDF or zip `export_report` returns); throws on anything else. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The formats that arrive as base64: the PDF, and the Markdown zipped with its chart and photos. */
const BINARY: ReadonlySet<ExportFormat> = new Set(['pdf', 'md']);

/** The exported content as a Blob ready to download: binary formats arrive as base64, the rest as text. */
export function exportBlob(format: ExportFormat, content: string): Blob {
  const part = BINARY.has(format) ? base64ToBytes(content) : content;
  return new Blob([part], { type: MIME_TYPE[format] });
}

// Tables of a Change that record settings or the room rather than things a file brings in.
const NOT_ADDED = new Set(['journey_settings', 'room', 'round_done']);

/** How many rows a merge added (or brought up to date): every upserted row of content, per table. */
export function countAdded(change: Pick<Change, 'upserted'>): { total: number; notes: number } {
  let total = 0;
  for (const [table, rows] of Object.entries(change.upserted)) {
    if (!NOT_ADDED.has(table) && Array.isArray(rows)) total += rows.length;
  }
  return { total, notes: change.upserted.notes?.length ?? 0 };
}

/** Whether a file looks like a workshop file by its name: only `.json` files are offered for import. */
export function isWorkshopFileName(name: string): boolean {
  return /\.json$/i.test(name.trim());
}

/** The last part of a path, for messages ("Saved Hotel day.pdf"); either separator. */
export function baseName(path: string): string {
  const parts = path.split(/[/\\]/).filter((p) => p !== '');
  return parts.at(-1) ?? path;
}

/** The paper a PDF gets unless the facilitator chose: A4, the size used in Finland and most of the world. */
export function initialPaper(stored: string | null | undefined): Paper {
  return stored === 'letter' ? 'letter' : 'a4';
}

/** The largest workshop file the backend reads (docs/workshop-format.md). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type FilesShortcut = 'export_menu' | 'export_pdf' | 'import';

/** Ctrl/⌘+E opens the Export menu, Ctrl/⌘+Shift+E makes the PDF at once, Ctrl/⌘+O imports. */
export function filesShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): FilesShortcut | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'e') return event.shiftKey ? 'export_pdf' : 'export_menu';
  if (key === 'o' && !event.shiftKey) return 'import';
  return null;
}

/** The label of a shortcut on this platform, e.g. "Ctrl+Shift+E" or "⇧⌘E". */
export function shortcutLabel(key: string, mac: boolean, shift = false): string {
  if (mac) return `${shift ? '⇧' : ''}⌘${key}`;
  return `Ctrl+${shift ? 'Shift+' : ''}${key}`;
}
