import { tesseraGlobal } from './global.js';
import { bustUrl } from './fetch-with-retry.js';

/**
 * Subresource integrity of remote files. Mechanism: an import map with an `integrity` section
 * (`{ "integrity": { "<absolute URL>": "sha384-…" } }`), added to the page before the first
 * `import()` of those URLs. The browser then checks every module it fetches at those URLs, the
 * remote entry and every chunk it imports statically or dynamically, before any of it runs, and
 * refuses bytes that differ. This is the only mechanism that covers a module's static imports
 * (`<link rel=modulepreload integrity>` covers one URL; fetch + verify + import of a blob loses
 * the module's URL, and re-importing the URL after verifying fetches the bytes again unverified).
 * Stylesheets get the `integrity` attribute. Node has no import maps: there, nothing is verified.
 */
export function trustHashes(hashes: Record<string, string>): void {
  const known = (tesseraGlobal().integrity ??= {});
  const added: Record<string, string> = {};
  // The newest hash serves cache-busted URLs; the browser keeps the first import map entry per URL.
  for (const url in hashes) if (known[url] !== hashes[url]) known[url] = added[url] = hashes[url]!;
  if (typeof document === 'undefined' || !Object.keys(added).length) return;
  const map = addElement('script', { type: 'importmap' });
  map.textContent = JSON.stringify({ integrity: added });
}

/** The hash recorded for `url` (a cache-busted URL has its original's), if any. */
export function hashOf(url: string): string | undefined {
  const known = tesseraGlobal().integrity ?? {};
  if (known[url]) return known[url];
  try {
    const u = new URL(url);
    u.searchParams.delete('tessera-retry');
    return known[u.href];
  } catch {
    return undefined;
  }
}

/** Adds `url`'s hash for a cache-busted form of it before that is imported. */
export function trustBusted(url: string): void {
  const hash = hashOf(url);
  if (hash) trustHashes({ [url]: hash });
}

/** Creates `<tag>` with `attributes` and the page's CSP nonce, and appends it to `<head>`. */
export function addElement<K extends 'script' | 'link'>(tag: K, attributes: Record<string, string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  const nonce = tesseraGlobal().nonce;
  if (nonce) element.nonce = nonce;
  for (const name in attributes) element.setAttribute(name, attributes[name]!);
  document.head.appendChild(element);
  return element;
}

/**
 * Why loading some of `urls` failed, found by fetching them again (cache-busted, within
 * `timeout` ms): the first URL that is unreachable ('network'), answers an HTTP error (its
 * status) or whose bytes differ from its hash ('integrity'); undefined when all look fine.
 */
export async function diagnose(urls: string[], timeout: number): Promise<{ url: string; problem: 'network' | 'integrity' | number } | undefined> {
  for (const url of urls) {
    let bytes: ArrayBuffer;
    try {
      const response = await fetch(bustUrl(url), { signal: AbortSignal.timeout(timeout) });
      if (!response.ok) return { url, problem: response.status };
      bytes = await response.arrayBuffer();
    } catch {
      return { url, problem: 'network' };
    }
    const hash = hashOf(url);
    if (hash?.startsWith('sha384-') && hash !== `sha384-${base64(await crypto.subtle.digest('SHA-384', bytes))}`) return { url, problem: 'integrity' };
  }
  return undefined;
}

function base64(buffer: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
