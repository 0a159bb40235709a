import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildIsolated } from '../support/isolated-build.js';
import { serve } from '@tessera/cli';

const here = import.meta.dirname;

/** Builds a fixture remote into a temporary folder and serves it on a free loopback port. */
export async function serveFixture(name: string) {
  const config = await buildIsolated(join(here, '..', 'fixtures', name));
  const server = await serve({ dir: config.outDir, port: 0 });
  return { ...server, url: server.url.replace('localhost', '127.0.0.1') };
}

/**
 * Runs a host script of this folder in Node with http imports enabled; returns its JSON output.
 * `timeout` (ms): the script is killed, and this rejects, if it has not exited by then.
 */
export async function runNodeHost(script: string, args: string[], { timeout = 0 } = {}): Promise<any> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', '@tessera/runtime/node/register', join(here, script), ...args],
    { cwd: here, timeout },
  );
  return JSON.parse(stdout);
}
