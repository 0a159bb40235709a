import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '@tessera/cli';
import { buildIsolated } from '../support/isolated-build.js';
import { runNodeHost } from './node-host.js';

const servers: { close(): Promise<void> | void }[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Builds the beta fixture, lets `tamper` change its files on disk (the manifest keeps the built hashes), serves it. */
async function servedBeta(tamper: (outDir: string) => void = () => {}) {
  const config = await buildIsolated(join(import.meta.dirname, '..', 'fixtures', 'beta'));
  tamper(config.outDir);
  const server = await serve({ dir: config.outDir, port: 0 });
  servers.push(server);
  return `${server.url.replace('localhost', '127.0.0.1')}mf-manifest.json`;
}

/** The exposed module's own file, as the manifest lists it (imported by the remote entry's `get`). */
function exposedChunk(outDir: string): string {
  const manifest = JSON.parse(readFileSync(join(outDir, 'mf-manifest.json'), 'utf8')) as { exposes: { assets: { js: { sync: string[] } } }[] };
  return manifest.exposes[0]!.assets.js.sync[0]!;
}

const tamper = (file: string) => appendFileSync(file, '\nglobalThis.tampered = true;\n');

describe('integrity of manifest-loaded remotes in Node (module.register http hooks)', () => {
  it('runs a remote whose files match its manifest hashes', async () => {
    expect(await runNodeHost('integrity-host.js', [await servedBeta()])).toEqual({ loaded: 1000, tampered: false });
  });

  it('loads while the main thread is slow to answer the loader thread (no import left never settling)', async () => {
    expect(await runNodeHost('integrity-host.js', [await servedBeta(), 'true', 'busy'])).toEqual({ loaded: 1000, tampered: false });
  });

  it('refuses a tampered remote entry before it runs: TESSERA_INTEGRITY_FAILED naming the remote and the file', async () => {
    const manifest = await servedBeta((dir) => tamper(join(dir, 'remoteEntry.js')));
    const url = new URL('remoteEntry.js', manifest).href;
    expect(await runNodeHost('integrity-host.js', [manifest])).toMatchObject({
      name: 'FederationError', code: 'TESSERA_INTEGRITY_FAILED', remote: 'beta', url,
      message: expect.stringContaining(`remoteEntry.js differs from its manifest hash: refused (remote "beta" at ${url})`), tampered: false,
    });
  });

  it('refuses a tampered chunk (imported by the exposed module) naming the chunk; integrity: false opts out', async () => {
    let chunk = '';
    const manifest = await servedBeta((dir) => {
      chunk = exposedChunk(dir);
      tamper(join(dir, chunk));
    });
    expect(await runNodeHost('integrity-host.js', [manifest])).toMatchObject({
      code: 'TESSERA_INTEGRITY_FAILED', remote: 'beta', url: new URL(chunk, manifest).href, message: expect.stringContaining('differs from its manifest hash'), tampered: false,
    });
    expect(await runNodeHost('integrity-host.js', [manifest, 'false'])).toEqual({ loaded: 1000, tampered: true });
  });
});
