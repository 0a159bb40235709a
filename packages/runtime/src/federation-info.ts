import type { RemoteEntryType } from './remote-options.js';
import type { ShareScope } from './types.js';

/**
 * The rule that chose a consumer's version (webpack's `ConsumeSharedRuntimeModule.js` rules,
 * named): `singleton-highest`, `singleton-loaded` (a singleton never leaves a loaded version),
 * `singleton-unsatisfied` (highest, outside `requiredVersion`: warned), `highest-satisfying`,
 * `loaded-satisfying` (strategy loaded-first), `highest` (no `requiredVersion`),
 * `unsatisfied-highest` (none satisfies, no `strictVersion`: warned), `own-fallback` (none in the
 * scope, or none satisfies under `strictVersion`), `plugin` (a `resolveShare` hook chose),
 * `foreign` (a webpack or Module Federation 2.0 consumer chose by its own rules; seen in the scope).
 */
export type ShareRule =
  | 'singleton-highest' | 'singleton-loaded' | 'singleton-unsatisfied' | 'highest-satisfying' | 'loaded-satisfying'
  | 'highest' | 'unsatisfied-highest' | 'own-fallback' | 'plugin' | 'foreign';

/** Which version one consumer got of a shared module, from whom, and why. */
export interface ShareConsumption {
  /** Name of the consuming app (container); for a webpack consumer, its remote's name when known, else 'webpack'. */
  consumer: string;
  /** The runtime that negotiated: Tessera's (exact), or seen in the share scope afterwards (webpack: `loaded`, MF 2.0: `useIn`). */
  runtime: 'tessera' | 'webpack' | 'module-federation';
  scope: string;
  key: string;
  /** Version taken; for a fallback, the consumer's own version. */
  version: string | null;
  /** Container whose copy is used. */
  from: string;
  /** The consumer's options; unknown (false) for webpack and MF 2.0 consumers. */
  requiredVersion: string | false;
  singleton: boolean;
  strictVersion: boolean;
  rule: ShareRule;
  reason: string;
  warning?: string;
}

/**
 * One step of loading a remote, in ms on the page's clock (`performance.now()`; add
 * `performance.timeOrigin` for epoch ms). `manifest`, `entry` (import of the remote entry),
 * `init` (the container's `init`: its shared versions registered, its remotes initialised),
 * `expose` (`get` and the factory of an exposed module, `name`): recorded by the runtime (a
 * `manifest` read from the build's snapshot, `snapshot: true`, has `name` 'snapshot');
 * `chunk` and `css`: files under the remote's URL from the browser's Resource Timing.
 */
export interface LoadStep {
  kind: 'manifest' | 'entry' | 'init' | 'expose' | 'chunk' | 'css';
  url?: string;
  name?: string;
  startMs: number;
  /** Absent while it runs. */
  endMs?: number;
  /** Error code, when the step failed. */
  error?: string;
}

export type RemoteStatus = 'registered' | 'loading' | 'loaded' | 'error';

/**
 * `verified`: loaded in a browser that checked its files against the manifest's SHA-384 hashes
 * (import map); `failed`: it refused one (TESSERA_INTEGRITY_FAILED); `unchecked`: no hashes
 * (a remote entry URL, `integrity: false`), not loaded yet, or not in a browser (Node checks files in its
 * http import hooks, `@tessera/runtime/node`, but this view cannot tell).
 */
export type IntegrityResult = 'verified' | 'failed' | 'unchecked';

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
  /** Its last load failed fast because its circuit is open (TESSERA_REMOTE_UNAVAILABLE). Complete view only. */
  circuitOpen?: boolean;
  /** Complete view only. */
  integrity?: IntegrityResult;
  /** From request to initialised container, in ms. */
  loadTimeMs?: number;
  error?: { code: string; message: string };
  /** Exposed names its manifest lists, and those loaded. */
  exposes?: string[];
  loadedExposes?: string[];
  /** Retries (after transient failures) of its last load. */
  retries?: number;
  /** Steps of its last load, in start order: what a waterfall draws. */
  steps?: LoadStep[];
}

export interface SharedVersionInfo {
  version: string;
  /** The registration in the scope (for equal versions, the one webpack's rule kept). */
  from: string;
  eager: boolean;
  loaded: boolean;
  /** Every Tessera app that registered this version, kept or not, and the scope's `from` (complete view). */
  providers?: string[];
}

export interface SharedModuleInfo {
  scope: string;
  key: string;
  versions: SharedVersionInfo[];
  consumers: ShareConsumption[];
  /** The warnings of its consumers: unsatisfied versions (complete view). */
  warnings?: string[];
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
  /** Versions this app registered, whether kept in the scope or not (added later: optional). */
  provided?(): { scope: string; key: string; version: string }[];
  /** Scope entries of this app's that a non-Tessera consumer took, with the caller's script URL when known. */
  foreignUses?(): { scope: string; key: string; version: string; caller?: string }[];
}

type ScopeEntry = ShareScope[string][string] & { useIn?: string[] };

