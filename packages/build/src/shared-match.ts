import type { SharedPackage } from './config.js';

/**
 * The configured shared package an import specifier belongs to: the package itself or any of
 * its subpaths ('react/jsx-runtime' belongs to 'react'). The longest configured key wins, so a
 * config may set options for 'react-dom/client' apart from 'react-dom'.
 */
export function matchShared(specifier: string, shared: Record<string, SharedPackage>): SharedPackage | undefined {
  let best: SharedPackage | undefined;
  for (const s of Object.values(shared)) {
    if ((specifier === s.key || specifier.startsWith(`${s.key}/`)) && (!best || s.key.length > best.key.length)) best = s;
  }
  return best;
}
