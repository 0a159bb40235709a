import { FederationError } from './errors.js';

/** Fails a remote fast while it keeps failing. */
export interface CircuitBreaker {
  /** Throws TESSERA_REMOTE_UNAVAILABLE while the circuit is open. */
  check(): void;
  /** Records the outcome of one load (after its retries). */
  record(ok: boolean): void;
}

/**
 * The circuit breaker pattern (Nygard, "Release It!"): after `threshold` loads in a row failed,
 * the remote fails fast for `cooldown` ms; then one load is let through (half-open), and its
 * outcome closes or reopens the circuit.
 */
export function createCircuitBreaker(remote: string, url: string, threshold = 3, cooldown = 10_000): CircuitBreaker {
  let failures = 0;
  let openUntil = 0;
  return {
    check() {
      const wait = openUntil - Date.now();
      if (failures >= threshold && wait > 0) {
        throw new FederationError('TESSERA_REMOTE_UNAVAILABLE', `Failed ${failures} times: not tried for ${wait} ms`, { remote, url });
      }
    },
    record(ok) {
      failures = ok ? 0 : failures + 1;
      openUntil = Date.now() + cooldown;
    },
  };
}
