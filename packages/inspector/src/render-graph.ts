import { esc } from './html.js';
import { statusLabel, statusLine, type InspectorView } from './remote-status.js';

const NODE_H = 40;
const ROW = 52;
const COLUMN = { host: 130, remote: 230, expose: 150 };
const GAP = 40;

interface Node { id: string; column: number; row: number; width: number; title: string; subtitle: string; kind: 'host' | 'remote' | 'expose'; status?: string }

/**
 * The federation as an SVG graph, left to right: each host, the remotes it registered (coloured
 * by status, with the error code of a failed one), and the exposed modules of each remote
 * (solid: loaded, dashed: listed by its manifest only).
 */
export function renderGraph(info: InspectorView): string {
  const nodes = new Map<string, Node>();
  const edges: [string, string][] = [];
  const remoteNames = new Set(info.remotes.map((r) => r.name));
  const depth = new Map<string, number>();
  const depthOf = (app: string, seen = new Set<string>()): number => {
    if (depth.has(app)) return depth.get(app)!;
    const hosts = info.remotes.filter((r) => r.name === app && !seen.has(r.host)).map((r) => r.host);
    const d = hosts.length ? Math.max(...hosts.map((h) => depthOf(h, new Set([...seen, app])))) + 1 : 0;
    depth.set(app, d);
    return d;
  };
  const rows: number[] = [];
  const place = (node: Omit<Node, 'row'>) => {
    if (nodes.has(node.id)) return;
    const row = (rows[node.column] = (rows[node.column] ?? -1) + 1);
    nodes.set(node.id, { ...node, row });
  };
  const hosts = [...new Set(info.remotes.map((r) => r.host))].filter((h) => !remoteNames.has(h));
  for (const app of [...info.instances.filter((i) => !remoteNames.has(i)), ...hosts]) {
    place({ id: `app:${app}`, column: 0, width: COLUMN.host, title: app, subtitle: 'host', kind: 'host' });
  }
  const remoteColumns = info.remotes.map((r) => depthOf(r.name));
  const exposeColumn = Math.max(1, ...remoteColumns) + 1;
  info.remotes.forEach((remote, i) => {
    const id = `app:${remote.name}`;
    if (remoteNames.has(remote.host)) place({ id: `app:${remote.host}`, column: depthOf(remote.host), width: COLUMN.remote, title: remote.host, subtitle: 'remote', kind: 'remote' });
    place({ id, column: remoteColumns[i]!, width: COLUMN.remote, title: remote.name, subtitle: statusLine(remote), kind: 'remote', status: statusLabel(remote) });
    edges.push([`app:${remote.host}`, id]);
    const loaded = new Set(remote.loadedExposes ?? []);
    for (const expose of new Set([...(remote.exposes ?? []), ...loaded])) {
      const exposeId = `expose:${remote.name}:${expose}`;
      place({ id: exposeId, column: exposeColumn, width: COLUMN.expose, title: expose, subtitle: loaded.has(expose) ? 'loaded' : 'not loaded', kind: 'expose', status: loaded.has(expose) ? 'loaded' : 'idle' });
      edges.push([id, exposeId]);
    }
  });
  // Each column as wide as its widest node.
  const widths: number[] = [];
  for (const n of nodes.values()) widths[n.column] = Math.max(widths[n.column] ?? 0, n.width);
  const x = (column: number) => 8 + Array.from(widths.slice(0, column), (w) => (w ?? 0) + GAP).reduce((a, b) => a + b, 0);
  const y = (row: number) => 8 + row * ROW;
  const width = x(exposeColumn) + COLUMN.expose + 8;
  const height = y(Math.max(0, ...rows)) + NODE_H + 8;
  const paths = edges.map(([from, to]) => {
    const a = nodes.get(from);
    const b = nodes.get(to);
    if (!a || !b) return '';
    const x1 = x(a.column) + a.width;
    const y1 = y(a.row) + NODE_H / 2;
    const x2 = x(b.column);
    const y2 = y(b.row) + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    return `<path class="edge" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}"/>`;
  });
  const boxes = [...nodes.values()].map((n) => {
    const status = n.status ? ` data-status="${esc(n.status)}"` : '';
    return `<g class="node ${n.kind}"${status} transform="translate(${x(n.column)},${y(n.row)})">` +
      `<rect width="${n.width}" height="${NODE_H}" rx="6"/>` +
      `<text x="10" y="16" class="title">${esc(n.title)}</text>` +
      `<text x="10" y="31" class="subtitle">${esc(n.subtitle)}</text></g>`;
  });
  return `<svg class="graph" data-testid="inspector-graph" role="img" aria-label="Hosts, remotes and exposed modules" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${paths.join('')}${boxes.join('')}</svg>`;
}
