import { FederationError, isFederationError, wrapError } from './errors.js';
import type { LoadStep } from './federation-info.js';
import { recordStep } from './recorded-info.js';
import { fetchChecked, transientError, withRetries, type NetworkPolicy } from './fetch-with-retry.js';
import { firstResult, type FederationPlugin } from './hooks.js';
import { trustHashes } from './integrity.js';
import { loadContainer } from './load-container.js';
import { loadStylesheet, preloadModule } from './load-stylesheet.js';
import { readManifest, type ManifestEntry } from './manifest.js';
import type { RemoteState } from './remote-registry.js';
import { checkRegistrations, entriesOf, offerShared } from './share-offers.js';
import type { Container, ShareScope } from './types.js';

/** What loading a remote needs from its runtime instance. */
export interface RemoteLoadContext {
  plugins: readonly FederationPlugin[];
  policy(state: RemoteState): NetworkPolicy & { shareInitTimeout: number };
  /** Verify manifest-loaded remotes against their manifest's hashes. */
  integrity: boolean;
  scopeFor(scopeName: string): ShareScope;
  /** Manifests a build read, by URL (`InitOptions.snapshot`). */
  snapshot: Record<string, unknown>;
}

/**
 * Loads and initialises a remote's container once: its manifest (if the entry is one), then the
 * remote entry, then `init` with the share scope; each entry URL of the remote in turn (mirrors)
 * until one works. A Tessera manifest's shared versions are offered into the share scope as soon
 * as it arrives (`state.offered`; share-offers.ts) and withdrawn when the entry registers, which
 * must register nothing else (TESSERA_MANIFEST_MISMATCH). A failure is recorded on `state` and fed
 * to its circuit breaker; the next call loads again, from a new URL. Rejects with the first
 * entry's FederationError. A manifest in `ctx.snapshot` (a build's, `snapshot: true`) is read from
 * there on a first load; when that load fails other than by a timeout or an open circuit, the
 * manifest is fetched and the entry imported again from a cache-busted URL (a redeployed remote).
 *
 * `deferEntry` (start-up): once a Tessera manifest's offers are in the scope, the entry waits until
 * something needs it (`state.wantEntry`): a call without `deferEntry` (`loadRemote`, a
 * placeholder's `get()`), or a selection its offers could change (share-offers.ts). Start-up then
 * costs the host's first render no remote code. A remote without offers loads its entry at once.
 */
export function ensureContainer(state: RemoteState, ctx: RemoteLoadContext, initScope: unknown[] = [], deferEntry = false): Promise<Container> {
  if (!deferEntry) state.wantEntry?.();
  if (state.container) return state.container;
  let wanted: Promise<void> | undefined;
  if (deferEntry) wanted = new Promise<void>((resolve) => (state.wantEntry = resolve));
  const started = now();
  const { info, breaker, lifetime } = state;
  state.status = 'loading';
  state.error = undefined;
  const policy = ctx.policy(state);
  const steps: LoadStep[] = (state.steps = []);
  state.retries = 0;
  const options = { bust: state.failed, lifetime: lifetime.signal, onRetry: () => void state.retries!++ };
  const scope = ctx.scopeFor(info.shareScope);
  let offered!: () => void;
  state.offered = new Promise<void>((resolve) => (offered = resolve));
  const loading = (async () => {
    breaker.check();
    let first: unknown;
    for (const candidate of info.entries) {
      // A build's snapshot of the manifest first (never after a failed load); if a load fails with
      // it, the remote may have been redeployed since: the manifest is fetched once more.
      const stored = candidate.manifest && !state.failed ? ctx.snapshot[candidate.url] : undefined;
      // The fetched manifest's entry is imported from a new URL: the browser keeps a failed module (and an import map's first hash) per URL.
      const afterSnapshot = stored ? { ...options, bust: true } : options;
      for (const snapshot of stored ? [stored, undefined] : [undefined]) {
        try {
          const entry: ManifestEntry = candidate.manifest
            ? await recordStep(steps, 'manifest', candidate.url, async () =>
              snapshot ? readManifest(snapshot, candidate.url, info.name) : fetchManifest(state, candidate.url, ctx, policy, afterSnapshot), snapshot && 'snapshot')
            : { name: info.name, url: candidate.url, type: info.type, globalName: info.entryGlobalName, integrity: {} };
          if (ctx.integrity) trustHashes(entry.integrity);
          state.url = entry.url;
          state.exposes = entry.exposes;
          state.assets = entry.assets;
          const { offers } = entry;
          // Without offers, the remote's versions are in the scope once its entry registered (settle).
          const withdraw = (state.withdraw = offers ? offerShared(scope, entry.name, offers, () => ensureContainer(state, ctx), { remote: info.name, url: entry.url }) : () => {});
          if (offers) offered();
          if (offers && wanted) {
            state.status = 'registered';
            await wanted;
            state.status = 'loading';
          }
          state.wantEntry = undefined;
          // A negotiation its offers could change waits for this entry: at most shareInitTimeout ms
          // (without offers nothing waits on it here; start-up's own bound is initRemote's).
          const slow = offers && giveUpAfter(state, policy.shareInitTimeout);
          const container = await recordStep(steps, 'entry', entry.url, () => loadContainer(info, entry, ctx.plugins, policy, snapshot ? options : afterSnapshot)).finally(() => clearTimeout(slow || undefined));
          try {
            await recordStep(steps, 'init', entry.url, async () => {
              const before = entriesOf(scope);
              withdraw();
              const done = container.init(scope, initScope);
              if (offers) checkRegistrations(scope, before, entry.name, offers, { remote: info.name, url: entry.url });
              await done;
            });
          } catch (cause) {
            throw wrapError(cause, 'TESSERA_REMOTE_LOAD_FAILED', 'init: ', { remote: info.name, url: entry.url });
          }
          return container;
        } catch (error) {
          state.withdraw?.();
          if (lifetime.signal.aborted) throw first ?? error;
          // A remote that is down or slow is no stale snapshot: its manifest is not fetched too.
          if (snapshot && !(isFederationError(error) && /TIMEOUT|UNAVAILABLE/.test(error.code))) continue;
          first ??= error;
          break;
        }
      }
    }
    throw first;
  })();
  state.container = loading;
  const settle = (error?: FederationError) => {
    offered();
    state.status = error ? 'error' : 'loaded';
    state.error = error;
    state.failed = !!error;
    state.loadTimeMs = Math.round((now() - started) * 10) / 10;
    if (!error || !isFederationError(error) || error.code != 'TESSERA_REMOTE_UNAVAILABLE') breaker.record(!error);
    if (error && state.container === loading) state.container = undefined;
  };
  loading.then(() => settle(), settle);
  return loading;
}