/**
 * The complete view, for devtools (the inspector, @tessera/otel) and tests: what the runtimes
 * recorded (`info`: `globalThis.__TESSERA__.getFederationInfo()`, or `recordedInfo(instances)`),
 * completed in place with what is seen in the share scopes: every Tessera app that registered a
 * version (kept or not), what consumers outside Tessera took (the caller of a Tessera entry's
 * `get`, webpack's `loaded` flag, MF 2.0's `useIn`), the warnings, and the chunks and stylesheets
 * fetched from each remote's folder (Resource Timing, browsers only). Not part of the runtime apps
 * carry: import it from `@tessera/runtime/federation-info`. It takes the recorded view rather than
 * computing it, so a chunk that imports it (the inspector's panel) shares no module with the page's
 * runtime, and esbuild splits no common chunk off the host's entry.
 */
export function completeFederationInfo(info: FederationInfo, instances: readonly InstanceInfoSource[]): FederationInfo {
  const find = (scope: string, key: string) => info.shared.find((s) => s.scope === scope && s.key === key);
  const tessera = new Set(info.instances);
  const hashes = (globalThis as { __TESSERA__?: { integrity?: Record<string, string> } }).__TESSERA__?.integrity ?? {};
  for (const remote of info.remotes) {
    const code = remote.error?.code;
    remote.circuitOpen = code === 'TESSERA_REMOTE_UNAVAILABLE';
    remote.integrity = code === 'TESSERA_INTEGRITY_FAILED' ? 'failed'
      : remote.status === 'loaded' && remote.url && hashes[remote.url] && typeof document != 'undefined' ? 'verified' : 'unchecked';
    if (remote.status !== 'registered') remote.steps = [...(remote.steps ?? []), ...resourceSteps(remote)];
  }
  for (const v of info.shared.flatMap((s) => s.versions)) v.providers = [v.from];
  for (const instance of instances) {
    for (const p of instance.provided?.() ?? []) {
      const v = find(p.scope, p.key)?.versions.find((v) => v.version === p.version);
      if (v && !v.providers!.includes(instance.name)) v.providers!.push(instance.name);
    }
    for (const use of instance.foreignUses?.() ?? []) {
      const shared = find(use.scope, use.key);
      if (!shared) continue;
      const consumer = info.remotes.find((r) => !tessera.has(r.name) && use.caller && r.url && use.caller.startsWith(baseOf(r.url)))?.name ?? 'webpack';
      const v = shared.versions.find((v) => v.version === use.version);
      addForeign(shared, consumer, 'webpack', use.version, v?.from ?? instance.name, 'took it from the share scope (seen when it called the entry\'s get)');
    }
  }
  // What consumers outside Tessera took shows in the scope: MF 2.0's `useIn`, webpack's `loaded` flag.
  const seen = new Set<ShareScope>();
  for (const instance of instances) {
    for (const [scope, byKey] of Object.entries(instance.shareScopes)) {
      if (seen.has(byKey)) continue;
      seen.add(byKey);
      for (const [key, versions] of Object.entries(byKey)) {
        const shared = find(scope, key)!;
        for (const [version, entry] of Object.entries(versions) as [string, ScopeEntry][]) {
          for (const user of entry.useIn ?? []) {
            if (!tessera.has(user)) addForeign(shared, user, 'module-federation', version, entry.from, 'listed in the entry\'s useIn (Module Federation 2.0)');
          }
          if (entry.loaded && !shared.consumers.some((c) => c.version === version && c.from === entry.from)) {
            addForeign(shared, 'webpack', 'webpack', version, entry.from, 'the entry is marked loaded by a consumer outside Tessera');
          }
        }
      }
    }
  }
  for (const shared of info.shared) shared.warnings = shared.consumers.flatMap((c) => (c.warning ? [c.warning] : []));
  return info;
}

/** The complete view of this page (see `completeFederationInfo`); empty when no Tessera runtime is on it. */
export function getFederationInfo(): FederationInfo {
  const g = (globalThis as { __TESSERA__?: { instances: InstanceInfoSource[]; getFederationInfo(): FederationInfo } }).__TESSERA__;
  return g ? completeFederationInfo(g.getFederationInfo(), g.instances) : { instances: [], shared: [], remotes: [] };
}

function addForeign(info: SharedModuleInfo, consumer: string, runtime: ShareConsumption['runtime'], version: string, from: string, reason: string): void {
  if (info.consumers.some((c) => c.consumer === consumer && c.version === version)) return;
  info.consumers.push({
    consumer, runtime, scope: info.scope, key: info.key, version, from, requiredVersion: false, singleton: false, strictVersion: false, rule: 'foreign', reason,
  });
}

/** The folder URL of a file URL: 'http://h/app/remoteEntry.js' → 'http://h/app/'. */
const baseOf = (url: string): string => url.slice(0, url.lastIndexOf('/') + 1);

/** Chunks and stylesheets fetched from a remote's folder (Resource Timing; nothing outside browsers). */
function resourceSteps(remote: RemoteStatusInfo): LoadStep[] {
  if (!remote.url || typeof performance == 'undefined' || !performance.getEntriesByType) return [];
  const base = baseOf(remote.url);
  const known = new Set((remote.steps ?? []).map((s) => s.url));
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((r) => r.name.startsWith(base) && !known.has(r.name) && /\.(m?js|css)(\?|$)/.test(r.name))
    .map((r) => ({ kind: /\.css(\?|$)/.test(r.name) ? 'css' : 'chunk', url: r.name, startMs: r.startTime, endMs: r.responseEnd || r.startTime + r.duration }));
}
