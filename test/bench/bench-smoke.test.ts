import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const out = join(repo, 'tmp', `bench-smoke-${process.pid}`);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench', () => {
  it('starts, prints the table and writes results.json and BENCHMARKS.md (quick mode)', async () => {
    mkdirSync(out, { recursive: true });
    const { stdout } = await promisify(execFile)(process.execPath, [join(repo, 'bench', 'run.js'), '--quick', '--out', out], { cwd: repo });
    expect(stdout).toContain('| measure | Tessera | anchor | anchor value | ratio |');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results).toMatchObject({
      machine: { cores: expect.any(Number), node: process.version },
      buildTime: { tessera: { coldMs: expect.any(Number), warmMs: expect.any(Number) }, esbuild: { coldMs: expect.any(Number) } },
      bytes: { runtimeGzip: { tessera: expect.any(Number), moduleFederationRuntime: expect.any(Number) } },
      pageLoad: { tessera: { renderedMs: expect.any(Number), requests: expect.any(Number), jsGzipBytes: expect.any(Number) } },
      negotiation: { loadShareMicroseconds: expect.any(Number), importMicroseconds: expect.any(Number) },
      throughput: { storeUpdateNotify: { ratioToZustand: expect.any(Number) }, busPublish: { ratioToMitt: expect.any(Number) } },
    });
    expect(readFileSync(join(out, 'BENCHMARKS.md'), 'utf8')).toMatch(/^# Benchmarks\n\n`npm run bench`, \d{4}-\d\d-\d\d, on \d+ cores/);
  }, 120_000);
});
