import { unbustUrl } from './fetch-with-retry.js';
import { tesseraGlobal } from './global.js';

/**
 * Subresource integrity of remote files. Mechanism: an import map with an `integrity` section
 * (`{ "integrity": { "<absolute URL>": "sha384-…" } }`), added to the page before the first
 * `import()` of those URLs. The browser then checks every module it fetches at those URLs, the
 * remote entry and every chunk it imports statically or dynamically, before any of it runs, and
 * refuses bytes that differ. This is the only mechanism that covers a module's static imports
 * (`<link rel=modulepreload integrity>` covers one URL; fetch + verify + import of a blob loses
 * the module's URL, and re-importing the URL after verifying fetches the bytes again unverified).
 * Stylesheets and preloads get the `integrity` attribute. Node has no import maps: its http
 * import hooks (`@tessera/runtime/node`) ask for the hashes kept here and check the bytes instead.
 */
export function trustHashes(hashes: Record<string, string>): void {
  const known = (tesseraGlobal().integrity ??= {});
  const added: Record<string, string> = {};
  // The newest hash serves cache-busted URLs; the browser keeps the first import map entry per URL.
  for (const url in hashes) if (known[url] != hashes[url]) known[url] = added[url] = hashes[url]!;
  if (typeof document != 'undefined' && Object.keys(added).length) addElement('script', { type: 'importmap' }).textContent = JSON.stringify({ integrity: added });
}

/** The hash recorded for `url` (a cache-busted URL has its original's), if any. */
export function hashOf(url: string): string | undefined {
  return tesseraGlobal().integrity?.[unbustUrl(url)];
}

/** Adds `url`'s hash for a cache-busted form of it before that is imported. */
export function trustBusted(url: string): void {
  const hash = hashOf(url);
  if (hash) trustHashes({ [url]: hash });
}

/** Creates `<tag>` with `attributes` and the page's CSP nonce, and appends it to `<head>`. */
export function addElement<K extends 'script' | 'link'>(tag: K, attributes: Record<string, string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.nonce = tesseraGlobal().nonce ?? '';
  for (const name in attributes) element.setAttribute(name, attributes[name]!);
  return document.head.appendChild(element);
}
