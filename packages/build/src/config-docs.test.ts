import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { configKeys, remoteKeys, sharedKeys } from './config.js';
import { esbuildPassThrough, federationOwned } from './esbuild-options.js';

const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'config.md'), 'utf8');

/** The backticked first cells of the table that follows `heading` (up to the first blank line). */
function tableKeys(after: string): string[] {
  const start = doc.indexOf(after);
  expect(start, `docs/config.md has "${after}"`).toBeGreaterThan(-1);
  const table = doc.slice(start).split('\n').slice(1).join('\n').split(/\n\n/)[0]!;
  return table.split('\n').flatMap((line) => /^\| `([^`]+)` \|/.exec(line)?.[1] ?? []);
}

it('docs/config.md documents every key of the config type, and no key it does not have', () => {
  const documented = tableKeys('| key | type | default | webpack |');
  expect([...documented].sort()).toEqual([...configKeys].sort());
  for (const key of documented) expect(doc, `a section for ${key}`).toMatch(new RegExp(`^### .*\`${key}\``, 'm'));
});

it('docs/config.md documents every shared option and remote option', () => {
  const [shared, remote] = [tableKeys('`SharedConfig`:'), tableKeys('an object, `RemoteConfig`:')];
  expect(shared.sort()).toEqual([...sharedKeys].sort());
  expect(remote.sort()).toEqual([...remoteKeys].sort());
});

it('docs/config.md names every esbuild option passed through and every one federation owns', () => {
  const section = doc.slice(doc.indexOf('### `esbuild`'), doc.indexOf('### `runtimePlugins`'));
  for (const key of [...Object.keys(esbuildPassThrough), ...Object.keys(federationOwned)]) expect(section).toContain(`\`${key}\``);
});
