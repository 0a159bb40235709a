import type { ChunkRequirements } from '@tessera/runtime';
import type { ResolvedConfig } from './config.js';

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Preload hints for the host's page, so that its requests start as the HTML arrives instead of one
 * after the other (main.js → runtime start-up → main chunk → shared modules → remote manifests):
 * `modulepreload` of the chunks main.js imports statically (`entryImports`), of the app's own entry chunk (`main`) and of the shared fallbacks it consumes
 * that the app provides, `preload as=style` of its stylesheets, and `preload as=fetch` of each
 * remote's `mf-manifest.json` (the runtime's `fetch` of it, `cors` without credentials, takes the
 * preloaded response). A shared fallback may go unused when a remote provides a higher version: the
 * price of not waiting for the negotiation (the host's own copies win ties, so in the usual setup
 * of one version everywhere nothing is wasted). The same approach as Vite's `modulepreload` of an
 * entry's imports. A manifest in the build's `snapshot` is not preloaded (the runtime does not
 * fetch it). Returns the `<link>` lines, relative URLs against the page.
 */
export function pageHints(config: ResolvedConfig, chunks: Record<string, ChunkRequirements>, entryImports: string[] = [], snapshot: Record<string, unknown> = {}): string[] {
  const main = chunks.main;
  if (!main) return [];
  const scripts = startupScripts(chunks, entryImports);
  // The CSP nonce the runtime gives its elements (`runtime.nonce`), for a page whose policy asks for one.
  const nonce = typeof config.runtime.nonce === 'string' ? ` nonce="${attr(config.runtime.nonce)}"` : '';
  const manifests = config.remotes.flatMap((remote) => (remote.entries[0]?.manifest && !Object.hasOwn(snapshot, remote.entries[0].url) ? [remote.entries[0].url] : []));
  return [
    ...[...new Set(manifests)].map((url) => `<link rel="preload" as="fetch" crossorigin href="${attr(url)}"${nonce}>`),
    ...scripts.map((file) => `<link rel="modulepreload" href="./${attr(file)}"${nonce}>`),
    ...(main.css ?? []).map((file) => `<link rel="preload" as="style" href="./${attr(file)}"${nonce}>`),
  ];
}

/**
 * The host page's start-up JavaScript (paths relative to `outDir`): main.js's static imports, the
 * main chunk and its static imports, and the shared fallbacks the main chunk consumes that the app
 * provides. Empty for an app without a host entry.
 */
export function startupScripts(chunks: Record<string, ChunkRequirements>, entryImports: string[] = []): string[] {
  const main = chunks.main;
  if (!main) return [];
  const scripts = new Set([...entryImports, ...(main.js ?? [])]);
  for (const key of main.shares ?? []) for (const file of chunks[`shared:${key}`]?.js ?? []) scripts.add(file);
  return [...scripts];
}
