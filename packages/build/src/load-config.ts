import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message, Plugin } from 'esbuild';
import { build } from './esbuild-api.js';
import { FederationError } from '@tessera/runtime/options';
import { resolveConfig, type FederationConfig, type ResolvedConfig } from './config.js';

const CONFIG_FILES = ['federation.config.ts', 'federation.config.mts', 'federation.config.js', 'federation.config.mjs'];
/** Sources Node cannot import itself: bundled into the config's module. */
const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;

/**
 * Installed JavaScript packages stay imports (of their resolved file, as Node would resolve them:
 * `import`/`node` conditions, `main`), so that a package the CLI has loaded already is the same
 * module instance; a package shipped as TypeScript (a workspace package's `src/index.ts`) is
 * bundled in, as the config's own relative imports are.
 */
const installedPackages: Plugin = {
  name: 'tessera-config-imports',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.tesseraConfig) return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { tesseraConfig: true } });
      if (resolved.errors.length || TYPESCRIPT.test(resolved.path)) return resolved.errors.length ? { errors: resolved.errors } : { path: resolved.path };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

let loads = 0;

/**
 * Finds `federation.config.{ts,mts,js,mjs}` in `root` (or loads `configFile`, relative to `root`),
 * loads it and resolves it. The file and what it imports relatively (and workspace packages written
 * in TypeScript) are bundled in memory by esbuild into one ES module, imported from a `data:` URL:
 * nothing is written to disk, and each load evaluates the file anew. Installed JavaScript packages
 * are imported from where Node resolves them. `import.meta.url`, `import.meta.dirname`,
 * `import.meta.filename`, `__dirname` and `__filename` are the config file's. Duplicate keys in an
 * object literal of the config (two exposes of one name: the first is silently lost) are refused.
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
  const couldNotLoad = (cause: unknown) => new FederationError('TESSERA_CONFIG_INVALID', `${label} could not be loaded: ${(cause as Error)?.message ?? cause}`, {
    cause, hint: `Fix the syntax or import error in ${file}`,
  });
  let code: string;
  let warnings: Message[];
  try {
    const dir = dirname(file);
    const meta = { url: pathToFileURL(file).href, dirname: dir, filename: file };
    const result = await build({
      entryPoints: [file], absWorkingDir: dir, bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20',
      mainFields: ['main'], conditions: [], logLevel: 'silent', plugins: [installedPackages],
      define: {
        'import.meta.url': JSON.stringify(meta.url), 'import.meta.dirname': JSON.stringify(meta.dirname), 'import.meta.filename': JSON.stringify(meta.filename),
        __dirname: JSON.stringify(meta.dirname), __filename: JSON.stringify(meta.filename),
      },
    });
    code = result.outputFiles[0]!.text;
    warnings = result.warnings;
  } catch (cause) {
    throw couldNotLoad(cause);
  }
  refuseDuplicateKeys(file, label, warnings);
  let config: FederationConfig | undefined;
  try {
    // The load number makes each URL new: Node evaluates the file again (watch mode reloads a changed config).
    const url = `data:text/javascript;base64,${Buffer.from(`${code}\n// ${++loads}`).toString('base64')}`;
    config = ((await import(url)) as { default?: FederationConfig }).default;
  } catch (cause) {
    throw couldNotLoad(cause);
  }
  if (!config) {
    throw new FederationError('TESSERA_CONFIG_INVALID', `${label} has no default export`, { hint: `export default defineConfig({ ... }) in ${file}` });
  }
  return resolveConfig(config, dirname(file), { configFile: file });
}

/** esbuild reports a key given twice in one object literal of the config; JavaScript would keep only the last. */
function refuseDuplicateKeys(file: string, label: string, warnings: Message[]): void {
  const inConfig = relative(dirname(file), file).split(sep).join('/');
  const duplicates = warnings.filter((w) => w.id === 'duplicate-object-key' && w.location?.file === inConfig);
  if (!duplicates.length) return;
  throw new FederationError(
    'TESSERA_CONFIG_INVALID',
    `${label} is invalid:\n  - ${duplicates.map((w) => `${w.text} (line ${w.location?.line}): the first one is lost; give each its own key`).join('\n  - ')}\n `,
    { hint: `Remove or rename the repeated keys in ${file}` },
  );
}
