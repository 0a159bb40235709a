/** Span names: one `tessera.remote.load` per `loadRemote`, with a child per step of it. */
export const SPAN = {
  load: 'tessera.remote.load',
  manifest: 'tessera.remote.manifest',
  entry: 'tessera.remote.entry',
  /** The container's `init`: its shared versions registered into the share scope, its remotes initialised. */
  negotiation: 'tessera.remote.negotiation',
  expose: 'tessera.remote.expose',
} as const;

/** Span and metric attributes. */
export const ATTR = {
  remote: 'tessera.remote.name',
  host: 'tessera.host.name',
  url: 'url.full',
  id: 'tessera.module.id',
  expose: 'tessera.remote.expose',
  /** The remote's container (and module) was already loaded: nothing was fetched. */
  cacheHit: 'tessera.cache_hit',
  retryCount: 'tessera.retry_count',
  errorCode: 'error.type',
  /** The shared versions the remote got: 'react@19.1.0 from shell (singleton-highest)'. */
  sharedVersions: 'tessera.shared.versions',
  outcome: 'tessera.outcome',
} as const;

export const METRIC = {
  /** Histogram, ms: from the request to the module (or the failure). */
  loadDuration: 'tessera.remote.load.duration',
  /** Counter: failed loads, by remote and error code. */
  failures: 'tessera.remote.load.failures',
} as const;
