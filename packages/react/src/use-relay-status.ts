import { useCallback, useSyncExternalStore } from 'react';
import type { RelayStatus, WebSocketTransport } from '@tessera/bus';

/**
 * The connection state of a `websocketTransport`: `'online'`, `'resyncing'` (reconnected,
 * catching up and sending what was queued offline) or `'offline'` (retrying with backoff).
 * Re-renders on each change; `'offline'` before the transport is added to a bus.
 */
export function useRelayStatus(transport: Pick<WebSocketTransport, 'status' | 'onStatus'>): RelayStatus {
  const subscribe = useCallback((onChange: () => void) => transport.onStatus(onChange), [transport]);
  const read = () => transport.status;
  return useSyncExternalStore(subscribe, read, read);
}
