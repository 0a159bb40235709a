import type { RemoteStatusInfo } from '@tessera/runtime';

/** What a person calls a remote's state: loaded, failed, circuit open, unloaded, loading, not loaded. */
export type StatusLabel = 'loaded' | 'failed' | 'circuit open' | 'unloaded' | 'loading' | 'not loaded';

export function statusLabel(remote: RemoteStatusInfo): StatusLabel {
  if (remote.circuitOpen || remote.error?.code === 'TESSERA_REMOTE_UNAVAILABLE') return 'circuit open';
  switch (remote.status) {
    case 'error': return 'failed';
    case 'registered': return 'not loaded';
    default: return remote.status;
  }
}

/** One line under a remote's name: its state, and its error code or load time. */
export function statusLine(remote: RemoteStatusInfo): string {
  const label = statusLabel(remote);
  if (remote.error && label !== 'unloaded') return `${label} · ${remote.error.code}`;
  return remote.loadTimeMs !== undefined && label === 'loaded' ? `${label} · ${Math.round(remote.loadTimeMs)} ms` : label;
}
