import { basename } from 'node:path';
import type { Metafile } from 'esbuild';
import { diskFiles, type ChunkFiles } from './chunk-files.js';
import { transform } from './esbuild-api.js';

const EXPORT_CLAUSE = /export\s*\{([^}]*)\};?\s*(?:\/\/# sourceMappingURL=\S*\s*)?$/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `a as b, c` → [['a', 'b'], ['c', 'c']]: (local, exported) or, in an import clause, (imported, local). */
function clause(list: string): [string, string][] {
  return list.split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const [first, , second] = item.split(/\s+/);
    return [first!, second ?? first!];
  });
}

/** Chunks made of esbuild's runtime helpers alone (`__commonJS`, `__toESM`...), which importing nothing. */
function helperChunks(metafile: Metafile): string[] {
  return Object.entries(metafile.outputs)
    .filter(([path, o]) => path.endsWith('.js') && !o.entryPoint && o.imports.length === 0 && Object.keys(o.inputs).every((input) => input === '<runtime>'))
    .map(([path]) => path);
}

const shakenCache = new Map<string, Promise<string>>();
/**
 * esbuild's tree-shaken, minified transform of a helper snippet; the same few snippets recur in every
 * watch rebuild. Asynchronous on purpose: esbuild's `transformSync` starts a worker thread with a
 * second esbuild process (~200 ms of a build's start on 2 cores).
 */
function shakenHelpers(snippet: string): Promise<string> {
  let shaken = shakenCache.get(snippet);
  if (shaken === undefined) {
    shaken = transform(snippet, { format: 'esm', minify: true, treeShaking: true }).then((result) => result.code);
    if (shakenCache.size > 256) shakenCache.clear();
    shakenCache.set(snippet, shaken);
    shaken.catch(() => shakenCache.delete(snippet));
  }
  return shaken;
}

/**
 * esbuild puts the runtime helpers that several chunks use (`__commonJS`, `__toESM`...) into a chunk
 * of their own, byte-identical in every app: one more request before each chunk that needs them
 * can run. This copies into each importing chunk the helpers it uses (tree-shaken by esbuild's
 * transform) and deletes the helper chunk. The import statement is blanked out with spaces (same
 * length, same lines: source maps still line up), and the helpers are declared at the end of the
 * file as hoisted functions, so they are there before the chunk's code runs even when chunks import
 * each other in a cycle. `root`: the folder the metafile's paths are relative to; `files`: where
 * the chunks are (default: on disk). Edits `metafile` in place (the helper chunk and the imports of
 * it are removed) and returns it.
 */
export async function inlineHelperChunks(root: string, metafile: Metafile, files: ChunkFiles = diskFiles(root)): Promise<Metafile> {
  for (const [n, helperPath] of helperChunks(metafile).entries()) {
    const helperCode = files.read(helperPath);
    const match = EXPORT_CLAUSE.exec(helperCode);
    if (!match) continue; // not the shape esbuild writes: leave the chunk alone
    const body = helperCode.slice(0, match.index);
    const localOf = new Map(clause(match[1]!).map(([local, exported]) => [exported, local]));
    const file = escape(basename(helperPath));
    const statement = new RegExp(`import\\s*(?:\\{([^}]*)\\}\\s*from\\s*)?["']\\./${file}["'];?`, 'g');
    const holder = `__tesseraHelpers${n}`;
    const importers = Object.entries(metafile.outputs).filter(([, output]) => output.imports.some((i) => i.path === helperPath));
    // The tree-shaken helpers of every importer at once (one round trip to esbuild's service each, in parallel).
    await Promise.all(importers.map(async ([path, output]) => {
      output.imports = output.imports.filter((i) => i.path !== helperPath);
      const code = files.read(path);
      const bindings: [string, string][] = [];
      const blanked = code.replace(statement, (text, list: string | undefined) => {
        if (list) bindings.push(...clause(list));
        return text.replace(/[^\n]/g, ' ');
      });
      let declarations = '';
      if (bindings.length) {
        const used = [...new Set(bindings.map(([imported]) => imported))];
        const snippet = `${body}\nexport { ${used.map((name) => `${localOf.get(name)} as ${name}`).join(', ')} };`;
        const shaken = await shakenHelpers(snippet);
        const exported = EXPORT_CLAUSE.exec(shaken);
        if (!exported) throw new Error(`esbuild's helpers of ${helperPath} did not tree-shake into an export clause`);
        const returned = clause(exported[1]!).map(([local, name]) => `${name}:${local}`).join(',');
        declarations = [
          `function ${holder}(){return ${holder}.v||(${holder}.v=(()=>{${shaken.slice(0, exported.index)}return{${returned}}})())}`,
          ...bindings.map(([imported, local]) => `function ${local}(){return ${holder}().${imported}.apply(this,arguments)}`),
        ].join('');
      }
      // A watch rebuild leaves unchanged chunks as they are on disk: already inlined, nothing to do.
      if (!declarations && blanked === code) return;
      const mapComment = blanked.search(/\n\/\/# sourceMappingURL=/);
      const at = mapComment === -1 ? blanked.length : mapComment;
      files.write(path, `${blanked.slice(0, at)}${declarations ? `\n${declarations}` : ''}${blanked.slice(at)}`);
    }));
    files.remove(helperPath);
    delete metafile.outputs[helperPath];
    if (metafile.outputs[`${helperPath}.map`]) {
      files.remove(`${helperPath}.map`);
      delete metafile.outputs[`${helperPath}.map`];
    }
  }
  return metafile;
}
