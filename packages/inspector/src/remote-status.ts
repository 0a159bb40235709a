import type { FederationInfo, RemoteStatusInfo } from '@tessera/runtime';

/** A remote as the panel shows it: the runtime forgets an unloaded remote, the panel remembers it as 'unloaded'. */
export type RemoteView = Omit<RemoteStatusInfo, 'status'> & { status: RemoteStatusInfo['status'] | 'unloaded' };
export type InspectorView = Omit<FederationInfo, 'remotes'> & { remotes: RemoteView[] };

/** What a person calls a remote's state: loaded, failed, circuit open, unloaded, loading, not loaded. */
export type StatusLabel = 'loaded' | 'failed' | 'circuit open' | 'unloaded' | 'loading' | 'not loaded';

export function statusLabel(remote: RemoteView): StatusLabel {
  if (remote.status !== 'unloaded' && remote.circuitOpen) return 'circuit open';
  switch (remote.status) {
    case 'error': return 'failed';
    case 'registered': return 'not loaded';
    default: return remote.status;
  }
}

/** One line under a remote's name: its state, and its error code or load time. */
export function statusLine(remote: RemoteView): string {
  const label = statusLabel(remote);
  if (remote.error && label !== 'unloaded') return `${label} · ${remote.error.code}`;
  return remote.loadTimeMs !== undefined && label === 'loaded' ? `${label} · ${Math.round(remote.loadTimeMs)} ms` : label;
}
