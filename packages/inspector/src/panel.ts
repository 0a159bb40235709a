import type { FederationInfo, FederationInstance, InstanceInfoSource, TesseraGlobal } from '@tessera/runtime';
import { completeFederationInfo } from '@tessera/runtime/federation-info';
import { renderGraph } from './render-graph.js';
import { renderRemotes } from './render-remotes.js';
import { renderShared } from './render-shared.js';
import type { InspectorView, RemoteView } from './remote-status.js';
import { styles } from './styles.js';

export interface MountOptions {
  /** Where the federation info comes from. Default: the complete view (`completeFederationInfo`) of `globalThis.__TESSERA__`'s runtimes. */
  getInfo?: () => FederationInfo;
  /** How often the panel looks for changes while open, in ms (it redraws only on a change). Default 250. */
  intervalMs?: number;
  /** Called once the panel has closed. */
  onClose?: () => void;
}

export interface InspectorHandle {
  /** The panel's root element (`<tessera-inspector data-testid="tessera-inspector">`), its content in an open shadow root. */
  element: HTMLElement;
  /** Redraws now if the federation info changed. */
  refresh(): void;
  close(): void;
}

type Instance = InstanceInfoSource & Partial<Pick<FederationInstance, 'unloadRemote' | 'preloadRemote' | 'registerRemotes'>>;

const registry = () => (globalThis as { __TESSERA__?: TesseraGlobal }).__TESSERA__;

/**
 * Opens the inspector on this page: the federation graph (hosts → remotes → exposed modules),
 * each remote's URL, status, integrity, retries and load waterfall, with Retry and Unload, and
 * every shared module with its versions, consumers and the rule behind each choice. It follows
 * the page live (loads, failures, retries, hot updates) by reading the federation info every
 * `intervalMs`. Styles are isolated in a shadow root. Throws when no Tessera runtime is on the page.
 */
export function mountInspector({ getInfo, intervalMs = 250, onClose }: MountOptions = {}): InspectorHandle {
  const read = getInfo ?? (() => {
    const g = registry();
    if (!g) throw new Error('No Tessera runtime on this page (globalThis.__TESSERA__ is missing)');
    return completeFederationInfo(g.getFederationInfo(), g.instances);
  });
  const element = document.createElement('tessera-inspector');
  element.dataset.testid = 'tessera-inspector';
  const root = element.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${styles}</style><div class="panel" role="dialog" aria-label="Tessera inspector">
<div class="top"><h2>Tessera federation</h2><span class="summary"></span><button type="button" data-action="close" data-testid="inspector-close" title="Close (Alt+Shift+T)">Close</button></div>
<section><h2>Graph</h2><div class="graph-wrap"></div></section>
<section><h2>Remotes</h2><div class="remotes"></div></section>
<section><h2>Shared modules</h2><div class="shared"></div></section></div>`;
  const part = (selector: string) => root.querySelector(selector)!;
  let last = '';
  const seen = new Map<string, RemoteView>();
  const idOf = (r: { host: string; name: string }) => `${r.host}\0${r.name}`;

  function refresh(): void {
    const current = read();
    const present = new Set(current.remotes.map(idOf));
    for (const r of current.remotes) seen.set(idOf(r), r);
    const gone = [...seen.values()].filter((r) => !present.has(idOf(r))).map((r): RemoteView => ({ ...r, status: 'unloaded', error: undefined, circuitOpen: false }));
    const info: InspectorView = { ...current, remotes: [...current.remotes, ...gone] };
    const snapshot = JSON.stringify(info);
    if (snapshot === last) return;
    last = snapshot;
    const failed = info.remotes.filter((r) => r.status === 'error').length;
    part('.summary').textContent = `${info.instances.length} apps · ${info.remotes.length} remotes${failed ? ` (${failed} failed)` : ''} · ${info.shared.length} shared`;
    part('.graph-wrap').innerHTML = renderGraph(info);
    part('.remotes').innerHTML = renderRemotes(info.remotes);
    part('.shared').innerHTML = renderShared(info.shared);
  }

  function act(action: string, host: string, remote: string): void {
    const instance = registry()?.instances.find((i) => i.name === host) as Instance | undefined;
    const status = info().remotes.find((r) => r.host === host && r.name === remote);
    if (action === 'unload') instance?.unloadRemote?.(remote);
    if (action === 'reload' && status) instance?.registerRemotes?.([{ name: remote, entry: status.entry, type: status.type, ...(status.alias ? { alias: status.alias } : {}) }]);
    if (action !== 'unload') void instance?.preloadRemote?.([{ nameOrAlias: remote, exposes: status?.loadedExposes ?? [] }]).then(refresh);
    refresh();
  }
  const info = () => JSON.parse(last || '{"remotes":[]}') as InspectorView;

  root.addEventListener('click', (event) => {
    const button = (event.target as Element).closest?.('button[data-action]') as HTMLButtonElement | null;
    if (!button) return;
    if (button.dataset.action === 'close') handle.close();
    else act(button.dataset.action!, button.dataset.host!, button.dataset.remote!);
  });
  const timer = setInterval(refresh, intervalMs);
  const handle: InspectorHandle = {
    element,
    refresh,
    close() {
      clearInterval(timer);
      element.remove();
      onClose?.();
    },
  };
  refresh();
  document.body.appendChild(element);
  return handle;
}
