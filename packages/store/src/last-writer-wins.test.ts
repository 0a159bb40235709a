import { describe, expect, it } from 'vitest';
import { mergeNewer } from './last-writer-wins.js';
import type { Clocks } from './lamport-clock.js';
import type { Snapshot } from './snapshot.js';

type S = Record<string, number>;

describe('mergeNewer (per-key last writer wins)', () => {
  it('takes keys whose remote stamp is newer, keeps the others', () => {
    const merged = mergeNewer<S>({ a: 1, b: 1 }, { a: [2, 'x'], b: [5, 'x'] }, { version: 1, state: { a: 9, b: 9 }, clocks: { a: [3, 'y'], b: [4, 'y'] } });
    expect(merged).toEqual({ state: { a: 9, b: 1 }, clocks: { a: [3, 'y'], b: [5, 'x'] } });
  });

  it('breaks equal counters by the greater tab id', () => {
    const remote = { version: 1, state: { a: 2 }, clocks: { a: [1, 'b'] } as Clocks };
    expect(mergeNewer<S>({ a: 1 }, { a: [1, 'a'] }, remote)?.state).toEqual({ a: 2 });
    expect(mergeNewer<S>({ a: 1 }, { a: [1, 'c'] }, remote)).toBeUndefined();
  });

  it('deletes a key the remote has a stamp for but no value (replace)', () => {
    expect(mergeNewer<S>({ a: 1, b: 1 }, { a: [1, 'x'] }, { version: 1, state: { b: 1 }, clocks: { a: [2, 'y'] } })?.state).toEqual({ b: 1 });
  });

  it('returns the same state object when only clocks moved', () => {
    const state = { a: 1 };
    const merged = mergeNewer<S>(state, {}, { version: 1, state: { a: 1 }, clocks: { a: [1, 'y'] } });
    expect(merged?.state).toBe(state);
    expect(merged?.clocks).toEqual({ a: [1, 'y'] });
  });

  it('converges whatever the order snapshots arrive in', () => {
    const writes: Snapshot<S>[] = [
      { version: 1, state: { a: 1, b: 1 }, clocks: { a: [1, 'p'], b: [3, 'p'] } as Clocks },
      { version: 1, state: { a: 2 }, clocks: { a: [1, 'q'], b: [3, 'q'] } as Clocks },
      { version: 1, state: { a: 3, c: 3 }, clocks: { a: [2, 'r'], c: [1, 'r'] } as Clocks },
    ];
    const orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0, 1]];
    const results = orders.map((order) =>
      order.reduce(
        (local, i) => {
          const merged = mergeNewer<S>(local.state, local.clocks, writes[i]!);
          return merged ?? local;
        },
        { state: {} as S, clocks: {} as Clocks },
      ),
    );
    for (const result of results) expect(result).toEqual({ state: { a: 3, c: 3 }, clocks: { a: [2, 'r'], b: [3, 'q'], c: [1, 'r'] } });
  });
});
