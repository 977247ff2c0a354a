import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './api';
import { Outbox, type KeyValueStore, type OutboxItem } from './outbox';

function memory(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const vote = (id: string, note = 'n1'): Omit<OutboxItem, 'at'> => ({
  id,
  kind: 'vote',
  path: '/p/votes',
  body: { round_id: 'r1', note_id: note, client_id: id },
});

/** A fake server: records what it was sent; answers from a script of outcomes. */
function server(outcomes: Array<'ok' | 'offline' | 'refuse' | 'busy' | 'unauthorized'> = []) {
  const sent: string[] = [];
  const send = async (item: OutboxItem) => {
    sent.push(item.id);
    const outcome = outcomes.shift() ?? 'ok';
    if (outcome === 'offline') throw new NetworkError('Failed to fetch');
    if (outcome === 'refuse') throw new ApiError(400, 'invalid_input', 'you have used all 2 of your votes');
    if (outcome === 'busy') throw new ApiError(429, 'rate_limited', 'too many requests');
    if (outcome === 'unauthorized') throw new ApiError(401, 'unauthorized', 'who are you');
    return { echoed: item.id };
  };
  return { sent, send };
}

describe('Outbox', () => {
  it('persists what waits and finds it again after a reload', () => {
    const storage = memory();
    const first = new Outbox({ storage, storageKey: 'box', send: server().send });
    first.add(vote('a'));
    first.add(vote('b'));
    expect(JSON.parse(storage.map.get('box')!).map((i: OutboxItem) => i.id)).toEqual(['a', 'b']);
    const reloaded = new Outbox({ storage, storageKey: 'box', send: server().send });
    expect(reloaded.items.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('survives a corrupt or foreign saved value', () => {
    const storage = memory();
    storage.setItem('box', '{not json');
    expect(new Outbox({ storage, storageKey: 'box', send: server().send }).size).toBe(0);
    storage.setItem('box', JSON.stringify([{ id: 1 }, { id: 'ok', kind: 'vote', path: '/p/votes', body: {} }]));
    expect(new Outbox({ storage, storageKey: 'box', send: server().send }).items.map((i) => i.id)).toEqual(['ok']);
  });

  it('ignores an id that is already waiting', () => {
    const box = new Outbox({ storage: memory(), storageKey: 'box', send: server().send });
    expect(box.add(vote('a'))).toBe(true);
    expect(box.add(vote('a', 'other'))).toBe(false);
    expect(box.items).toHaveLength(1);
    expect(box.items[0].body.note_id).toBe('n1');
  });

  it('sends in the order things were done and drops each on acknowledgement', async () => {
    const storage = memory();
    const fake = server();
    const acked: string[] = [];
    const box = new Outbox({ storage, storageKey: 'box', send: fake.send, onAck: (item) => acked.push(item.id) });
    box.add(vote('a'));
    box.add(vote('b'));
    box.add({ id: 'c', kind: 'retract', path: '/p/votes/retract', body: { round_id: 'r1', client_id: 'a' } });
    expect(await box.flush()).toBe('empty');
    expect(fake.sent).toEqual(['a', 'b', 'c']);
    expect(acked).toEqual(['a', 'b', 'c']);
    expect(box.size).toBe(0);
    expect(storage.map.has('box')).toBe(false);
  });

  it('keeps everything on a network failure and resends the same ids later', async () => {
    const storage = memory();
    const fake = server(['ok', 'offline']);
    const box = new Outbox({ storage, storageKey: 'box', send: fake.send });
    box.add(vote('a'));
    box.add(vote('b'));
    box.add(vote('c'));
    expect(await box.flush()).toBe('offline');
    expect(box.items.map((i) => i.id)).toEqual(['b', 'c']);
    expect(JSON.parse(storage.map.get('box')!).map((i: OutboxItem) => i.id)).toEqual(['b', 'c']);
    expect(box.inFlight).toBeNull();
    expect(await box.flush()).toBe('empty');
    expect(fake.sent).toEqual(['a', 'b', 'b', 'c']);
  });

  it('treats a busy or broken server like the network: keep and retry', async () => {
    const fake = server(['busy']);
    const box = new Outbox({ storage: memory(), storageKey: 'box', send: fake.send });
    box.add(vote('a'));
    expect(await box.flush()).toBe('offline');
    expect(box.size).toBe(1);
  });

  it('drops a refused action, reports it, and goes on with the rest', async () => {
    const fake = server(['refuse']);
    const refused: string[] = [];
    const box = new Outbox({
      storage: memory(),
      storageKey: 'box',
      send: fake.send,
      onRefused: (item, error) => refused.push(`${item.id}: ${error.message}`),
    });
    box.add(vote('a'));
    box.add(vote('b'));
    expect(await box.flush()).toBe('empty');
    expect(refused).toEqual(['a: you have used all 2 of your votes']);
    expect(fake.sent).toEqual(['a', 'b']);
    expect(box.size).toBe(0);
  });

  it('stops and keeps everything when the secret is refused', async () => {
    const box = new Outbox({ storage: memory(), storageKey: 'box', send: server(['unauthorized']).send });
    box.add(vote('a'));
    expect(await box.flush()).toBe('unauthorized');
    expect(box.size).toBe(1);
  });

  it('shares one run between concurrent flushes and sends what is added meanwhile', async () => {
    const fake = server();
    const box = new Outbox({ storage: memory(), storageKey: 'box', send: fake.send });
    box.add(vote('a'));
    const first = box.flush();
    box.add(vote('b'));
    const second = box.flush();
    expect(second).toBe(first);
    await first;
    expect(fake.sent).toEqual(['a', 'b']);
  });

  it('lets a waiting action be taken back, but not one on its way', async () => {
    let release: () => void = () => {};
    const box = new Outbox({
      storage: memory(),
      storageKey: 'box',
      send: () => new Promise((resolve) => (release = () => resolve(null))),
    });
    box.add(vote('a'));
    box.add(vote('b'));
    const run = box.flush();
    expect(box.inFlight).toBe('a');
    expect(box.remove('a')).toBe(false);
    expect(box.remove('b')).toBe(true);
    release();
    await run;
    expect(box.size).toBe(0);
  });

  it('replaces a waiting keyed action (a newer rating of the same stage)', () => {
    const box = new Outbox({ storage: memory(), storageKey: 'box', send: server().send });
    const rating = (id: string, score: number) => ({
      id,
      kind: 'rating' as const,
      path: '/p/ratings',
      body: { stage_id: 's1', variant: 'current', score },
      key: 'rating:me|s1|current',
    });
    box.add(rating('r1', 1));
    box.add(vote('v'));
    box.add(rating('r2', 2));
    expect(box.items.map((i) => i.id)).toEqual(['v', 'r2']);
  });

  it('tells its listener about every change', async () => {
    const sizes: number[] = [];
    const box = new Outbox({ storage: memory(), storageKey: 'box', send: server().send, onChange: (items) => sizes.push(items.length) });
    box.add(vote('a'));
    await box.flush();
    expect(sizes[0]).toBe(1);
    expect(sizes.at(-1)).toBe(0);
  });
});
