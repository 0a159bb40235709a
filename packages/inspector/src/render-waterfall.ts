import type { LoadStep } from '@tessera/runtime';
import type { RemoteView } from './remote-status.js';
import { esc, fileOf, ms } from './html.js';

/** The time span every waterfall of the panel shares, so their bars line up: [start, end] in ms. */
export function timeAxis(remotes: RemoteView[]): [number, number] {
  const steps = remotes.flatMap((r) => r.steps ?? []);
  if (!steps.length) return [0, 1];
  const start = Math.min(...steps.map((s) => s.startMs));
  const end = Math.max(...steps.map((s) => s.endMs ?? performance.now()));
  return [start, Math.max(end, start + 1)];
}

const LABEL: Record<LoadStep['kind'], string> = { manifest: 'manifest', entry: 'entry', init: 'init', expose: 'expose', chunk: 'chunk', css: 'CSS' };

/**
 * A remote's load as a waterfall: one row per step (manifest, entry, init, each exposed module,
 * chunk and stylesheet), a bar from its start to its end on the shared `axis`, its duration.
 */
export function renderWaterfall(remote: RemoteView, [start, end]: [number, number]): string {
  const steps = [...(remote.steps ?? [])].sort((a, b) => a.startMs - b.startMs);
  if (!steps.length) return '<p class="muted">No load recorded yet.</p>';
  const span = end - start;
  const rows = steps.map((step) => {
    const stepEnd = step.endMs ?? performance.now();
    const left = ((step.startMs - start) / span) * 100;
    const width = Math.max(0.5, ((stepEnd - step.startMs) / span) * 100);
    const what = step.kind === 'expose' ? step.name : `${fileOf(step.url)}${step.name ? ` (${step.name})` : ''}`;
    const state = step.error ? ` failed" title="${esc(step.error)}` : step.endMs === undefined ? ' running' : '';
    return `<div class="step" data-kind="${step.kind}">` +
      `<span class="label" title="${esc(step.url ?? '')}"><b>${LABEL[step.kind]}</b> ${esc(what)}</span>` +
      `<span class="track"><span class="bar ${step.kind}${state}" style="left:${left.toFixed(2)}%;width:${width.toFixed(2)}%"></span></span>` +
      `<span class="time">${step.error ? esc(step.error) : ms(stepEnd - step.startMs)}</span></div>`;
  });
  return `<div class="waterfall" data-testid="inspector-waterfall-${esc(remote.name)}">${rows.join('')}</div>`;
}
