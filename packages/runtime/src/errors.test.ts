import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const CODE = /['"`](TESSERA_[A-Z_]*[A-Z])['"`]/g;

/** Every error code written as a literal in the packages' sources (tests excluded). */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const pkg of readdirSync(join(repo, 'packages'))) {
    const src = join(repo, 'packages', pkg, 'src');
    let files: string[];
    try {
      files = readdirSync(src, { recursive: true }) as string[];
    } catch {
      continue;
    }
    for (const file of files) {
      if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
      for (const [, code] of readFileSync(join(src, file), 'utf8').matchAll(CODE)) codes.add(code!);
    }
  }
  return codes;
}

describe('docs/errors.md', () => {
  it('tables exactly the error codes the sources throw or report', () => {
    const doc = readFileSync(join(repo, 'docs', 'errors.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^\| `(TESSERA_[A-Z_]+)` \|/gm)].map((m) => m[1]!));
    const source = codesInSource();
    expect(source.size).toBeGreaterThan(20);
    expect([...source].filter((c) => !documented.has(c)), 'codes missing from docs/errors.md').toEqual([]);
    expect([...documented].filter((c) => !source.has(c)), 'documented codes no source uses').toEqual([]);
  });
});
