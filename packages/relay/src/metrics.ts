import { Counter, Gauge, Registry } from 'prom-client';
import type { RelayCounters } from './counters.js';

/**
 * The relay's Prometheus metrics (prom-client), read from the counters when scraped:
 * `tessera_relay_connections`, `tessera_relay_messages_in_total`, `tessera_relay_messages_out_total`,
 * `tessera_relay_refused_total{code}`, `tessera_relay_dropped_total{reason}`,
 * `tessera_relay_queued_bytes` (written to no client yet), `tessera_relay_broker_lag_ms`.
 */
export function createMetrics(counters: RelayCounters, live: { connections(): number; queuedBytes(): number; lagMs(): number }): Registry {
  const registry = new Registry();
  const reported = { in: 0, out: 0, refused: {} as Record<string, number>, dropped: {} as Record<string, number> };
  const catchUp = (counter: Counter<string>, now: number, before: number, labels?: Record<string, string>) => {
    if (now > before) labels ? counter.inc(labels, now - before) : counter.inc(now - before);
    return now;
  };
  new Gauge({ name: 'tessera_relay_connections', help: 'Open client connections', registers: [registry], collect() { this.set(live.connections()); } });
  new Gauge({ name: 'tessera_relay_queued_bytes', help: 'Bytes waiting to be written to clients', registers: [registry], collect() { this.set(live.queuedBytes()); } });
  new Gauge({ name: 'tessera_relay_broker_lag_ms', help: 'Age of the last message when it reached this instance, in ms', registers: [registry], collect() { this.set(live.lagMs()); } });
  new Counter({ name: 'tessera_relay_messages_in_total', help: 'Messages accepted from publishers', registers: [registry], collect() { reported.in = catchUp(this, counters.messagesIn, reported.in); } });
  new Counter({ name: 'tessera_relay_messages_out_total', help: 'Messages written to subscribers', registers: [registry], collect() { reported.out = catchUp(this, counters.messagesOut, reported.out); } });
  new Counter({
    name: 'tessera_relay_refused_total', help: 'Frames refused with an error frame', labelNames: ['code'], registers: [registry],
    collect() { for (const [code, n] of Object.entries(counters.refused)) reported.refused[code] = catchUp(this, n!, reported.refused[code] ?? 0, { code }); },
  });
  new Counter({
    name: 'tessera_relay_dropped_total', help: 'Frames dropped over the rate limit, connections dropped as slow consumers', labelNames: ['reason'], registers: [registry],
    collect() { for (const [reason, n] of Object.entries(counters.dropped)) reported.dropped[reason] = catchUp(this, n, reported.dropped[reason] ?? 0, { reason }); },
  });
  return registry;
}
