import { describe, expect, it } from 'vitest';
import { browserDiagnostics } from './diagnostics';
import { parseRestoreNote } from './restored';

describe('browserDiagnostics', () => {
  const info = { version: '0.3.0', database_path: '/tmp/x/library.db', schema_version: 7 };
  const text = browserDiagnostics(info, { userAgent: 'Mozilla/5.0 Test', language: 'fi', now: '2026-11-23T14:10:00.000Z' });

  it('names the version, schema, library, browser and time, one per line', () => {
    expect(text.split('\n')).toEqual([
      'Fiilis 0.3.0 (browser UI from fiilis serve)',
      'Schema version: 7',
      'Library: /tmp/x/library.db',
      'Browser: Mozilla/5.0 Test',
      'UI language: fi',
      'Made at: 2026-11-23T14:10:00.000Z',
    ]);
  });
});

describe('parseRestoreNote', () => {
  it('reads back what a restore left before the reload', () => {
    const note = { created_at: '2026-11-23T14:10:00Z', safety_backup: 'library-20261123T150000.000Z.db' };
    expect(parseRestoreNote(JSON.stringify(note))).toEqual(note);
  });

  it('ignores anything else', () => {
    expect(parseRestoreNote(null)).toBeNull();
    expect(parseRestoreNote('not json')).toBeNull();
    expect(parseRestoreNote('{"created_at": 5, "safety_backup": "x"}')).toBeNull();
    expect(parseRestoreNote('[]')).toBeNull();
  });
});
