import { withRetries, type NetworkPolicy } from './fetch-with-retry.js';
import { addElement, hashOf } from './integrity.js';
import { loadFailure } from './load-failure.js';

const stylesheets = new Map<string, { link: HTMLLinkElement; loading: Promise<void> }>();
const modulepreloads = new Set<string>();

/**
 * Adds `<link rel="stylesheet" href>` once per URL (tagged `data-tessera="<folder>"`: the folder URL
 * of the remote entry whose chunk needs it, with the page's nonce, and `integrity` when the manifest
 * gave a hash) and resolves when it has loaded. `owner` (a container name) is the remote its errors name.
 * Timeouts and retries follow `policy`; a stylesheet that does not load rejects with
 * TESSERA_EXPOSE_LOAD_FAILED, TESSERA_REMOTE_TIMEOUT or TESSERA_INTEGRITY_FAILED, and the next
 * call tries again. Outside a browser there is nothing to do.
 */
export function loadStylesheet(href: string, owner: string, policy: NetworkPolicy, folder: string): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  const known = stylesheets.get(href);
  if (known?.link.isConnected) return known.loading;
  const hash = hashOf(href);
  const record = { link: undefined as unknown as HTMLLinkElement, loading: Promise.resolve() };
  record.loading = withRetries(href, policy, owner, (url, signal) => new Promise<void>((resolve, reject) => {
    const link = (record.link = addElement('link', {
      rel: 'stylesheet', 'data-tessera': folder, ...(hash ? { integrity: hash, crossorigin: 'anonymous' } : {}), href: url,
    }));
    link.onload = () => resolve();
    link.onerror = () => {
      link.remove();
      loadFailure('TESSERA_EXPOSE_LOAD_FAILED', 0, [href], owner, policy.timeout).then(reject);
    };
    signal.addEventListener('abort', () => link.remove());
  }));
  stylesheets.set(href, record);
  record.loading.catch(() => stylesheets.delete(href));
  return record.loading;
}

/**
 * Removes the stylesheets the runtimes on the page added for the chunks of the remote entry at
 * `entryUrl` (those tagged with its folder), whatever name the host gave the remote.
 */
export function removeStylesheets(entryUrl: string): void {
  if (typeof document === 'undefined') return;
  let folder: string;
  try {
    folder = new URL('.', new URL(entryUrl, document.baseURI)).href;
  } catch {
    return; // not a URL: nothing was loaded from it
  }
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[data-tessera]')) if (link.dataset.tessera === folder) link.remove();
}

/**
 * Starts downloading an ES module without running it (`<link rel="modulepreload">`, with the
 * page's nonce and the manifest's `integrity`), once per URL, so a chunk's files arrive while what
 * it needs first (shared modules, stylesheets) is negotiated, as webpack fetches a chunk in
 * parallel with its consumes. Outside a browser, nothing.
 */
export function preloadModule(href: string): void {
  if (typeof document === 'undefined' || modulepreloads.has(href)) return;
  modulepreloads.add(href);
  const hash = hashOf(href);
  addElement('link', { rel: 'modulepreload', ...(hash ? { integrity: hash } : {}), href });
}
