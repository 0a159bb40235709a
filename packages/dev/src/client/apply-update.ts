import type { HotUpdate } from '../hot-messages.js';
import type { DevGlobal } from './dev-global.js';
import { hideErrorOverlay, showErrorOverlay } from './error-overlay.js';
import { swapStylesheet } from './swap-stylesheet.js';

let imports = 0;

/**
 * A URL the page has never imported: a module file can come back (an edit undone gives the file
 * of an earlier build again) and the browser would hand back the module it already ran.
 */
function freshUrl(url: string, base: string): string {
  const fresh = new URL(url, base);
  fresh.searchParams.set('t', String(++imports));
  return fresh.href;
}

/** Reloads the page, saying why in the console. */
export function reloadPage(app: string, reason: string): void {
  console.info(`[tessera dev] ${app}: ${reason}; reloading`);
  location.reload();
}

/**
 * Applies one app's update on this page (`base`: the URL of the app's dev output): swaps its
 * changed stylesheets, imports the new file of each changed module that ran on this page, and
 * when every one of them is a Fast Refresh boundary, re-renders with their new code (state kept);
 * otherwise reloads. An error while running the new code shows the overlay.
 */
export async function applyUpdate(dev: DevGlobal, update: HotUpdate, base: string): Promise<void> {
  hideErrorOverlay(update.app);
  await Promise.all(update.css.map((c) => swapStylesheet(new URL(c.from, base).href, new URL(c.to, base).href)));
  const modules = update.modules.filter((m) => dev.hasRun(`${update.app}:${m.id}`));
  if (!modules.length) return;
  if (!dev.canRefresh) return reloadPage(update.app, 'React loaded before the Fast Refresh runtime');
  let namespaces: Record<string, unknown>[];
  try {
    namespaces = await Promise.all(modules.map((m) => import(/* @vite-ignore */ freshUrl(m.url, base)) as Promise<Record<string, unknown>>));
  } catch (error) {
    // A shared module or remote module the page has not loaded yet: only a fresh load negotiates it.
    const code = (error as { code?: string })?.code;
    if (code === 'TESSERA_SHARE_NOT_LOADED' || code === 'TESSERA_REMOTE_NOT_FOUND') return reloadPage(update.app, (error as Error).message);
    showErrorOverlay(update.app, [{ text: String((error as Error)?.stack ?? error) }]);
    return;
  }
  const notBoundary = modules.find((_, i) => !dev.isBoundary(namespaces[i]!));
  if (notBoundary) return reloadPage(update.app, `${notBoundary.id} exports something other than React components`);
  dev.refresh();
}
