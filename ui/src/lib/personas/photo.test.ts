import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { contrast } from '../journey/chart';
import { AVATAR_COLOURS } from '../backend/types';
import { AVATAR_FILL } from './avatar';
import { PHOTO_MAX_BYTES, bytesToBase64, fileToBase64, initials, photoProblem } from './photo';

describe('bytesToBase64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const enc = (s: string) => bytesToBase64(new TextEncoder().encode(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('Zg==');
    expect(enc('fo')).toBe('Zm8=');
    expect(enc('foo')).toBe('Zm9v');
    expect(enc('foob')).toBe('Zm9vYg==');
    expect(enc('fooba')).toBe('Zm9vYmE=');
    expect(enc('foobar')).toBe('Zm9vYmFy');
  });

  it('encodes every byte value, and large files across chunk boundaries, like Node does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString('base64'));
    for (const n of [12288, 12289, 12290, 100_001]) {
      const big = Uint8Array.from({ length: n }, (_, i) => (i * 7919) & 255);
      expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    }
  });

  it('reads a file (Blob) into base64', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await fileToBase64(new Blob([png], { type: 'image/png' }))).toBe('iVBORw0KGgo=');
  });
});

describe('photoProblem', () => {
  it('accepts PNG, JPEG and WebP up to 10 MB', () => {
    expect(photoProblem({ type: 'image/png', size: 10, name: 'a.png' })).toBeNull();
    expect(photoProblem({ type: 'image/jpeg', size: PHOTO_MAX_BYTES, name: 'a.jpg' })).toBeNull();
    expect(photoProblem({ type: 'image/webp', size: 10, name: 'a.webp' })).toBeNull();
    expect(photoProblem({ type: '', size: 10, name: 'A.JPEG' })).toBeNull();
  });

  it('refuses other files, empty ones and too large ones', () => {
    expect(photoProblem({ type: 'image/gif', size: 10, name: 'a.gif' })).toBe('not_image');
    expect(photoProblem({ type: 'text/plain', size: 10, name: 'a.png' })).toBe('not_image');
    expect(photoProblem({ type: '', size: 10, name: 'notes.txt' })).toBe('not_image');
    expect(photoProblem({ type: 'image/png', size: PHOTO_MAX_BYTES + 1, name: 'a.png' })).toBe('too_large');
    expect(photoProblem({ type: 'image/png', size: 0, name: 'a.png' })).toBe('empty');
  });
});

describe('avatars', () => {
  it('use up to two initials of the name', () => {
    expect(initials('Maija, 38')).toBe('M');
    expect(initials('Jukka Virtanen')).toBe('JV');
    expect(initials('Anna-Liisa de la Cruz')).toBe('AC');
    expect(initials('  ')).toBe('?');
    expect(initials('Äijä Öörni')).toBe('ÄÖ');
  });

  it('have a fill for every avatar colour, with white initials at 4.5:1 or more', () => {
    expect(Object.keys(AVATAR_FILL).sort()).toEqual([...AVATAR_COLOURS].sort());
    for (const fill of Object.values(AVATAR_FILL)) expect(contrast('#ffffff', fill), fill).toBeGreaterThanOrEqual(4.5);
  });
});
