import { withRetries, type NetworkPolicy } from './fetch-with-retry.js';
import { addElement, hashOf } from './integrity.js';
import { loadFailure } from './load-failure.js';

const stylesheets = new Map<string, { link: HTMLLinkElement; loading: Promise<void> }>();
const modulepreloads = new Set<string>();

/**
 * Adds `<link rel="stylesheet" href>` once per URL (tagged `data-tessera="<owner>"`, with the
 * page's nonce, and `integrity` when the manifest gave a hash) and resolves when it has loaded.
 * Timeouts and retries follow `policy`; a stylesheet that does not load rejects with
 * TESSERA_EXPOSE_LOAD_FAILED, TESSERA_REMOTE_TIMEOUT or TESSERA_INTEGRITY_FAILED, and the next
 * call tries again. Outside a browser there is nothing to do.
 */
export function loadStylesheet(href: string, owner: string, policy: NetworkPolicy): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  const known = stylesheets.get(href);
  if (known?.link.isConnected) return known.loading;
  const hash = hashOf(href);
  const record = { link: undefined as unknown as HTMLLinkElement, loading: Promise.resolve() };
  record.loading = withRetries(href, policy, owner, (url, signal) => new Promise<void>((resolve, reject) => {
    const link = (record.link = addElement('link', {
      rel: 'stylesheet', 'data-tessera': owner, ...(hash ? { integrity: hash, crossorigin: 'anonymous' } : {}), href: url,
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

/** Removes the stylesheets a runtime added for `owner` (a container name). */
export function removeStylesheets(owner: string): void {
  if (typeof document === 'undefined') return;
  for (const link of document.querySelectorAll(`link[data-tessera="${CSS.escape(owner)}"]`)) link.remove();
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
