/**
 * When a top-level key was last written: `[counter, tab]`, a Lamport counter (integer ≥ 1)
 * and the random id of the tab that wrote it. Stamps are totally ordered by {@link isNewer}.
 */
export type Stamp = [counter: number, tab: string];

/** The stamp of each top-level key. A key with a stamp but absent from the state was deleted (by `replace`). */
export type Clocks = Record<string, Stamp>;

/**
 * Is write `a` later than write `b`? Higher counter first, then the greater tab id as
 * tie-break (Lamport, "Time, Clocks, and the Ordering of Events", 1978). No stamp is oldest.
 */
export function isNewer(a: Stamp, b: Stamp | undefined): boolean {
  return !b || a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

/** The latest stamp of `clocks`, or undefined when it has none. */
export function latest(clocks: Clocks): Stamp | undefined {
  let top: Stamp | undefined;
  for (const stamp of Object.values(clocks)) if (isNewer(stamp, top)) top = stamp;
  return top;
}

/**
 * The highest counter a stamp may carry: 2^52, so that counting on from any accepted stamp
 * stays exact (beyond 2^53 `n + 1 === n` and the clock would stop). A million writes a second
 * take 142 years to reach it.
 */
export const MAX_COUNTER = 2 ** 52;

/** A stamp: `[counter, tab]` with an integer counter from 1 to {@link MAX_COUNTER}. */
export function isStamp(value: unknown): value is Stamp {
  return Array.isArray(value) && Number.isSafeInteger(value[0]) && value[0] >= 1 && value[0] <= MAX_COUNTER && typeof value[1] === 'string';
}

/** A copy of `clocks` without a prototype: keys such as `constructor` or `__proto__` are plain own keys. */
export function copyClocks(clocks: Clocks): Clocks {
  return Object.assign(Object.create(null) as Clocks, clocks);
}

/** A random tab id, base 36. Not `crypto.randomUUID`: that needs a secure context. */
export function newTabId(): string {
  return Math.random().toString(36).slice(2);
}
