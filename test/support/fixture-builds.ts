import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, loadConfig } from '@tessera/build';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

/**
 * For a test file: builds the named fixture apps (test/fixtures/<name>) into temporary folders
 * before its tests (other tests serve the fixtures' own dist/), and deletes every temporary folder
 * after them. `dist[name]` is the output folder; `tempDir(prefix)` makes another folder to delete.
 */
export function useFixtureBuilds(names: string[]): { dist: Record<string, string>; tempDir(prefix: string): string } {
  const dist: Record<string, string> = {};
  const temporary: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), `tessera-${prefix}-`));
    temporary.push(dir);
    return dir;
  };
  beforeAll(async () => {
    for (const name of names) {
      const config = await loadConfig(join(fixtures, name));
      dist[name] = tempDir(name);
      await buildApp({ ...config, outDir: dist[name], dts: false });
    }
  });
  afterAll(() => {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });
  return { dist, tempDir };
}
