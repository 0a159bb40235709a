/**
 * The hot-update channel's messages, dev server → page, one JSON object per WebSocket message.
 * Paths of modules are relative to the app's root ('src/ProductList.tsx'); URLs of files are
 * relative to the app's dev output (the folder its remote entry is served from).
 */
export type HotMessage = HotConnected | HotUpdate | HotReload | HotBuildError;

/** Sent once on connection: which app this channel belongs to and its current build. */
export interface HotConnected {
  type: 'connected';
  app: string;
  buildId: number;
}

/** A successful rebuild: the changed modules to import again and the stylesheets to swap. */
export interface HotUpdate {
  type: 'update';
  app: string;
  buildId: number;
  /** Changed modules: `id` the module's path, `url` its new file (an ES module whose exports are the module's). */
  modules: { id: string; url: string }[];
  /** Stylesheets replaced by this build: `from` the old file, `to` the new one. */
  css: { from: string; to: string }[];
  /** Wall time of the rebuild, in ms. */
  buildMs: number;
}

/** A change that cannot be applied hot: every page that loaded this app's code reloads. */
export interface HotReload {
  type: 'reload';
  app: string;
  reason: string;
}

/** A build failed: pages show the overlay until the next successful build. */
export interface HotBuildError {
  type: 'error';
  app: string;
  errors: { file?: string; line?: number; column?: number; text: string }[];
}

/** Path of the WebSocket endpoint on every dev server. */
export const HOT_PATH = '/__tessera/hot';
