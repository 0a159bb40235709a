import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type * as Oxc from 'oxc-transform';
import { needsRefreshTransform } from './refresh-transform.js';

const { transform } = createRequire(import.meta.url)('oxc-transform') as typeof Oxc;
const repo = join(import.meta.dirname, '..', '..', '..');

/** Whether oxc's Refresh transform registers or signs anything in `source` (what skipping it would lose). */
async function oxcRegisters(path: string, source: string): Promise<boolean> {
  const out = await transform(path, source, { jsx: { runtime: 'automatic', refresh: {} }, typescript: { onlyRemoveTypeImports: false } });
  return /\$RefreshReg\$|\$RefreshSig\$/.test(out.code);
}

/** Script files below `dir` (no node_modules). */
function scripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.[cm]?[jt]sx?$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name) && !join(e.parentPath, e.name).includes('node_modules'))
    .map((e) => join(e.parentPath, e.name));
}

const written: [string, string][] = [
  ['hooks.ts', 'import { useState } from "react";\nexport function useCounter() { const [n, setN] = useState(0); return [n, setN]; }'],
  ['arrow.js', 'export const Badge = (props) => props.label;'],
  ['hoc.js', 'import { memo } from "react";\nconst Row = memo(function Row(p) { return p.x; });\nexport { Row };'],
  ['default.js', 'export default function () { return null; }'],
  ['use.js', 'import { use } from "react";\nexport function read(p) { return use(p); }'],
  ['constants.ts', 'export const MAX_RETRIES = 3;\nexport const PROTOCOL = 1;\nexport class StoreError extends Error {}'],
  ['plain.js', 'export function add(a, b) { return a + b; }\nlet count = 0;\nexport const next = () => ++count;'],
];

it('skips oxc\'s Refresh transform only for modules it would register nothing in (the repository\'s sources, and hand-written cases)', async () => {
  const files = [
    ...['runtime', 'store', 'bus', 'react', 'inspector', 'relay'].flatMap((p) => scripts(join(repo, 'packages', p, 'dist'))),
    ...scripts(join(repo, 'examples', 'shop')),
  ].map((path): [string, string] => [path, readFileSync(path, 'utf8')]);
  expect(files.length).toBeGreaterThan(50);
  let skipped = 0;
  for (const [path, source] of [...files, ...written]) {
    const needed = needsRefreshTransform(path, source);
    if (await oxcRegisters(path, source)) expect(needed, path).toBe(true);
    if (!needed) skipped++;
  }
  // It does skip: most of a store, a bus or a runtime has nothing to register.
  expect(skipped).toBeGreaterThan(files.length / 3);
  expect(needsRefreshTransform('constants.ts', written[5]![1])).toBe(false);
  expect(needsRefreshTransform('plain.js', written[6]![1])).toBe(false);
});
