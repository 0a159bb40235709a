import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '@tessera/build';
import { FederationError } from '@tessera/runtime/options';
import { createAppDevServer, DEV_OUT_DIR, type AppDevServer } from './app-dev-server.js';
import { watchTypes } from './watch-types.js';

const CONFIG_FILES = ['federation.config.ts', 'federation.config.mts', 'federation.config.js', 'federation.config.mjs'];

export interface DevOptions {
  /** App folders, or workspace folders whose sub-folders are apps. Default: the current folder. */
  roots: string[];
  /** A port for every app, overriding `dev.port` of the configs: 0 takes free ports, N gives N, N+1, ... in order. */
  port?: number;
  /** Interface to listen on. Default '127.0.0.1'. */
  host?: string;
  /** Check the session's hosts against their remotes' types after each remote build. Default true. */
  types?: boolean;
  /** false: neither reuse nor keep the build's caches (node_modules/.cache/tessera), whatever the configs' `cache` says. Default: each config's. */
  cache?: boolean;
  /** Where the dev servers' lines go. Default console.log. */
  log?(line: string): void;
}

export interface DevSession {
  apps: { name: string; root: string; url: string }[];
  close(): Promise<void>;
}

/** The app folders in `roots`: each root with a federation config, or else its sub-folders that have one. */
export function findApps(roots: string[]): string[] {
  const hasConfig = (dir: string) => CONFIG_FILES.some((f) => existsSync(join(dir, f)));
  return roots.flatMap((root) => {
    const dir = resolve(root);
    if (hasConfig(dir)) return [dir];
    const apps = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && hasConfig(join(dir, e.name)))
      .map((e) => join(dir, e.name));
    if (!apps.length) {
      throw new FederationError('TESSERA_CONFIG_NOT_FOUND', `No federation.config.ts in ${dir} or its sub-folders`, {
        hint: 'Run tessera dev in an app folder, or pass app folders or a workspace folder that holds them',
      });
    }
    return apps;
  });
}

/**
 * `tessera dev`: builds and serves every app of `roots` in development mode, each on its own port,
 * with hot updates across apps. A host whose remote is an app of this session loads that remote
 * from its dev server (other remotes stay as configured, e.g. a production deploy). Resolves once
 * every app has built once (a failed build included: fix it and save). Throws the config errors
 * of `loadConfig` (TESSERA_CONFIG_NOT_FOUND, TESSERA_CONFIG_INVALID) and TESSERA_DEV_PORT_IN_USE.
 */
export async function startDev(options: DevOptions): Promise<DevSession> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  const configs = await Promise.all(findApps(options.roots.length ? options.roots : ['.']).map(async (root) => {
    const config = await loadConfig(root);
    return options.cache === false ? { ...config, cache: false } : config;
  }));
  const servers: AppDevServer[] = [];
  const overrides: Record<string, string> = {};
  const types = watchTypes(options.types === false ? [] : configs.map((config) => ({ config, devOutDir: join(config.root, DEV_OUT_DIR) })), log);
  try {
    for (const [i, config] of configs.entries()) {
      const port = options.port === undefined ? config.devPort ?? 0 : options.port === 0 ? 0 : options.port + i;
      const server = await createAppDevServer({ config, port, host, remoteOverrides: overrides, log, onBuilt: (first) => types.remoteBuilt(config.name, first) }).catch((cause: NodeJS.ErrnoException) => {
        if (cause?.code !== 'EADDRINUSE') throw cause;
        throw new FederationError('TESSERA_DEV_PORT_IN_USE', `Port ${port} for "${config.name}" is in use`, {
          remote: config.name, cause, hint: 'Stop what listens there, or pass --port 0 (free ports) or another --port',
        });
      });
      servers.push(server);
      if (server.hasExposes) overrides[server.name] = `${server.url}mf-manifest.json`;
    }
    await Promise.all(servers.map((s) => s.start()));
  } catch (error) {
    await types.close();
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
  return {
    apps: servers.map((s) => ({ name: s.name, root: s.root, url: s.url })),
    close: async () => {
      await types.close();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
