import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the chunks a metafile names are read and written: on disk (below `root`), or in memory (a build with `write: false`). */
export interface ChunkFiles {
  read(path: string): string;
  write(path: string, text: string): void;
  remove(path: string): void;
  /** Whether the file is there (a chunk's `.map`). */
  has(path: string): boolean;
}

/** The chunks on disk, by path relative to `root` (the metafile's paths). */
export function diskFiles(root: string): ChunkFiles {
  return {
    read: (path) => readFileSync(join(root, path), 'utf8'),
    write: (path, text) => writeFileSync(join(root, path), text),
    remove: (path) => { if (existsSync(join(root, path))) unlinkSync(join(root, path)); },
    has: (path) => existsSync(join(root, path)),
  };
}
