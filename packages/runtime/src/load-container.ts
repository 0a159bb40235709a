import { FederationError, isFederationError } from './errors.js';
import { withRetries, type NetworkPolicy } from './fetch-with-retry.js';
import { firstResult, type FederationPlugin } from './hooks.js';
import { addElement, hashOf, trustBusted } from './integrity.js';
import { loadFailure } from './load-failure.js';
import type { RemoteEntryType, RemoteInfo } from './remote-options.js';
import type { Container } from './types.js';

/**
 * Loads a remote entry and returns its container (`{ init, get }`).
 * `module`: `import(url)`. `var`: a `<script>` (made by the `createScript` hook if one returns
 * an element) that sets `globalThis[globalName]`, as webpack's `library.type: 'var'` emits.
 * Each attempt gets `policy.timeout` ms; transient failures are retried (see `withRetries`);
 * `bust` imports a new URL from the first attempt (after a failed evaluation).
 * Fails with `TESSERA_REMOTE_LOAD_FAILED` (a hint tells a syntax error from an unreachable file),
 * `TESSERA_REMOTE_TIMEOUT`, `TESSERA_INTEGRITY_FAILED` or `TESSERA_REMOTE_INVALID_CONTAINER`
 * (loaded, but no `init`/`get`).
 */
export async function loadContainer(
  remote: RemoteInfo,
  entry: { url: string; type: RemoteEntryType; globalName: string },
  plugins: readonly FederationPlugin[],
  policy: NetworkPolicy,
  options: { bust?: boolean; lifetime?: AbortSignal } = {},
): Promise<Container> {
  const container = await withRetries(entry.url, policy, remote.name, async (url) => {
    try {
      if (entry.type == 'module') {
        trustBusted(url);
        return await import(/* @vite-ignore */ /* webpackIgnore: true */ url);
      }
      return await loadScript(url, entry.globalName, remote, plugins);
    } catch (cause) {
      throw isFederationError(cause) ? cause : await loadFailure('TESSERA_REMOTE_LOAD_FAILED', cause, [entry.url], remote.name, policy.timeout);
    }
  }, options);
  const c = container as Partial<Container> | undefined;
  if (!c || typeof c.init != 'function' || typeof c.get != 'function') {
    throw new FederationError('TESSERA_REMOTE_INVALID_CONTAINER', `No init/get (${entry.type} ${entry.globalName})`, { remote: remote.name, url: entry.url });
  }
  return c as Container;
}

function loadScript(url: string, globalName: string, remote: RemoteInfo, plugins: readonly FederationPlugin[]): Promise<unknown> {
  const g = globalThis as Record<string, unknown>;
  if (g[globalName] !== undefined) return Promise.resolve(g[globalName]);
  if (typeof document == 'undefined') {
    return Promise.reject(new Error('a "var" entry needs a DOM'));
  }
  return new Promise((resolve, reject) => {
    const hash = hashOf(url);
    const script = firstResult<HTMLScriptElement>(plugins, 'createScript', { remote: remote.name, url }, { url, remote })
      ?? addElement('script', { ...(hash ? { integrity: hash, crossorigin: 'anonymous' } : {}), src: url });
    if (!script.src) script.src = url;
    script.async = true;
    script.onload = () => {
      script.remove();
      resolve(g[globalName]);
    };
    script.onerror = () => {
      script.remove();
      reject(new Error(`script ${url} failed to load`));
    };
    if (!script.isConnected) document.head.appendChild(script);
  });
}
