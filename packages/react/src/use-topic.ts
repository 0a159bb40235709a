import { useCallback, useSyncExternalStore } from 'react';
import type { Bus } from '@tessera/bus';

/**
 * The latest message of a `@tessera/bus` topic, re-rendering on each new one. A component that
 * mounts late gets the latest message already sent (the bus's last value), on its first render;
 * before any message, `initial`.
 */
export function useTopic<Topics extends object, K extends keyof Topics & string>(
  bus: Bus<Topics>,
  topic: K,
  initial?: Topics[K],
): Topics[K] | undefined {
  const subscribe = useCallback((onChange: () => void) => bus.subscribe(topic, () => onChange()), [bus, topic]);
  const read = () => bus.last(topic) ?? initial;
  return useSyncExternalStore(subscribe, read, read);
}
