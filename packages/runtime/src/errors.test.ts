import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FederationError, wrapError } from './errors.js';

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

describe('wrapError', () => {
  it('keeps a FederationError, naming the remote when it named none (an error from Node\'s loader thread)', () => {
    const fromLoader = new FederationError('TESSERA_INTEGRITY_FAILED', 'a.js differs', { url: 'http://cdn.test/a.js', hint: 'Redeploy' });
    const named = wrapError(fromLoader, 'TESSERA_REMOTE_LOAD_FAILED', '', { remote: 'catalog', url: 'http://cdn.test/remoteEntry.js' });
    expect(named).toBe(fromLoader);
    expect(named).toMatchObject({ code: 'TESSERA_INTEGRITY_FAILED', remote: 'catalog', url: 'http://cdn.test/a.js' });
    expect(named.message).toBe('[TESSERA_INTEGRITY_FAILED] a.js differs (remote "catalog" at http://cdn.test/a.js). Redeploy');
    const other = new FederationError('TESSERA_EXPOSE_NOT_FOUND', './X', { remote: 'cart' });
    expect(wrapError(other, 'TESSERA_REMOTE_LOAD_FAILED', '', { remote: 'catalog' })).toMatchObject({ remote: 'cart', message: '[TESSERA_EXPOSE_NOT_FOUND] ./X (remote "cart")' });
  });

  it('wraps anything else in a FederationError of the given code, with the details and the cause', () => {
    const cause = new TypeError('Failed to fetch');
    expect(wrapError(cause, 'TESSERA_EXPOSE_LOAD_FAILED', './X: ', { remote: 'catalog', url: 'http://cdn.test/x.js' })).toMatchObject({
      code: 'TESSERA_EXPOSE_LOAD_FAILED', remote: 'catalog', cause, message: '[TESSERA_EXPOSE_LOAD_FAILED] ./X: Failed to fetch (remote "catalog" at http://cdn.test/x.js)',
    });
  });
});
