import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACCESS_OPERATIONS, ApiError, CORE_OPERATIONS, DESKTOP_OPERATIONS, KNOWN_ERROR_CODES, OPERATION_NAMES, isKnownErrorCode, toApiError } from './types';

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
    // The phones' codes are documented with the participant API (docs/participant-api.yaml).
    const participantApi = parse(readFileSync(fileURLToPath(new URL('../../../../docs/participant-api.yaml', import.meta.url)), 'utf8')) as {
      components: { schemas: { Error: { properties: { code: { enum: string[] } } } } };
    };
    const phones = participantApi.components.schemas.Error.properties.code.enum;
    expect(phones.length).toBeGreaterThan(0);
    for (const code of phones) expect(isKnownErrorCode(code), code).toBe(true);
    const ui = KNOWN_ERROR_CODES.filter((c) => c !== 'network');
    expect([...ui].sort()).toEqual([...new Set([...table, ...phones])].sort());
  });
});

describe('the generated types', () => {
  it('list the desktop shell’s commands after core’s and participant access’s', () => {
    expect(OPERATION_NAMES).toEqual([...CORE_OPERATIONS, ...ACCESS_OPERATIONS, ...DESKTOP_OPERATIONS]);
    expect(new Set(OPERATION_NAMES).size).toBe(OPERATION_NAMES.length);
  });

  it('make comparing ApiError.code with a code that does not exist a compile error', () => {
    const err = new ApiError('nothing_to_undo', 'nothing to undo');
    expect(err.code === 'nothing_to_undo').toBe(true);
    expect(err.code === 'http_413').toBe(false);
    expect(err.code === 'unknown').toBe(false);
    // svelte-check compiles this file: the comparison below must not type-check.
    // @ts-expect-error 'no_such_code' is not an error code
    expect(err.code === 'no_such_code').toBe(false);
    // @ts-expect-error nor may an ApiError be made with one
    const invented = new ApiError('no_such_code', '');
    expect(invented).toBeInstanceOf(ApiError);
  });

  it('turn a code this UI does not know into `unknown`, keeping the message', () => {
    const err = toApiError({ code: 'no_such_code', message: 'from a newer backend' });
    expect(err.code).toBe('unknown');
    expect(err.message).toBe('from a newer backend');
    expect(toApiError({ code: 'rate_limited', message: 'slow down' }).code).toBe('rate_limited');
  });
});
