import { describe, expect, it } from 'vitest';
import { backoff, SseParser } from './sse';

describe('SseParser', () => {
  it('reads data lines of events split across chunks', () => {
    const parser = new SseParser();
    expect(parser.feed('data: 4')).toEqual([]);
    expect(parser.feed('2\n')).toEqual([]);
    expect(parser.feed('\ndata: 43\n\nda')).toEqual(['42', '43']);
    expect(parser.feed('ta: 44\n\n')).toEqual(['44']);
  });

  it('ignores comments (keep-alives) and other fields', () => {
    const parser = new SseParser();
    expect(parser.feed(':\n\nevent: change\nid: 7\nretry: 10\ndata:9\n\n: ping\n\n')).toEqual(['9']);
  });

  it('joins multi-line data and accepts CRLF and CR line ends', () => {
    const parser = new SseParser();
    expect(parser.feed('data: a\r\ndata: b\r\n\r\n')).toEqual(['a\nb']);
    expect(parser.feed('data: c\r')).toEqual([]);
    expect(parser.feed('\n\r\n')).toEqual(['c']);
    // A trailing CR might be half of a CRLF: it ends the event once more text shows it is not.
    expect(parser.feed('data: d\r\r')).toEqual([]);
    expect(parser.feed('data: e\n\n')).toEqual(['d', 'e']);
  });

  it('sends nothing for an event without data', () => {
    expect(new SseParser().feed('event: x\n\n\n')).toEqual([]);
  });
});

describe('backoff', () => {
  it('grows from about a second to at most about fifteen', () => {
    const mid = () => 0.5;
    expect(backoff(0, mid)).toBe(1000);
    expect(backoff(1, mid)).toBe(2000);
    expect(backoff(3, mid)).toBe(8000);
    expect(backoff(4, mid)).toBe(15000);
    expect(backoff(50, mid)).toBe(15000);
    expect(backoff(0, () => 0)).toBe(800);
    expect(backoff(0, () => 1)).toBe(1200);
  });
});
