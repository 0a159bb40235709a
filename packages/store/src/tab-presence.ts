/**
 * Which replicas of a store are alive, with the Web Locks API: each holds the lock
 * `tessera-store:<id>:client:<client>` until its page closes (the browser releases it then).
 * Without Web Locks (Node, old browsers) nothing is known and nothing is held.
 */
const lockName = (storeId: string, client: string) => `tessera-store:${storeId}:client:${client}`;

const locks = (): LockManager | undefined => (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;

/** Holds this replica's presence lock; returns its release. */
export function holdPresence(storeId: string, client: string): () => void {
  const manager = locks();
  if (!manager) return () => {};
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  manager.request(lockName(storeId, client), () => held).catch(() => {});
  return release;
}

/** The client ids of living replicas (lock held or requested); undefined without Web Locks. */
export async function livingClients(storeId: string): Promise<Set<string> | undefined> {
  const manager = locks();
  if (!manager) return undefined;
  const { held = [], pending = [] } = await manager.query();
  const prefix = lockName(storeId, '');
  return new Set([...held, ...pending].map((lock) => lock.name ?? '').filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)));
}
