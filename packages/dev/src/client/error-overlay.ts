import type { HotBuildError } from '../hot-messages.js';

const OVERLAY_ID = (app: string) => `tessera-error-overlay-${app}`;

/**
 * Shows a build error of `app` over the page: the app's name, then each error as
 * file:line:column and its message. One overlay per app; showing again replaces it.
 */
export function showErrorOverlay(app: string, errors: HotBuildError['errors']): void {
  if (typeof document === 'undefined') return;
  hideErrorOverlay(app);
  const overlay = document.createElement('div');
  overlay.id = OVERLAY_ID(app);
  overlay.setAttribute('data-testid', 'tessera-error-overlay');
  overlay.setAttribute('data-app', app);
  overlay.setAttribute('role', 'alert');
  overlay.style.cssText =
    'position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.92);color:#f4f4f5;font:14px/1.5 ui-monospace,monospace;padding:2rem;overflow:auto;white-space:pre-wrap';
  const title = document.createElement('div');
  title.style.cssText = 'color:#ff6b6b;font-weight:bold;margin-bottom:1rem';
  title.textContent = `Build failed in ${app}`;
  overlay.appendChild(title);
  for (const e of errors) {
    const item = document.createElement('div');
    item.setAttribute('data-testid', 'tessera-error');
    item.style.marginBottom = '1rem';
    const where = e.file ? `${e.file}:${e.line ?? 0}:${e.column ?? 0}` : '';
    item.textContent = `${app} ${where}\n${e.text}`;
    overlay.appendChild(item);
  }
  const hint = document.createElement('div');
  hint.style.opacity = '0.7';
  hint.textContent = 'Fix the error and save: the update applies and this closes.';
  overlay.appendChild(hint);
  document.body.appendChild(overlay);
}

export function hideErrorOverlay(app: string): void {
  if (typeof document === 'undefined') return;
  document.getElementById(OVERLAY_ID(app))?.remove();
}
