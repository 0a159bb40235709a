import type { SharedModuleInfo } from '@tessera/runtime';
import { esc } from './html.js';

const RULES: Record<string, string> = {
  'singleton-highest': 'singleton: highest version',
  'singleton-loaded': 'singleton: already loaded',
  'singleton-unsatisfied': 'singleton: highest, outside requiredVersion',
  'highest-satisfying': 'highest satisfying requiredVersion',
  'loaded-satisfying': 'already loaded, satisfies (loaded-first)',
  highest: 'highest (no requiredVersion)',
  'unsatisfied-highest': 'none satisfies: highest',
  'own-fallback': 'own fallback',
  plugin: 'chosen by a plugin',
  foreign: 'chosen by its own runtime',
};

/**
 * Every shared module: its registered versions (the registration kept in the scope, every app
 * that registered it, loaded or not), each consumer with the version it got, from whom and by
 * which rule, and the warnings.
 */
export function renderShared(shared: SharedModuleInfo[]): string {
  if (!shared.length) return '<p class="muted">Nothing shared.</p>';
  return [...shared].sort((a, b) => a.key.localeCompare(b.key)).map((s) => {
    const versions = s.versions.map((v) =>
      `<li class="version${v.loaded ? ' loaded' : ''}" data-testid="inspector-version"><b>${esc(v.version)}</b> from ${esc(v.from)}` +
      `${v.loaded ? ' <span class="tag">loaded</span>' : ''}${v.eager ? ' <span class="tag">eager</span>' : ''}` +
      `${(v.providers?.length ?? 0) > 1 ? ` <span class="muted">registered by ${esc(v.providers!.join(', '))}</span>` : ''}</li>`).join('');
    const consumers = s.consumers.map((c) =>
      `<tr data-testid="inspector-consumer"><td>${esc(c.consumer)}${c.runtime !== 'tessera' ? ` <span class="tag">${esc(c.runtime)}</span>` : ''}</td>` +
      `<td>${esc(c.version ?? '–')}</td><td>${esc(c.from)}</td>` +
      `<td title="${esc(c.reason)}"><span class="rule ${esc(c.rule)}">${esc(RULES[c.rule] ?? c.rule)}</span></td>` +
      `<td>${esc(c.requiredVersion === false ? 'any' : c.requiredVersion)}${c.strictVersion ? ' strict' : ''}</td></tr>`).join('');
    const warnings = (s.warnings ?? []).map((w) => `<li class="warning">${esc(w)}</li>`).join('');
    return `<section class="share" data-testid="inspector-shared-${esc(s.key)}"><h3>${esc(s.key)} <span class="muted">scope ${esc(s.scope)}</span></h3>` +
      `<ul class="versions">${versions}</ul>` +
      (consumers ? `<table><thead><tr><th>consumer</th><th>version</th><th>from</th><th>rule</th><th>required</th></tr></thead><tbody>${consumers}</tbody></table>` : '<p class="muted">Not consumed yet.</p>') +
      (warnings ? `<ul class="warnings">${warnings}</ul>` : '') + '</section>';
  }).join('');
}
