import { copyClocks, isNewer, type Clocks } from './lamport-clock.js';
import type { Snapshot } from './snapshot.js';

/**
 * Merges a remote snapshot into local state, top-level key by key, last writer wins: a key
 * whose remote stamp {@link isNewer} than the local one takes the remote value (or is deleted
 * when the remote has its stamp but not the key). Commutative, associative and idempotent, so
 * tabs that have seen the same writes hold the same state, in whatever order they saw them.
 *
 * Pure. Returns undefined when no remote stamp is newer; else the merged clocks and state
 * (the very `state` object when no value changed, per `Object.is`).
 */
export function mergeNewer<S extends object>(state: S, clocks: Clocks, remote: Snapshot<S>): { state: S; clocks: Clocks } | undefined {
  const next = { ...state } as Record<string, unknown>;
  const from = remote.state as Record<string, unknown>;
  let nextClocks: Clocks | undefined;
  let changed = false;
  for (const [key, stamp] of Object.entries(remote.clocks)) {
    if (!isNewer(stamp, Object.hasOwn(clocks, key) ? clocks[key] : undefined)) continue; // own keys only: `constructor` is a key like any other
    (nextClocks ??= copyClocks(clocks))[key] = stamp;
    const present = Object.hasOwn(from, key);
    if (present === Object.hasOwn(next, key) && Object.is(next[key], from[key])) continue;
    if (present) Object.defineProperty(next, key, { value: from[key], writable: true, enumerable: true, configurable: true }); // an own `__proto__` too
    else delete next[key];
    changed = true;
  }
  return nextClocks && { state: changed ? (next as S) : state, clocks: nextClocks };
}
