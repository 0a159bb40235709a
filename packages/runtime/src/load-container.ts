import { FederationError } from './errors.js';
import { firstResult, type FederationPlugin } from './hooks.js';
import type { RemoteEntryType, RemoteInfo } from './remote-options.js';
import type { Container } from './types.js';

/**
 * Loads a remote entry and returns its container (`{ init, get }`).
 * `module`: `import(url)`. `var`: a `<script>` (made by the `createScript` hook if one returns
 * an element) that sets `globalThis[globalName]`, as webpack's `library.type: 'var'` emits.
 * Fails with `TESSERA_REMOTE_LOAD_FAILED`, `TESSERA_REMOTE_TIMEOUT` (after `timeoutMs` ms) or
 * `TESSERA_REMOTE_INVALID_CONTAINER` (loaded, but no `init`/`get`).
 */
export async function loadContainer(
  remote: RemoteInfo,
  entry: { url: string; type: RemoteEntryType; globalName: string },
  plugins: readonly FederationPlugin[],
  timeoutMs: number,
): Promise<Container> {
  const details = { remote: remote.name, url: entry.url };
  const loading = entry.type === 'module' ? importModule(entry.url) : loadScript(entry.url, entry.globalName, remote, plugins);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FederationError('TESSERA_REMOTE_TIMEOUT', `Remote entry did not load within ${timeoutMs} ms`, {
        ...details, hint: 'Check that the remote is up, or raise `remoteTimeout`',
      })),
      timeoutMs,
    );
  });
  let container: unknown;
  try {
    container = await Promise.race([loading, timeout]);
  } catch (cause) {
    if (cause instanceof FederationError) throw cause;
    throw new FederationError('TESSERA_REMOTE_LOAD_FAILED', `Could not load the remote entry: ${(cause as Error)?.message ?? cause}`, {
      ...details, cause, hint: 'Check that the remote is deployed and reachable from this page (URL, CORS, server up)',
    });
  } finally {
    clearTimeout(timer);
  }
  const c = container as Partial<Container> | undefined;
  if (!c || typeof c.init !== 'function' || typeof c.get !== 'function') {
    throw new FederationError('TESSERA_REMOTE_INVALID_CONTAINER', 'The remote entry loaded but exports no container (init and get)', {
      ...details, hint: `Check the entry URL and type (got type "${entry.type}"${entry.type === 'var' ? `, global "${entry.globalName}"` : ''})`,
    });
  }
  return c as Container;
}

function importModule(url: string): Promise<unknown> {
  return import(/* @vite-ignore */ /* webpackIgnore: true */ url);
}

function loadScript(url: string, globalName: string, remote: RemoteInfo, plugins: readonly FederationPlugin[]): Promise<unknown> {
  const g = globalThis as Record<string, unknown>;
  if (g[globalName] !== undefined) return Promise.resolve(g[globalName]);
  if (typeof document === 'undefined') {
    return Promise.reject(new Error('a "var" remote entry needs a DOM to add its <script>; in Node build the remote as a module entry'));
  }
  return new Promise((resolve, reject) => {
    const script = firstResult<HTMLScriptElement>(plugins, 'createScript', { url, remote }) ?? document.createElement('script');
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
    document.head.appendChild(script);
  });
}