/**
 * 'version-first' start-up of one remote: starts loading it and resolves once its shared versions
 * are in the share scope (offered from its manifest, or registered by its entry), or it failed
 * (warned), or `shareInitTimeout` ms passed (warned; its offers are withdrawn: the page goes on
 * without it, as webpack's start-up does without a remote that failed). Never rejects.
 */
export function initRemote(state: RemoteState, ctx: RemoteLoadContext, initScope: unknown[]): Promise<void> {
  const wait = ctx.policy(state).shareInitTimeout;
  return new Promise((resolve) => {
    const timer = giveUpAfter(state, wait, resolve);
    const done = () => (clearTimeout(timer), resolve());
    ensureContainer(state, ctx, initScope, true)
      .catch((error: Error) => console.warn(`Initialization of sharing external failed: ${error.message}`))
      .finally(done);
    void state.offered!.then(done);
  });
}

/** Unless cleared within `wait` ms: warns, and withdraws the remote's offers (negotiations go on without it). */
function giveUpAfter(state: RemoteState, wait: number, then?: () => void): ReturnType<typeof setTimeout> {
  return setTimeout(() => {
    console.warn(`Remote "${state.info.name}" is slow: going on without it after ${wait} ms`);
    state.withdraw?.();
    then?.();
  }, wait);
}

/**
 * Starts downloading the files of `expose` (its manifest's `assets`: module preloads, stylesheets)
 * as soon as the remote's manifest is read, while its entry loads and initialises.
 */
export function preloadExpose(state: RemoteState, expose: string, ctx: RemoteLoadContext): void {
  void state.offered?.then(() => {
    const assets = state.assets?.[expose];
    if (!assets || !state.url) return;
    for (const url of assets.js) preloadModule(url);
    for (const url of assets.css) loadStylesheet(url, state.info.name, ctx.policy(state), new URL('.', state.url).href).catch(() => {});
  });
}

async function fetchManifest(
  state: RemoteState,
  url: string,
  ctx: RemoteLoadContext,
  policy: NetworkPolicy,
  options: { lifetime: AbortSignal },
): Promise<ManifestEntry> {
  const remote = state.info.name;
  const fetcher = (u: string, init: RequestInit) => firstResult<Promise<Response>>(ctx.plugins, 'fetch', { remote, url }, u, init) ?? fetch(u, init);
  const json = await withRetries(url, policy, remote, async (target, signal) => {
    const response = await fetchChecked(fetcher, target, signal, remote);
    const text = await response.text().catch((cause) => {
      throw signal.aborted ? signal.reason : transientError(new FederationError('TESSERA_MANIFEST_FETCH_FAILED', 'Connection broke', { remote, url, cause }));
    });
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new FederationError('TESSERA_MANIFEST_INVALID', 'Manifest is not JSON', { remote, url, cause });
    }
  }, options);
  return readManifest(json, url, remote);
}

function now(): number {
  return typeof performance != 'undefined' ? performance.now() : Date.now();
}
