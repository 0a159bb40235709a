import { PROTOCOL } from './registry.js';
import type { Snapshot } from './snapshot.js';
import { StoreError } from './store-error.js';

export interface TabSync {
  /** Sends the whole snapshot to every other tab. */
  publish(snapshot: Snapshot<object>): void;
  close(): void;
}

/**
 * Joins `BroadcastChannel('tessera-store:' + id)`. Messages are `{ protocol: 1, hello: true }`
 * (a tab that just opened) or `{ protocol: 1, version, state, clocks }` (a {@link Snapshot}).
 * Announces itself at once; answers another tab's hello with `answer()` when that returns a
 * snapshot; hands every snapshot to `receive` unchecked. A message of another protocol is
 * reported (`TESSERA_STORE_PROTOCOL_UNKNOWN`) and ignored. Undefined where there is no
 * BroadcastChannel.
 */
export function joinTabs(
  storeId: string,
  answer: () => Snapshot<object> | undefined,
  receive: (snapshot: unknown) => void,
  fail: (error: StoreError) => void,
): TabSync | undefined {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel('tessera-store:' + storeId);
  const post = (message: object) => {
    try {
      channel.postMessage({ protocol: PROTOCOL, ...message });
    } catch (error) {
      fail(new StoreError('TESSERA_STORE_SYNC_FAILED', storeId, 'cannot post to other tabs', error));
    }
  };
  channel.onmessage = ({ data }: MessageEvent) => {
    if (data?.protocol !== PROTOCOL) {
      fail(new StoreError('TESSERA_STORE_PROTOCOL_UNKNOWN', storeId, `message of protocol ${data?.protocol} ignored`));
    } else if (data.hello) {
      const snapshot = answer();
      if (snapshot) post(snapshot);
    } else receive(data);
  };
  post({ hello: true });
  return { publish: post, close: () => channel.close() };
}
