import { HOT_PATH, type HotMessage } from '../hot-messages.js';
import { applyUpdate, reloadPage } from './apply-update.js';
import { devGlobal } from './dev-global.js';
import { showErrorOverlay } from './error-overlay.js';

/**
 * Run first by every entry of a development build: joins (or installs) the page's Fast Refresh
 * runtime and subscribes the page to `app`'s hot-update channel, on the dev server that served
 * `chunkUrl` (the same channel its dev manifest announces), once per app. Updates of all apps
 * apply one after another. When the channel drops, it retries every second and reloads the
 * page once the dev server is back (it restarted: what the page has may be gone).
 */
export function connectApp(app: string, chunkUrl: string): void {
  if (typeof WebSocket === 'undefined' || typeof location === 'undefined') return;
  const dev = devGlobal();
  if (dev.channels.has(app)) return;
  const base = new URL('./', chunkUrl).href;
  const channel = new URL(HOT_PATH, chunkUrl);
  channel.protocol = channel.protocol === 'https:' ? 'wss:' : 'ws:';
  let buildId: number | undefined;
  const open = (afterDrop: boolean) => {
    const socket = new WebSocket(channel.href);
    dev.channels.set(app, socket);
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as HotMessage;
      if (message.type === 'connected') {
        if (afterDrop || (buildId !== undefined && buildId !== message.buildId)) reloadPage(app, 'the dev server restarted');
        buildId = message.buildId;
      } else if (message.type === 'error') {
        showErrorOverlay(app, message.errors);
      } else if (message.type === 'reload') {
        reloadPage(app, message.reason);
      } else if (message.type === 'update') {
        buildId = message.buildId;
        dev.queue = dev.queue.then(() => applyUpdate(dev, message, base)).catch((error) => console.error(error));
      }
    };
    socket.onclose = () => setTimeout(() => open(true), 1000);
  };
  open(false);
}
