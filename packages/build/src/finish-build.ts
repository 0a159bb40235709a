import { existsSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import type { ResolvedConfig } from './config.js';
import type { ShareKey } from './scan.js';
import { chunkRequirements, outputOf, relativeTo, staticClosure } from './chunk-requirements.js';
import { TYPES_DIR, TYPES_INDEX, type DeclarationsResult } from './declarations.js';
import { diskFiles } from './chunk-files.js';
import { markEagerFactoriesIn } from './eager-factories.js';
import { appPassOutputs } from './fallback-pass.js';
import { inlineHelperChunks } from './inline-helpers.js';
import { createManifest, integrityOf, type FederationManifest } from './manifest.js';
import { pageHints } from './page-hints.js';
import { copyPublicDir } from './public-dir.js';
import { CHUNKS_PLACEHOLDER, fallbackGroups, varEntryFilename, varEntryScript } from './virtual-modules.js';

export const HOST_ENTRY_FILE = 'main.js';

/** What finishBuild wrote: the output files (relative to `outDir`) and the manifest, if the app exposes. */
export interface FinishedBuild {
  files: string[];
  manifest?: FederationManifest;
}

/**
 * After esbuild wrote the chunks: copies esbuild's helper chunk into the chunks that use it
 * (`inlineHelperChunks`), makes their module factories eagerly compiled (`markEagerFactoriesIn`), records what each chunk needs into the (unhashed) entry files,
 * names them (`remoteEntry.js`, `main.js`), writes `mf-manifest.json` and the HTML page, and
 * removes files of earlier builds (only when `outDir` lies inside the app root: never outside the
 * folder the build owns). Declarations are not waited for: `dist/@types/` is left to their emitter
 * (when `dts` is on), and `addManifestTypes` adds them to the manifest once written, unless they are
 * already there (`declarations`: then the manifest is written once, with them). `integrity: false`
 * writes no hashes in the manifest: the dev server's files change under a live page, so no page
 * should pin them. `snapshot`: the remotes' manifests the build read, which the page need not preload.
 */
export async function finishBuild(
  config: ResolvedConfig,
  metafile: Metafile,
  shareKeys: Map<string, ShareKey>,
  declarations?: DeclarationsResult,
  { integrity = true, snapshot = {} }: { integrity?: boolean; snapshot?: Record<string, unknown> } = {},
): Promise<FinishedBuild> {
  await inlineHelperChunks(config.root, metafile);
  await markEagerFactoriesIn(diskFiles(config.root), appPassOutputs(metafile)); // the fallback pass marked its own chunks
  const fromRoot = (abs: string) => relative(config.root, abs).split(sep).join('/');
  const outDir = fromRoot(config.outDir);
  const roots: Record<string, string> = {};
  for (const [name, file] of Object.entries(config.exposes)) roots[`expose:${name}`] = fromRoot(file);
  const outputs: Record<string, string> = {};
  for (const [group, keys] of fallbackGroups(config, shareKeys)) {
    for (const key of keys) {
      roots[`shared:${key}`] = `tessera-fallback:${key}`;
      outputs[`shared:${key}`] = `tessera-shared-group:${group}`;
    }
  }
  if (config.entry) roots.main = fromRoot(config.entry);
  const chunks = chunkRequirements(metafile, roots, outDir, outputs);
  const requirements = JSON.stringify(chunks);

  const written = new Set(Object.keys(metafile.outputs).map((p) => relativeTo(outDir, p)));
  const hostEntry = config.entry ? outputOf(metafile, 'tessera:host-entry') : undefined;
  const entryImports = hostEntry ? staticClosure(metafile, hostEntry[0]).slice(1).map((p) => relativeTo(outDir, p)) : [];
  const entries: [string, string][] = [];
  let manifest: FederationManifest | undefined;
  if (Object.keys(config.exposes).length) entries.push(['tessera:remote-entry', config.filename]);
  if (config.entry) entries.push(['tessera:host-entry', HOST_ENTRY_FILE]);
  for (const [input, finalName] of entries) {
    const [path, output] = outputOf(metafile, input)!;
    const code = readFileSync(join(config.root, path), 'utf8');
    const patched = code.replace(new RegExp(`(["'\`])${CHUNKS_PLACEHOLDER}\\1`), () => requirements);
    unlinkSync(join(config.root, path));
    written.delete(relativeTo(outDir, path));
    writeFileSync(join(config.outDir, finalName), patched);
    written.add(finalName);
    // esbuild gathers every lazily loaded chunk's CSS into the entry's bundle; chunks load their own.
    const sharedCss = Object.values(metafile.outputs).some((o) => o !== output && o.cssBundle === output.cssBundle);
    if (output.cssBundle && !sharedCss) {
      rmSync(join(config.root, output.cssBundle), { force: true });
      written.delete(relativeTo(outDir, output.cssBundle));
    }
  }
  if (Object.keys(config.exposes).length) {
    const varEntry = varEntryFilename(config.filename);
    writeFileSync(join(config.outDir, varEntry), varEntryScript(config));
    written.add(varEntry);
    manifest = createManifest(config, metafile, shareKeys, fromRoot, outDir);
    if (declarations) setManifestTypes(manifest, declarations);
    // The declarations' files are hashed too when they are already written (else when they land).
    if (integrity) manifest.integrity = integrityOf(config.outDir, [...written, ...(declarations?.files ?? []).map((file) => `${TYPES_DIR}/${file}`)]);
    writeFileSync(join(config.outDir, 'mf-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    written.add('mf-manifest.json');
  }
  if (config.html) {
    let html = readFileSync(config.html, 'utf8');
    const head = [...pageHints(config, chunks, entryImports, snapshot), ...(config.entry && !html.includes(HOST_ENTRY_FILE) ? [`<script type="module" src="./${HOST_ENTRY_FILE}"></script>`] : [])];
    if (head.length) html = html.replace(/<\/head>/i, () => `${head.map((line) => `  ${line}\n`).join('')}</head>`);
    writeFileSync(join(config.outDir, 'index.html'), html);
    written.add('index.html');
  }
  for (const file of copyPublicDir(config, written)) written.add(file);
  const declarationsOn = config.dts && Object.keys(config.exposes).length > 0;
  if (config.cleanOutDir) {
    removeStale(config.outDir, (file) => written.has(file) || (declarationsOn && file.startsWith(`${TYPES_DIR}/`)));
    if (!declarationsOn) rmSync(join(config.outDir, TYPES_DIR), { recursive: true, force: true });
  }
  return { files: [...written].sort(), ...(manifest ? { manifest } : {}) };
}

/** Adds the written declarations to `mf-manifest.json` (`metaData.types`); returns their paths relative to `outDir`. */
export function addManifestTypes(config: ResolvedConfig, manifest: FederationManifest, declarations: DeclarationsResult): string[] {
  setManifestTypes(manifest, declarations);
  const typeFiles = declarations.files.map((file) => `${TYPES_DIR}/${file}`);
  if (manifest.integrity) {
    manifest.integrity = Object.fromEntries(Object.entries({ ...manifest.integrity, ...integrityOf(config.outDir, typeFiles) }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  writeFileSync(join(config.outDir, 'mf-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return typeFiles;
}

function setManifestTypes(manifest: FederationManifest, declarations: DeclarationsResult): void {
  manifest.metaData.types = { path: TYPES_DIR, name: TYPES_INDEX, zip: '', api: `${TYPES_DIR}/${TYPES_INDEX}`, files: declarations.files };
}

function removeStale(outDir: string, keep: (file: string) => boolean): void {
  if (!existsSync(outDir)) return;
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (!keep(file)) unlinkSync(join(outDir, file));
  }
}
