import type { RemoteEntryType } from './remote-options.js';
import type { ShareScope } from './types.js';

/** Which version one consumer got of a shared module, from whom, and why. */
export interface ShareConsumption {
  /** Name of the consuming app (container). */
  consumer: string;
  scope: string;
  key: string;
  /** Version taken; for a fallback, the consumer's own version. */
  version: string | null;
  /** Container whose copy is used. */
  from: string;
  requiredVersion: string | false;
  singleton: boolean;
  strictVersion: boolean;
  reason: string;
  warning?: string;
}

export type RemoteStatus = 'registered' | 'loading' | 'loaded' | 'error';

export interface RemoteStatusInfo {
  /** App that registered the remote. */
  host: string;
  name: string;
  alias?: string;
  /** As configured (manifest or remote entry URL). */
  entry: string;
  /** Resolved remote entry URL, once known. */
  url?: string;
  type: RemoteEntryType;
  status: RemoteStatus;
  /** From request to initialised container, in ms. */
  loadTimeMs?: number;
  error?: { code: string; message: string };
}

export interface SharedModuleInfo {
  scope: string;
  key: string;
  versions: { version: string; from: string; eager: boolean; loaded: boolean }[];
  consumers: ShareConsumption[];
}

/** Everything federation did on this page: `getFederationInfo()` and `globalThis.__TESSERA__`. */
export interface FederationInfo {
  /** Names of the runtime instances (one per app) on the page. */
  instances: string[];
  shared: SharedModuleInfo[];
  remotes: RemoteStatusInfo[];
}

/** What each instance reports about itself; the page-wide view is their union. */
export interface InstanceInfoSource {
  name: string;
  shareScopes: Record<string, ShareScope>;
  consumptions(): ShareConsumption[];
  remoteStatuses(): RemoteStatusInfo[];
}

export function collectFederationInfo(instances: readonly InstanceInfoSource[]): FederationInfo {
  const shared = new Map<string, SharedModuleInfo>();
  const seenScopes = new Set<ShareScope>();
  for (const instance of instances) {
    for (const [scope, versionsByKey] of Object.entries(instance.shareScopes)) {
      if (seenScopes.has(versionsByKey)) continue;
      seenScopes.add(versionsByKey);
      for (const [key, versions] of Object.entries(versionsByKey)) {
        const info = sharedInfo(shared, scope, key);
        for (const [version, entry] of Object.entries(versions)) {
          info.versions.push({ version, from: entry.from, eager: !!entry.eager, loaded: !!entry.loaded });
        }
      }
    }
  }
  for (const instance of instances) {
    for (const c of instance.consumptions()) sharedInfo(shared, c.scope, c.key).consumers.push(c);
  }
  return {
    instances: instances.map((i) => i.name),
    shared: [...shared.values()],
    remotes: instances.flatMap((i) => i.remoteStatuses()),
  };
}

function sharedInfo(map: Map<string, SharedModuleInfo>, scope: string, key: string): SharedModuleInfo {
  const id = `${scope}\0${key}`;
  let info = map.get(id);
  if (!info) map.set(id, (info = { scope, key, versions: [], consumers: [] }));
  return info;
}
