import type { Metafile } from 'esbuild';
import type { ChunkRequirements } from '@tessera/runtime';

/**
 * What each lazily loaded chunk needs before it runs, read off esbuild's module graph:
 * the share keys and remote modules reachable from its root module (through static, `require`
 * and dynamic imports, not into other shared packages), and its CSS bundle. webpack keeps the
 * same per-chunk list of "consumes" (`ConsumeSharedRuntimeModule`'s `chunkMapping`).
 * `roots` maps a chunk id ('expose:./ProductList', 'shared:react-dom', 'main') to its root input;
 * `entries` maps an id to the entry point of its output file when that is another module (a group of
 * shared fallbacks: 'shared:react/jsx-runtime' → 'tessera-shared-group:react').
 */
export function chunkRequirements(
  metafile: Metafile, roots: Record<string, string>, outDirFromRoot: string, entries: Record<string, string> = {},
): Record<string, ChunkRequirements> {
  const result: Record<string, ChunkRequirements> = {};
  for (const [id, root] of Object.entries(roots)) {
    const shares = new Set<string>();
    const remotes = new Set<string>();
    const seen = new Set<string>();
    const stack = [root];
    while (stack.length) {
      const path = stack.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      for (const imported of metafile.inputs[path]?.imports ?? []) {
        if (imported.external) continue;
        const [namespace, name] = splitNamespace(imported.path);
        if (namespace === 'tessera-consume') shares.add(name);
        else if (namespace === 'tessera-remote-module') remotes.add(name);
        else if (namespace === undefined || namespace === 'file') stack.push(imported.path);
      }
    }
    const output = outputOf(metafile, entries[id] ?? root);
    const css = output?.[1].cssBundle ? [relativeTo(outDirFromRoot, output[1].cssBundle)] : [];
    const js = output ? staticClosure(metafile, output[0]).map((p) => relativeTo(outDirFromRoot, p)) : [];
    result[id] = { shares: [...shares].sort(), remotes: [...remotes].sort(), css, js };
  }
  return result;
}

type Output = [string, Metafile['outputs'][string]];
const byEntryPoint = new WeakMap<Metafile['outputs'], Map<string, Output>>();

/**
 * The output file whose entry point is `input` (the first, in esbuild's order). Indexed once per
 * metafile: a development build has an entry point per module, and each chunk and manifest asset asks.
 */
export function outputOf(metafile: Metafile, input: string): Output | undefined {
  let index = byEntryPoint.get(metafile.outputs);
  if (!index) {
    index = new Map();
    for (const entry of Object.entries(metafile.outputs)) if (entry[1].entryPoint !== undefined && !index.has(entry[1].entryPoint)) index.set(entry[1].entryPoint, entry);
    byEntryPoint.set(metafile.outputs, index);
  }
  const found = index.get(input);
  // An output removed since (finishBuild renames the entries) is not returned.
  return found && metafile.outputs[found[0]] === found[1] ? found : undefined;
}

/** The output file of `input` and every chunk it statically imports: what a browser downloads to run it. */
export function staticClosure(metafile: Metafile, outputPath: string): string[] {
  const files = new Set<string>();
  const visit = (path: string) => {
    if (files.has(path)) return;
    files.add(path);
    for (const i of metafile.outputs[path]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(outputPath);
  return [...files];
}

export function relativeTo(dirFromRoot: string, pathFromRoot: string): string {
  return pathFromRoot.startsWith(`${dirFromRoot}/`) ? pathFromRoot.slice(dirFromRoot.length + 1) : pathFromRoot;
}

function splitNamespace(path: string): [string | undefined, string] {
  const match = /^([a-z-]+):(.*)$/.exec(path);
  // A consume or remote module made for one importer carries a suffix ('react?in=src/App.tsx').
  return match && match[1] !== 'file' ? [match[1], match[2]!.replace(/\?in=.*$/, '')] : [undefined, path];
}
