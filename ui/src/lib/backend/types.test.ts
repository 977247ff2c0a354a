import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiError, KNOWN_ERROR_CODES, OPERATION_NAMES, isKnownErrorCode, toApiError } from './types';

describe('toApiError', () => {
  it('keeps an ApiError as it is', () => {
    const err = new ApiError('not_found', 'no such workshop');
    expect(toApiError(err)).toBe(err);
  });

  it('converts the {code, message} object Tauri rejects with', () => {
    const err = toApiError({ code: 'in_trash', message: 'restore it first' });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('in_trash');
    expect(err.message).toBe('restore it first');
  });

  it('uses the code as message when the message is missing', () => {
    expect(toApiError({ code: 'storage' }).message).toBe('storage');
  });

  it('wraps plain strings (Tauri’s own failures) and Errors as code "unknown"', () => {
    const fromString = toApiError('Command get_workshop not allowed by ACL');
    expect(fromString.code).toBe('unknown');
    expect(fromString.message).toContain('not allowed');
    const fromError = toApiError(new TypeError('boom'));
    expect(fromError.code).toBe('unknown');
    expect(fromError.message).toBe('boom');
    expect(toApiError(undefined).code).toBe('unknown');
  });
});

describe('the contract in docs/api.md', () => {
  const apiMd = readFileSync(fileURLToPath(new URL('../../../../docs/api.md', import.meta.url)), 'utf8');

  it('lists exactly the operations the UI knows', () => {
    const section = apiMd.slice(apiMd.indexOf('## Operations'));
    const documented = [...section.matchAll(/^### ([a-z_]+)\s*$/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(0);
    expect([...OPERATION_NAMES].sort()).toEqual([...documented].sort());
  });

  it('documents every error code the UI translates (plus the UI’s own `network`)', () => {
    const table = [...apiMd.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(table.length).toBeGreaterThan(0);
    for (const code of table) expect(isKnownErrorCode(code), code).toBe(true);
    const ui = KNOWN_ERROR_CODES.filter((c) => c !== 'network');
    expect([...ui].sort()).toEqual([...table].sort());
  });
});
