import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LOCKFILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'npm-shrinkwrap.json'];

/** The lockfile that pins the app's installed packages: the nearest one at or above `root`. */
export function lockfileOf(root: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const found = LOCKFILES.map((name) => join(dir, name)).find(existsSync);
    if (found || dirname(dir) === dir) return found;
  }
}

const lockfileDigests = new Map<string, { stamp: string; digest: string }>();

/** SHA-256 of the lockfile (hex), hashed once per process while its size and mtime stay (several apps share one lockfile). */
export function lockfileDigest(lockfile: string): string {
  const stat = statSync(lockfile);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const known = lockfileDigests.get(lockfile);
  if (known?.stamp === stamp) return known.digest;
  const digest = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
  lockfileDigests.set(lockfile, { stamp, digest });
  return digest;
}
