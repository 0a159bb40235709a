import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Metafile } from 'esbuild';
import type { ResolvedConfig } from './config.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The remote module ids ('catalog/ProductList') that the app's own source files name as string
 * literals, for a configured remote (by name or alias): what `<RemoteComponent id="catalog/ProductList">`
 * or `loadRemote('cart/CartSummary')` will ask for. The host's entry starts loading them while the
 * app's own code downloads, so they are there when the UI first renders. Files under node_modules
 * are not read; an id that names no exposed module only costs the remote's manifest, which the
 * start-up loads anyway. Sorted.
 */
export function namedRemoteModules(config: ResolvedConfig, metafile: Metafile): string[] {
  const prefixes = config.remotes.flatMap((r) => [r.name, ...(r.alias ? [r.alias] : [])]);
  if (!prefixes.length) return [];
  const pattern = new RegExp(`(["'\`])((?:${prefixes.map(escape).join('|')})/[\\w$@.\\-/]+)\\1`, 'g');
  const ids = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    if (/^[a-z-]+:/.test(input) || input.includes('node_modules') || !/\.[cm]?[jt]sx?$/.test(input)) continue;
    let text: string;
    try {
      text = readFileSync(isAbsolute(input) ? input : join(config.root, input), 'utf8');
    } catch {
      continue;
    }
    for (const match of text.matchAll(pattern)) ids.add(match[2]!);
  }
  return [...ids].sort();
}
