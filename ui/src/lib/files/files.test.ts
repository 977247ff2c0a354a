import { describe, expect, it } from 'vitest';
import { emptyRows } from '../backend/fixtures';
import {
  EXPORT_FORMATS,
  baseName,
  base64ToBytes,
  countAdded,
  exportBlob,
  exportFileName,
  filesShortcut,
  initialPaper,
  isWorkshopFileName,
  safeFileStem,
  shortcutLabel,
} from './files';

describe('file names', () => {
  it('suggest the same names as the desktop save dialog', () => {
    expect(exportFileName('Hotel day', 'pdf')).toBe('Hotel day.pdf');
    expect(exportFileName('Hotel day', 'html')).toBe('Hotel day.html');
    expect(exportFileName('Hotel day', 'md')).toBe('Hotel day-markdown.zip');
    expect(exportFileName('Hotel day', 'csv')).toBe('Hotel day.csv');
    expect(exportFileName('Hotel day', 'json')).toBe('Hotel day.fiilis.json');
    expect(exportFileName('Hotel day', 'svg')).toBe('Hotel day-emotions.svg');
  });

  it('keep letters of every language, and drop what file systems refuse', () => {
    expect(safeFileStem('Työpaja: äiti/isä & "lapset"?')).toBe('Työpaja- äiti-isä & -lapset--');
    expect(safeFileStem('a\\b<c>d|e*f')).toBe('a-b-c-d-e-f');
    expect(safeFileStem('line\nbreak\ttab\u0000nul')).toBe('line break tab nul');
    expect(safeFileStem('  ..hidden..  ')).toBe('hidden');
    expect(safeFileStem('../../etc/passwd')).toBe('-..-etc-passwd');
  });

  it('never give an empty, reserved or overlong name', () => {
    expect(safeFileStem('')).toBe('workshop');
    expect(safeFileStem(' . . ')).toBe('workshop');
    expect(exportFileName('///', 'pdf')).toBe('---.pdf');
    expect(safeFileStem('CON')).toBe('CON_');
    expect(safeFileStem('lpt1')).toBe('lpt1_');
    const long = safeFileStem('ä'.repeat(300));
    expect([...long].length).toBe(80);
    expect(safeFileStem(`${'x'.repeat(79)} tail`)).toBe('x'.repeat(79));
  });

  it('take the last part of a path', () => {
    expect(baseName('/home/aino/Documents/Hotel day.pdf')).toBe('Hotel day.pdf');
    expect(baseName('C:\\Users\\aino\\Hotel day.pdf')).toBe('Hotel day.pdf');
    expect(baseName('plain.json')).toBe('plain.json');
  });

  it('offer only .json files for import', () => {
    expect(isWorkshopFileName('Hotel day.fiilis.json')).toBe(true);
    expect(isWorkshopFileName('EXPORT.JSON')).toBe(true);
    expect(isWorkshopFileName('photo.png')).toBe(false);
    expect(isWorkshopFileName('report.json.pdf')).toBe(false);
  });
});

describe('downloads', () => {
  it('decode base64 to the exact bytes', () => {
    expect([...base64ToBytes('JVBERi0x')]).toEqual([...'%PDF-1'].map((c) => c.charCodeAt(0)));
    expect([...base64ToBytes('AP8A\n/w==')]).toEqual([0, 255, 0, 255]);
    expect(base64ToBytes('').length).toBe(0);
    expect(() => base64ToBytes('not base64!')).toThrow();
  });

  it('make a PDF blob of bytes and text blobs of text', async () => {
    const pdf = exportBlob('pdf', 'JVBERi0x');
    expect(pdf.type).toBe('application/pdf');
    expect(await pdf.text()).toBe('%PDF-1');
    const csv = exportBlob('csv', '\ufeffNote\n"ä"');
    expect(csv.type).toMatch(/^text\/csv/);
    expect([...new Uint8Array(await csv.arrayBuffer())].slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('list the formats in menu order', () => {
    expect(EXPORT_FORMATS).toEqual(['pdf', 'html', 'md', 'csv', 'svg', 'json']);
  });

  it('start with A4 unless Letter was chosen', () => {
    expect(initialPaper(null)).toBe('a4');
    expect(initialPaper('a4')).toBe('a4');
    expect(initialPaper('junk')).toBe('a4');
    expect(initialPaper('letter')).toBe('letter');
  });
});

describe('countAdded', () => {
  const empty = { notes: [], clusters: [] };

  it('counts every upserted row of content', () => {
    const change = {
      upserted: {
        ...empty,
        notes: [{}, {}, {}],
        stages: [{}],
        personas: [{}, {}],
        ratings: [{}],
      },
    } as never;
    expect(countAdded(change)).toEqual({ total: 7, notes: 3 });
  });

  it('ignores settings and the room, and finds nothing in an empty change', () => {
    const change = { upserted: { ...empty, journey_settings: [{}], room: [{}], round_done: [{}] } } as never;
    expect(countAdded(change)).toEqual({ total: 0, notes: 0 });
    expect(countAdded({ upserted: emptyRows() })).toEqual({ total: 0, notes: 0 });
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

  it('maps Ctrl/⌘+E, Ctrl+Shift+E and Ctrl+O', () => {
    expect(filesShortcut(key('e', { ctrlKey: true }))).toBe('export_menu');
    expect(filesShortcut(key('E', { metaKey: true, shiftKey: true }))).toBe('export_pdf');
    expect(filesShortcut(key('o', { ctrlKey: true }))).toBe('import');
  });

  it('leaves other keys alone', () => {
    expect(filesShortcut(key('e'))).toBeNull();
    expect(filesShortcut(key('e', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(filesShortcut(key('O', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(filesShortcut(key('s', { ctrlKey: true }))).toBeNull();
  });

  it('labels them per platform', () => {
    expect(shortcutLabel('E', false)).toBe('Ctrl+E');
    expect(shortcutLabel('E', false, true)).toBe('Ctrl+Shift+E');
    expect(shortcutLabel('O', true)).toBe('⌘O');
    expect(shortcutLabel('E', true, true)).toBe('⇧⌘E');
  });
});
