import { describe, expect, it } from 'vitest';
import { folderOf, formatBackupTime, formatBytes } from './format';

describe('formatBackupTime', () => {
  it('shows the date and the time to the second, in the UI language', () => {
    expect(formatBackupTime('2026-11-23T14:10:05.123Z', 'en', 'UTC')).toBe('Nov 23, 2026, 2:10:05 PM');
    expect(formatBackupTime('2026-11-23T14:10:05.123Z', 'fi', 'UTC')).toBe('23.11.2026 klo 14.10.05');
  });

  it('tells apart two backups made in the same minute', () => {
    const a = formatBackupTime('2026-01-01T00:00:01Z', 'fi', 'UTC');
    const b = formatBackupTime('2026-01-01T00:00:31Z', 'fi', 'UTC');
    expect(a).not.toBe(b);
  });

  it('shows an unparseable timestamp as it is', () => {
    expect(formatBackupTime('yesterday', 'en')).toBe('yesterday');
  });
});

describe('formatBytes', () => {
  it('uses decimal units, one decimal below ten', () => {
    expect(formatBytes(0, 'en')).toBe('0 bytes');
    expect(formatBytes(512, 'en')).toBe('512 bytes');
    expect(formatBytes(48_230, 'en')).toBe('48 kB');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
    expect(formatBytes(3_400_000_000, 'en')).toBe('3.4 GB');
  });

  it('speaks Finnish', () => {
    expect(formatBytes(1_234_567, 'fi')).toBe('1,2 Mt');
    expect(formatBytes(1, 'fi')).toBe('1 tavu');
  });

  it('treats nonsense as nothing', () => {
    expect(formatBytes(-5, 'en')).toBe('0 bytes');
    expect(formatBytes(Number.NaN, 'en')).toBe('0 bytes');
  });
});

describe('folderOf', () => {
  it('is the folder of the library file, on any platform', () => {
    expect(folderOf('/home/aino/.local/share/fi.fiilis.workshops/library.db')).toBe('/home/aino/.local/share/fi.fiilis.workshops');
    expect(folderOf('C:\\Users\\Aino\\Fiilis\\library.db')).toBe('C:\\Users\\Aino\\Fiilis');
    expect(folderOf('/library.db')).toBe('/');
    expect(folderOf('library.db')).toBe('');
  });
});
