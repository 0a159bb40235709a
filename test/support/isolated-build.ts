import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig, type ResolvedConfig } from '@tessera/build';

const folders: string[] = [];
process.once('exit', () => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/**
 * Builds the app in `appDir` into a fresh temporary folder (deleted when the process exits), so
 * test files that build the same app run in parallel without writing each other's output.
 * `change` may adjust the loaded config first. Returns the config, `outDir` pointing at the build.
 */
export async function buildIsolated(appDir: string, change?: (config: ResolvedConfig) => void): Promise<ResolvedConfig> {
  const config = await loadConfig(appDir);
  const outDir = mkdtempSync(join(tmpdir(), `tessera-${config.name}-`));
  folders.push(outDir);
  config.outDir = outDir;
  change?.(config);
  await buildApp(config);
  return config;
}
