// Reading a photo in the browser (a persona's, an image lane's, a photo note's, the report's
// logo): the file's bytes, base64-encoded for the backend. The backend checks that it really
// is an image; these checks only give a quick, clear message before a large upload, and the
// words for what went wrong are said here once for every place that sends a photo.
import { ApiError } from '../backend/types';
import { errorMessage, t } from '../i18n/i18n.svelte';

export const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const PHOTO_ACCEPT = PHOTO_TYPES.join(',');
/** The backend's limit for the file itself (docs/api.md, set_persona_photo). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648, with padding) of any bytes, in chunks so large files never blow the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let out = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
    }
    if (end - i === 1) {
      const n = bytes[i] << 16;
      out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + '==';
    } else if (end - i === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '=';
    }
    parts.push(out);
  }
  return parts.join('');
}

export type PhotoProblem = 'not_image' | 'too_large' | 'empty';

/** A quick check before reading: the backend has the last word (it looks at the bytes). */
export function photoProblem(file: { type: string; size: number; name: string }): PhotoProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > PHOTO_MAX_BYTES) return 'too_large';
  const type = file.type.toLowerCase();
  const byName = /\.(png|jpe?g|webp)$/i.test(file.name);
  if (type ? !(PHOTO_TYPES as readonly string[]).includes(type) : !byName) return 'not_image';
  return null;
}

/** Why `file` cannot be sent as a photo, in words; null when it may. */
export function photoRefusal(file: { type: string; size: number; name: string }): string | null {
  const problem = photoProblem(file);
  if (!problem) return null;
  return problem === 'too_large' ? t('photo_too_large', { max: Math.round(PHOTO_MAX_BYTES / 1024 / 1024) }) : t('photo_not_image');
}

/** What went wrong sending a photo, in words: the server's body limit said plainly (HTTP 413), else the backend's reason. */
export function photoSendError(err: unknown): string {
  return err instanceof ApiError && (err.code === 'http_413' || err.code === 'payload_too_large') ? t('photo_too_large_to_send') : errorMessage(err);
}

/** The file's contents as base64. */
export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Up to two initials of a name, for the generated avatar ("Maija, 38" → "M", "Jukka Virtanen" → "JV"). */
export function initials(name: string): string {
  const words = name
    .replace(/[,(].*$/, '')
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length > 0);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
  return (first + last).toUpperCase();
}
