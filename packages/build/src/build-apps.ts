import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResolvedConfig } from './config.js';
import { buildApp, type BuildReport } from './build.js';

const CONFIG_FILES = ['federation.config.ts', 'federation.config.mts', 'federation.config.js', 'federation.config.mjs'];
const hasConfig = (dir: string) => CONFIG_FILES.some((file) => existsSync(join(dir, file)));

/** Folders matching one workspace pattern ('packages/*', 'apps/**', 'examples/shop/cart') below `root`. */
function expandPattern(root: string, pattern: string): string[] {
  let dirs = [root];
  for (const segment of pattern.replace(/^\.\//, '').replace(/\/$/, '').split('/')) {
    const subdirs = (dir: string) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : [])
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => join(dir, e.name));
    const deep = (dir: string): string[] => [dir, ...subdirs(dir).flatMap(deep)];
    dirs = segment === '**' ? dirs.flatMap(deep) : segment === '*' ? dirs.flatMap(subdirs) : dirs.map((dir) => join(dir, segment)).filter(existsSync);
  }
  return dirs;
}

/**
 * The app folders to build from `roots`: a folder with a `federation.config.*` is an app; a
 * workspace root (package.json `workspaces`, npm/yarn/pnpm-style globs with `*` and `**`; `!`
 * exclusions honoured) gives every workspace package with a `federation.config.*`. A folder that
 * is neither is returned as it is, so that loading its config reports TESSERA_CONFIG_NOT_FOUND.
 */
export function findApps(roots: string[]): string[] {
  const apps = roots.flatMap((input) => {
    const root = resolve(input);
    if (hasConfig(root)) return [root];
    let workspaces: unknown;
    try {
      workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: unknown }).workspaces;
    } catch {
      return [root];
    }
    const patterns = (Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages) as string[] | undefined;
    if (!Array.isArray(patterns)) return [root];
    const excluded = new Set(patterns.filter((p) => p.startsWith('!')).flatMap((p) => expandPattern(root, p.slice(1))));
    const found = patterns.filter((p) => !p.startsWith('!')).flatMap((p) => expandPattern(root, p)).filter((dir) => !excluded.has(dir) && hasConfig(dir));
    return found.length ? found : [root];
  });
  return [...new Set(apps)];
}

/** One app of a multi-app build: its report, or the error that stopped it. */
export interface AppsBuild {
  config: ResolvedConfig;
  report?: BuildReport;
  error?: unknown;
}

/** Remotes before their hosts: each app after every app of the set it names in `remotes` (ties keep the given order). */
function remotesFirst(configs: ResolvedConfig[]): ResolvedConfig[] {
  const byName = new Map(configs.map((c) => [c.name, c]));
  const depth = new Map<ResolvedConfig, number>();
  const depthOf = (config: ResolvedConfig, path: Set<ResolvedConfig>): number => {
    if (depth.has(config)) return depth.get(config)!;
    if (path.has(config)) return 0; // a cycle: leave the order as given
    path.add(config);
    const remotes = config.remotes.map(({ name }) => byName.get(name)).filter((c): c is ResolvedConfig => !!c && c !== config);
    const d = remotes.length ? 1 + Math.max(...remotes.map((r) => depthOf(r, path))) : 0;
    path.delete(config);
    depth.set(config, d);
    return d;
  };
  return configs.map((c, i) => [c, depthOf(c, new Set()), i] as const).sort((a, b) => a[1] - b[1] || a[2] - b[2]).map(([c]) => c);
}

/**
 * Builds several apps at once in this process (one esbuild service; their JavaScript and their
 * declarations interleave), each as `buildApp` does. Resolves when all are done, in the order
 * remotes first, then their hosts; an app's failure is its `error` and does not stop the others.
 */
export async function buildApps(configs: ResolvedConfig[]): Promise<AppsBuild[]> {
  const ordered = remotesFirst(configs);
  return Promise.all(ordered.map((config) => buildApp(config).then((report) => ({ config, report }), (error: unknown) => ({ config, error }))));
}
