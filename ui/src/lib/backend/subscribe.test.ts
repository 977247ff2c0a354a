// The HTTP backend's live changes against a real (tiny) node:http server that streams
// `text/event-stream`, as `fiilis serve` does at GET /api/events.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { note } from '../board/fixtures';
import { changeOf } from './fixtures';
import { HttpBackend } from './http';
import type { Change } from './types';

const TOKEN = 'stream-token';

const change = (revision: number, text = `note ${revision}`): Change =>
  changeOf(
    'w1',
    revision,
    { notes: [note(`n${revision}`, { workshop_id: 'w1', text })] },
    {},
    { undo: 'create_notes' },
  );

interface Connection {
  req: IncomingMessage;
  res: ServerResponse;
  closed: Promise<void>;
}

let server: Server;
let baseUrl: string;
let connections: Connection[] = [];
let onConnection: (c: Connection, index: number) => void | Promise<void> = () => {};
let refused = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/api/events' || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      refused++;
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'unauthorized', message: 'missing or wrong token' }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.flushHeaders();
    const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
    const c = { req, res, closed };
    connections.push(c);
    void onConnection(c, connections.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  connections = [];
  refused = 0;
  onConnection = () => {};
});

async function until(check: () => boolean, what: string, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const backend = (token = TOKEN) => new HttpBackend({ baseUrl, token: () => token, backoff: () => 20 });

describe('HttpBackend.subscribe', () => {
  it('streams changes with the bearer token, including an event split across chunks', async () => {
    onConnection = async ({ res }) => {
      res.write(': connected\n\n');
      res.write(`data: ${JSON.stringify(change(1))}\n\n`);
      const second = `data: ${JSON.stringify(change(2, 'Hyvää päivää'))}\n\n`;
      const raw = Buffer.from(second);
      const cut = raw.indexOf(0xc3) + 1; // inside the first 'ä'
      res.write(raw.subarray(0, 10));
      await sleep(30);
      res.write(raw.subarray(10, cut));
      await sleep(30);
      res.write(raw.subarray(cut));
      res.write('data: not json\n\n');
      res.write(`data: ${JSON.stringify(change(3))}\n\n`);
    };
    const got: Change[] = [];
    let opened = 0;
    const stop = backend().subscribe((c) => got.push(c), { onopen: () => opened++ });
    try {
      await until(() => got.length === 3, 'three changes');
      expect(got.map((c) => c.revision)).toEqual([1, 2, 3]);
      expect(got[1].upserted.notes[0].text).toBe('Hyvää päivää');
      expect(opened).toBe(1);
      expect(connections).toHaveLength(1);
      expect(connections[0].req.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(connections[0].req.headers.accept).toBe('text/event-stream');
    } finally {
      stop();
    }
  });

  it('reconnects when the stream drops, and calls onopen again', async () => {
    onConnection = ({ res }, index) => {
      res.write(`data: ${JSON.stringify(change(index + 1))}\n\n`);
      if (index === 0) setTimeout(() => res.end(), 20); // the server goes away once
    };
    const got: number[] = [];
    let opened = 0;
    const stop = backend().subscribe((c) => got.push(c.revision), { onopen: () => opened++ });
    try {
      await until(() => got.length === 2, 'a change after reconnecting');
      expect(got).toEqual([1, 2]);
      expect(opened).toBe(2);
      expect(connections).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it('keeps retrying with backoff while refused, and stops when told to', async () => {
    const got: Change[] = [];
    let opened = 0;
    const stop = backend('wrong').subscribe((c) => got.push(c), { onopen: () => opened++ });
    await until(() => refused >= 3, 'three attempts');
    stop();
    const after = refused;
    await sleep(100);
    expect(refused).toBeLessThanOrEqual(after + 1);
    expect(got).toEqual([]);
    expect(opened).toBe(0);
  });

  it('closes the connection when unsubscribed, and delivers nothing afterwards', async () => {
    let send: ((c: Change) => void) | null = null;
    onConnection = ({ res }) => {
      send = (c) => res.write(`data: ${JSON.stringify(c)}\n\n`);
    };
    const got: number[] = [];
    const stop = backend().subscribe((c) => got.push(c.revision));
    await until(() => send !== null, 'a connection');
    send!(change(1));
    await until(() => got.length === 1, 'the first change');
    stop();
    await connections[0].closed;
    await sleep(50);
    expect(got).toEqual([1]);
    expect(connections).toHaveLength(1);
  });
});
