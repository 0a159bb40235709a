import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import type { ResolvedConfig } from './config.js';
import type { ShareKey } from './scan.js';
import { outputOf, relativeTo, staticClosure } from './chunk-requirements.js';
import { fallbackGroups } from './virtual-modules.js';

interface Assets {
  js: { sync: string[]; async: string[] };
  css: { sync: string[]; async: string[] };
}

/** `mf-manifest.json`, in Module Federation 2.0's manifest format (`@module-federation/manifest`). */
export interface FederationManifest {
  id: string;
  name: string;
  metaData: {
    name: string;
    type: 'app';
    buildInfo: { buildVersion: string; buildName: string };
    remoteEntry: { name: string; path: string; type: 'module' };
    /** Declarations of the exposes (`tessera build`, `dts`): `path`/`name` of the index, every file under `path`. */
    types: { path: string; name: string; zip: string; api: string; files?: string[] };
    globalName: string;
    pluginVersion: string;
    publicPath: string;
  };
  /** `eager`, `shareScope` and `import: false` (consume only: not provided) are Tessera's additions: the runtime offers the provided versions before the entry loads. */
  shared: { id: string; name: string; version: string; singleton: boolean; requiredVersion: string | false; eager: boolean; shareScope: string; import?: false; assets: Assets }[];
  remotes: { federationContainerName: string; moduleName: string; alias: string; entry: string }[];
  exposes: { id: string; name: string; path: string; assets: Assets }[];
  /**
   * Tessera's addition: the subresource-integrity hash ('sha384-<base64>') of every file the build
   * emitted, by path relative to the manifest. The runtime refuses a remote file whose bytes differ.
   */
  integrity?: Record<string, string>;
}

/** SHA-384 integrity hashes of `files` (paths relative to `outDir`, '/'-separated), sorted by path. */
export function integrityOf(outDir: string, files: Iterable<string>): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of [...files].sort()) {
    hashes[file] = `sha384-${createHash('sha384').update(readFileSync(join(outDir, file))).digest('base64')}`;
  }
  return hashes;
}

export function createManifest(
  config: ResolvedConfig,
  metafile: Metafile,
  shareKeys: Map<string, ShareKey>,
  inputOfExpose: (file: string) => string,
  outDirFromRoot: string,
): FederationManifest {
  const assetsOf = (input: string): Assets => {
    const output = outputOf(metafile, input);
    const js = output ? staticClosure(metafile, output[0]).map((p) => relativeTo(outDirFromRoot, p)) : [];
    const css = output?.[1].cssBundle ? [relativeTo(outDirFromRoot, output[1].cssBundle)] : [];
    return { js: { sync: js, async: [] }, css: { sync: css, async: [] } };
  };
  const groupOf = new Map<string, string>();
  for (const [group, keys] of fallbackGroups(config, shareKeys)) for (const key of keys) groupOf.set(key, group);
  return {
    id: config.name,
    name: config.name,
    metaData: {
      name: config.name,
      type: 'app',
      buildInfo: { buildVersion: config.version, buildName: config.name },
      remoteEntry: { name: config.filename, path: '', type: 'module' },
      types: { path: '', name: '', zip: '', api: '' },
      globalName: config.name,
      pluginVersion: 'tessera',
      publicPath: config.publicPath,
    },
    shared: [...shareKeys.values()].map((s) => ({
      id: `${config.name}:${s.key}`,
      name: s.key,
      version: s.version,
      singleton: s.rule.singleton,
      requiredVersion: s.rule.requiredVersion,
      eager: s.eager,
      shareScope: s.shareScope,
      ...(s.import ? {} : { import: false as const }),
      assets: groupOf.has(s.key) ? assetsOf(`tessera-shared-group:${groupOf.get(s.key)}`) : { js: { sync: [], async: [] }, css: { sync: [], async: [] } },
    })),
    remotes: config.remotes.map((remote) => ({
      federationContainerName: remote.name,
      moduleName: '*',
      alias: remote.alias ?? remote.name,
      entry: remote.entry,
    })),
    exposes: Object.entries(config.exposes).map(([name, file]) => ({
      id: `${config.name}:${name.slice(2)}`,
      name: name.slice(2),
      path: name,
      assets: assetsOf(inputOfExpose(file)),
    })),
  };
}
