import { describe, expect, it } from 'vitest';
import { coalesce } from './refresh';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('coalesce', () => {
  it('runs once per call when calls do not overlap', async () => {
    let runs = 0;
    const refresh = coalesce(async () => {
      runs++;
    });
    await refresh();
    await refresh();
    expect(runs).toBe(2);
  });

  it('folds calls made during a run into exactly one more run', async () => {
    const gates = [deferred(), deferred()];
    let runs = 0;
    const refresh = coalesce(() => gates[runs++].promise);
    const first = refresh();
    const second = refresh();
    const third = refresh();
    expect(runs).toBe(1);
    expect(second).toBe(third);
    gates[0].resolve();
    await first;
    await Promise.resolve();
    expect(runs).toBe(2);
    gates[1].resolve();
    await third;
    expect(runs).toBe(2);
  });

  it('reports failures and keeps working', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let runs = 0;
    const refresh = coalesce(async () => {
      runs++;
      if (fail) throw new Error('offline');
    }, (err) => errors.push(err));
    await refresh();
    fail = false;
    await refresh();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
