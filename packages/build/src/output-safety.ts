import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** `path`, with symbolic links resolved for the part of it that exists (so a link cannot smuggle a folder in or out). */
function real(path: string): string {
  const absolute = resolve(path);
  // The native call: one system call, where the JavaScript realpathSync does an lstat per path segment.
  if (existsSync(absolute)) return realpathSync.native(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : resolve(real(parent), absolute.slice(parent.length + 1));
}

/** True when `path` is `folder` itself or lies inside it. */
export function isInsideOrSame(path: string, folder: string): boolean {
  const rel = relative(real(folder), real(path));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** True when `path` lies strictly inside `folder`. */
export function isInside(path: string, folder: string): boolean {
  return isInsideOrSame(path, folder) && real(path) !== real(folder);
}

/**
 * Why `outDir` is no place to build into, or undefined when it is safe: it must not be the app
 * root, a folder containing it, or a folder containing any of the app's sources, since a build
 * removes the files of earlier builds from it (Vite's `emptyDir` guards the same way).
 */
export function outDirProblem(outDir: string, root: string, sources: string[]): string | undefined {
  if (isInsideOrSame(root, outDir)) {
    return `${outDir} is the app folder or contains it; a build would overwrite and delete the app's files. Use a folder of its own, such as "dist"`;
  }
  const source = sources.find((file) => isInside(file, outDir));
  if (source) return `${outDir} contains the source ${source}; a build would delete it. Use a folder of its own, such as "dist"`;
  return undefined;
}
