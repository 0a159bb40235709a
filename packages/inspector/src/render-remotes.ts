import { esc, ms } from './html.js';
import { statusLabel, type RemoteView } from './remote-status.js';
import { renderWaterfall, timeAxis } from './render-waterfall.js';

/** One card per remote: URL, status (and error), integrity, load time, retries, Retry/Unload, waterfall. */
export function renderRemotes(remotes: RemoteView[]): string {
  if (!remotes.length) return '<p class="muted">No remotes registered.</p>';
  const axis = timeAxis(remotes);
  return remotes.map((remote) => {
    const label = statusLabel(remote);
    const name = esc(remote.name);
    const facts = [
      ['host', remote.host],
      ['URL', remote.url ?? remote.entry],
      ['type', remote.type],
      ['integrity', remote.integrity ?? '–'],
      ['load time', ms(remote.loadTimeMs)],
      ['retries', String(remote.retries ?? 0)],
    ].map(([k, v]) => `<dt>${k}</dt><dd${k === 'URL' ? ' data-testid="inspector-url"' : ''}>${esc(v)}</dd>`).join('');
    const error = remote.error
      ? `<p class="error" data-testid="inspector-error-${name}"><code>${esc(remote.error.code)}</code> ${esc(remote.error.message)}</p>`
      : '';
    const button = (action: string, text: string) =>
      `<button type="button" data-action="${action}" data-host="${esc(remote.host)}" data-remote="${name}" data-testid="inspector-${action}-${name}">${text}</button>`;
    const actions = remote.status === 'unloaded' ? button('reload', 'Load again')
      : (remote.status === 'loaded' || remote.status === 'loading' ? '' : button('retry', 'Retry')) + button('unload', 'Unload');
    return `<article class="remote" data-testid="inspector-remote-${name}" data-status="${esc(label)}">` +
      `<header><h3>${name}</h3><span class="badge" data-testid="inspector-status-${name}" data-status="${esc(label)}">${esc(label)}</span><span class="actions">${actions}</span></header>` +
      `<dl>${facts}</dl>${error}${renderWaterfall(remote, axis)}</article>`;
  }).join('');
}
