import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FederationError } from '@tessera/runtime';
import { resolveConfig, type FederationConfig, type ResolvedConfig } from './config.js';

const CONFIG_FILES = ['federation.config.ts', 'federation.config.mts', 'federation.config.js', 'federation.config.mjs'];

/**
 * Finds `federation.config.{ts,mts,js,mjs}` in `root` (or loads `configFile`), compiles it with
 * esbuild (packages stay external) and resolves it. Throws TESSERA_CONFIG_NOT_FOUND,
 * TESSERA_CONFIG_INVALID (also when the file does not load or has no default export).
 */
export async function loadConfig(rootDir: string, configFile?: string): Promise<ResolvedConfig> {
  const root = resolve(rootDir);
  const file = configFile ? resolve(root, configFile) : CONFIG_FILES.map((f) => join(root, f)).find(existsSync);
  if (!file || !existsSync(file)) {
    throw new FederationError('TESSERA_CONFIG_NOT_FOUND', `No ${configFile ?? 'federation.config.ts'} in ${root}`, {
      hint: 'Create one: export default defineConfig({ name, exposes, remotes, shared })',
    });
  }
  const appRoot = dirname(file);
  const compiled = `${file}.timestamp-${Date.now()}-${process.pid}.mjs`;
  let config: FederationConfig;
  try {
    const result = await build({
      entryPoints: [file], bundle: true, write: false, format: 'esm', platform: 'node', packages: 'external', logLevel: 'silent',
    });
    writeFileSync(compiled, result.outputFiles[0]!.text);
    config = ((await import(pathToFileURL(compiled).href)) as { default: FederationConfig }).default;
  } catch (cause) {
    throw new FederationError('TESSERA_CONFIG_INVALID', `${file} could not be loaded: ${(cause as Error)?.message ?? cause}`, {
      cause, hint: 'Fix the syntax or import error in the config file',
    });
  } finally {
    rmSync(compiled, { force: true });
  }
  if (!config) {
    throw new FederationError('TESSERA_CONFIG_INVALID', `${file} has no default export`, { hint: 'export default defineConfig({ ... })' });
  }
  return resolveConfig(config, appRoot);
}
