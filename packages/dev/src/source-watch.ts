import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * Watches an app folder for changes of its sources: the folder itself (not recursively: its
 * config, its HTML page) and, recursively, each sub-folder whose name `ignored` does not hold
 * (node_modules, the build outputs), including sub-folders created later. On Linux, Node 20
 * implements a recursive watch by walking the whole tree and watching every file in it: watching
 * the root recursively would walk node_modules and the dev output at every start.
 * `onChange` gets absolute paths. Returns `close()`.
 */
export function watchSources(root: string, ignored: (name: string) => boolean, onChange: (file: string) => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  const watchFolder = (name: string) => {
    if (watchers.has(name) || ignored(name)) return;
    const dir = join(root, name);
    try {
      if (!statSync(dir).isDirectory()) return;
      const watcher = watch(dir, { recursive: true }, (_event, filename) => {
        if (filename) onChange(join(dir, filename.toString()));
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(name);
      });
      watchers.set(name, watcher);
    } catch {
      // Gone meanwhile: nothing to watch.
    }
  };
  const top = watch(root, (_event, filename) => {
    if (!filename) return;
    const name = filename.toString();
    if (ignored(name)) return;
    watchFolder(name); // a folder created since (a no-op for files and known folders)
    onChange(join(root, name));
  });
  top.on('error', () => {});
  for (const entry of readdirSync(root, { withFileTypes: true })) if (entry.isDirectory()) watchFolder(entry.name);
  return {
    close() {
      top.close();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
