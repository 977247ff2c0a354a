import { describe, expect, it } from 'vitest';
import { SseDecoder, SseParser, backoffDelay } from './sse';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('SseParser', () => {
  it('parses `data:` events separated by blank lines and skips comments', () => {
    const p = new SseParser();
    const events = p.push(': keep-alive\n\ndata: {"revision":1}\n\ndata: {"revision":2}\n\n');
    expect(events.map((e) => e.data)).toEqual(['{"revision":1}', '{"revision":2}']);
    expect(events.every((e) => e.type === 'message')).toBe(true);
  });

  it('joins a split event, even split inside a field name or the line ending', () => {
    const p = new SseParser();
    expect(p.push('da')).toEqual([]);
    expect(p.push('ta: {"workshop_id":"w",')).toEqual([]);
    expect(p.push('"revision":7}\r')).toEqual([]);
    expect(p.push('\n')).toEqual([]);
    const done = p.push('\r\n');
    expect(done).toHaveLength(1);
    expect(JSON.parse(done[0].data)).toEqual({ workshop_id: 'w', revision: 7 });
  });

  it('accepts \\r\\n, \\n and \\r line endings, and one split \\r\\n does not make two lines', () => {
    const p = new SseParser();
    const events = [...p.push('data: a\r\n\r\ndata: b\n\ndata: c\r\r'), ...p.push('data: d\r'), ...p.push('\n\r\n')];
    expect(events.map((e) => e.data)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('joins multi-line data with \\n, keeps event type and id, strips one leading space only', () => {
    const p = new SseParser();
    const [e] = p.push('event: change\nid: 42\ndata:  one\ndata:two\ndata\n\n');
    expect(e).toEqual({ type: 'change', data: ' one\ntwo\n', lastEventId: '42' });
    const [f] = p.push('data: next\n\n');
    expect(f).toEqual({ type: 'message', data: 'next', lastEventId: '42' });
  });

  it('dispatches nothing for a block without data', () => {
    const p = new SseParser();
    expect(p.push('event: ping\n\n: comment\n\nretry: 100\n\n')).toEqual([]);
  });

  it('does not dispatch an event until its blank line arrives', () => {
    const p = new SseParser();
    expect(p.push('data: x\n')).toEqual([]);
    expect(p.push('\n')).toHaveLength(1);
  });
});

describe('SseDecoder', () => {
  it('decodes UTF-8 split inside a character across chunks', () => {
    const d = new SseDecoder();
    const all = bytes('data: {"text":"Hyvää päivää 😀"}\n\n');
    // split in the middle of 'ä' (2 bytes) and of the emoji (4 bytes)
    const cut1 = all.indexOf(0xc3) + 1;
    const cut2 = all.indexOf(0xf0) + 2;
    const events = [...d.push(all.slice(0, cut1)), ...d.push(all.slice(cut1, cut2)), ...d.push(all.slice(cut2)), ...d.end()];
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].data).text).toBe('Hyvää päivää 😀');
  });

  it('drops an unterminated event at the end of the stream', () => {
    const d = new SseDecoder();
    expect([...d.push(bytes('data: half')), ...d.end()]).toEqual([]);
  });

  it('handles every possible single split point of a real stream', () => {
    const stream = bytes(': hi\n\ndata: {"revision":1,"text":"ö"}\n\ndata: {"revision":2}\r\n\r\n');
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new SseDecoder();
      const events = [...d.push(stream.slice(0, cut)), ...d.push(stream.slice(cut)), ...d.end()];
      expect(events.map((e) => JSON.parse(e.data).revision), `cut at ${cut}`).toEqual([1, 2]);
    }
  });
});

describe('backoffDelay', () => {
  it('grows from 250 ms to at most 10 s, with jitter', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(250);
    expect(backoffDelay(1, () => 0.5)).toBe(500);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(30, () => 0.5)).toBe(10_000);
    expect(backoffDelay(30, () => 1)).toBe(12_500);
    expect(backoffDelay(0, () => 0)).toBe(188);
  });
});
