import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpBackend, errorFromResponse } from './http';
import { ApiError, type Workshop } from './types';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

const TOKEN = 'test-token-123';
const workshop: Workshop = {
  id: '0193b0c4-0000-7000-8000-000000000001',
  title: 'Hotel day',
  date: '2026-11-23',
  goal: '',
  facilitator: '',
  language: 'en',
  template: 'hotel',
  created_at: '2026-11-23T07:00:00.123Z',
  updated_at: '2026-11-23T07:00:00.123Z',
  trashed_at: null,
  stages: [
    {
      id: 's1',
      workshop_id: '0193b0c4-0000-7000-8000-000000000001',
      position: 0,
      title: 'Browsing',
      description: '',
      pain_points: '',
      opportunities: '',
      channels: [],
      moment_of_truth: false,
      designed_feelings: [],
      explain_again: false,
    },
  ],
};

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

beforeAll(async () => {
  // A tiny stand-in for `fiilis serve`: checks the token, answers a few operations.
  server = createServer(async (req, res) => {
    const text = await readBody(req);
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body,
    });
    const send = (status: number, payload: unknown, raw = false) => {
      res.writeHead(status, { 'Content-Type': raw ? 'text/plain' : 'application/json' });
      res.end(raw ? String(payload) : JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return send(401, { code: 'unauthorized', message: 'missing or wrong token' });
    }
    switch (req.url) {
      case '/api/get_workshop': {
        const id = (body as { id?: string }).id;
        return id === workshop.id
          ? send(200, workshop)
          : send(404, { code: 'not_found', message: `no workshop ${id}` });
      }
      case '/api/create_workshop':
        return send(400, { code: 'invalid_input', message: 'title: must not be empty' });
      case '/api/delete_workshop':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end('null');
      case '/api/list_workshops':
        return send(200, []);
      case '/api/app_info':
        return send(502, 'Bad gateway', true);
      default:
        return send(404, { code: 'unknown_operation', message: 'no such operation' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
});

describe('HttpBackend', () => {
  const backend = () => new HttpBackend({ baseUrl, token: () => TOKEN });

  it('POSTs the input as JSON to /api/<op> with the bearer token', async () => {
    const result = await backend().call('get_workshop', { id: workshop.id });
    expect(result).toEqual(workshop);
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].url).toBe('/api/get_workshop');
    expect(seen[0].authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0].contentType).toMatch(/^application\/json/);
    expect(seen[0].body).toEqual({ id: workshop.id });
  });

  it('sends {} for an operation without input and accepts an empty list', async () => {
    await expect(backend().call('list_workshops', {})).resolves.toEqual([]);
    expect(seen[0].body).toEqual({});
  });

  it('returns null for a `null` result', async () => {
    await expect(backend().call('delete_workshop', { id: workshop.id })).resolves.toBeNull();
  });

  it('maps a {code, message} error body to ApiError', async () => {
    const err = await backend()
      .call('get_workshop', { id: 'nope' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('not_found');
    expect((err as ApiError).message).toBe('no workshop nope');

    const invalid = await backend()
      .call('create_workshop', { title: '' })
      .catch((e: unknown) => e);
    expect((invalid as ApiError).code).toBe('invalid_input');
  });

  it('reports a missing or wrong token as `unauthorized`', async () => {
    const noToken = new HttpBackend({ baseUrl, token: () => null });
    const err = await noToken.call('list_workshops', {}).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('unauthorized');
    expect(seen[0].authorization).toBeUndefined();

    const wrong = new HttpBackend({ baseUrl, token: () => 'wrong' });
    await expect(wrong.call('list_workshops', {})).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('maps an error without a JSON body to an http_<status> code', async () => {
    await expect(backend().call('app_info', {})).rejects.toMatchObject({ code: 'http_502', message: 'Bad gateway' });
  });

  it('maps a network failure to code `network`', async () => {
    // Bind a port, then close it, so nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const offline = new HttpBackend({ baseUrl: `http://127.0.0.1:${port}`, token: () => TOKEN });
    const err = await offline.call('list_workshops', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('network');
  });

  it('tolerates a trailing slash in the base URL', async () => {
    const b = new HttpBackend({ baseUrl: `${baseUrl}/`, token: () => TOKEN });
    await b.call('list_workshops', { trashed: true, search: 'hotel' });
    expect(seen[0].url).toBe('/api/list_workshops');
    expect(seen[0].body).toEqual({ trashed: true, search: 'hotel' });
  });
});

describe('errorFromResponse', () => {
  it('prefers the JSON body', () => {
    const err = errorFromResponse(409, JSON.stringify({ code: 'in_trash', message: 'restore first' }));
    expect(err.code).toBe('in_trash');
    expect(err.message).toBe('restore first');
  });

  it('falls back on the status', () => {
    expect(errorFromResponse(401, '').code).toBe('unauthorized');
    expect(errorFromResponse(500, '<html>oops</html>').code).toBe('http_500');
    expect(errorFromResponse(500, '{"unexpected":true}').code).toBe('http_500');
  });
});
