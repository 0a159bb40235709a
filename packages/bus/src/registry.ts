import { BusError } from './bus-error.js';
import { createBus, type Bus, type RequestMap } from './create-bus.js';
import { PROTOCOL } from './message.js';

/**
 * `globalThis[Symbol.for('tessera.bus.registry')]`: the page-wide table of shared buses that every
 * copy of `@tessera/bus` joins (each app bundles its own). Part of protocol 1: keep this shape.
 */
export interface BusRegistry {
  readonly protocol: typeof PROTOCOL;
  /** Bus name → the bus, created by whichever copy asked first. */
  readonly buses: Map<string, Bus<any, any>>;
}

const REGISTRY = Symbol.for('tessera.bus.registry');

/**
 * THE bus of the page for `name` (default `'default'`): every app calling `getBus(name)` gets
 * the same object, whichever copy of the package it bundles. The first caller creates it (with
 * default options; add transports with `addTransport`), later callers get it as-is.
 * Throws `TESSERA_BUS_PROTOCOL_MISMATCH` when the registry on the page speaks another protocol.
 */
export function getBus<Topics extends object = Record<string, unknown>, Requests extends RequestMap<Requests> = {}>(
  name = 'default',
): Bus<Topics, Requests> {
  const registry = ((globalThis as { [REGISTRY]?: BusRegistry })[REGISTRY] ??= { protocol: PROTOCOL, buses: new Map() });
  if (registry.protocol !== PROTOCOL) {
    throw new BusError('TESSERA_BUS_PROTOCOL_MISMATCH', `The page's bus registry speaks protocol ${registry.protocol}, this @tessera/bus ${PROTOCOL}`);
  }
  let bus = registry.buses.get(name);
  if (!bus) registry.buses.set(name, (bus = createBus({ name })));
  return bus;
}
