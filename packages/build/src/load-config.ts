import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { transform } from 'esbuild';
import { createJiti } from 'jiti';
import { FederationError } from '@tessera/runtime';
import { resolveConfig, type FederationConfig, type ResolvedConfig } from './config.js';

const CONFIG_FILES = ['federation.config.ts', 'federation.config.mts', 'federation.config.js', 'federation.config.mjs'];

/**
 * Finds `federation.config.{ts,mts,js,mjs}` in `root` (or loads `configFile`, relative to `root`),
 * loads it with jiti (TypeScript compiled in memory; its imports, workspace packages written in
 * TypeScript included, load the same way; nothing is written to disk) and resolves it. Duplicate
 * keys in an object literal (two exposes of one name: the first is silently lost) are refused.
 * Throws TESSERA_CONFIG_NOT_FOUND, TESSERA_CONFIG_INVALID (also when the file does not load or has
 * no default export), each naming the file.
 */
export async function loadConfig(rootDir: string, configFile?: string): Promise<ResolvedConfig> {
  const root = resolve(rootDir);
  const file = configFile ? resolve(root, configFile) : CONFIG_FILES.map((f) => join(root, f)).find(existsSync);
  if (!file || !existsSync(file)) {
    throw new FederationError('TESSERA_CONFIG_NOT_FOUND', `No ${configFile ?? 'federation.config.ts'} in ${root}`, {
      hint: 'Create one: export default defineConfig({ name, exposes, remotes, shared })',
    });
  }
  const label = basename(file);
  await refuseDuplicateKeys(file, label);
  let config: FederationConfig | undefined;
  try {
    const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false, interopDefault: true });
    config = await jiti.import<FederationConfig>(file, { default: true });
  } catch (cause) {
    throw new FederationError('TESSERA_CONFIG_INVALID', `${label} could not be loaded: ${(cause as Error)?.message ?? cause}`, {
      cause, hint: `Fix the syntax or import error in ${file}`,
    });
  }
  if (!config) {
    throw new FederationError('TESSERA_CONFIG_INVALID', `${label} has no default export`, { hint: `export default defineConfig({ ... }) in ${file}` });
  }
  return resolveConfig(config, dirname(file), { configFile: file });
}

/** esbuild reports a key given twice in one object literal; JavaScript would keep only the last. */
async function refuseDuplicateKeys(file: string, label: string): Promise<void> {
  const source = readFileSync(file, 'utf8');
  let warnings;
  try {
    ({ warnings } = await transform(source, { loader: /\.m?ts$/.test(file) ? 'ts' : 'js', sourcefile: label, logLevel: 'silent' }));
  } catch {
    return; // a syntax error: jiti reports it with the file's own words
  }
  const duplicates = warnings.filter((w) => w.id === 'duplicate-object-key');
  if (!duplicates.length) return;
  throw new FederationError(
    'TESSERA_CONFIG_INVALID',
    `${label} is invalid:\n  - ${duplicates.map((w) => `${w.text} (line ${w.location?.line}): the first one is lost; give each its own key`).join('\n  - ')}\n `,
    { hint: `Remove or rename the repeated keys in ${file}` },
  );
}
