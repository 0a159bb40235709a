import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsolated } from '../support/isolated-build.js';
import { runNodeHost } from './node-host.js';

const servers: Server[] = [];
let outDir = '';

beforeAll(async () => {
  // The remote's own runtime options bound its chunks' loads (the host's bound its entry).
  ({ outDir } = await buildIsolated(join(import.meta.dirname, '..', 'fixtures', 'beta'), (config) => {
    config.runtime = { ...config.runtime, timeout: 600, retries: 1 };
  }));
});

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** Serves the built beta remote on a free loopback port; requests for files matching `hang` never get an answer. */
async function serveHanging(hang: RegExp): Promise<string> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (hang.test(path)) return;
    res.end(await readFile(join(outDir, path)).catch(() => ((res.statusCode = 404), '')));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mf-manifest.json`;
}

describe('a remote that never answers, in a Node host (module.register http hooks)', () => {
  it('its entry: TESSERA_REMOTE_TIMEOUT after the retry, and the host process still exits', async () => {
    const manifest = await serveHanging(/remoteEntry\.js$/);
    expect(await runNodeHost('hung-host.js', [manifest], { timeout: 15_000 })).toEqual({
      code: 'TESSERA_REMOTE_TIMEOUT', url: new URL('remoteEntry.js', manifest).href,
    });
  });

  it('its exposed module\'s file: TESSERA_REMOTE_TIMEOUT naming it, and the host process still exits', async () => {
    const manifest = await serveHanging(/duration-\w+\.js$/);
    const result = await runNodeHost('hung-host.js', [manifest], { timeout: 15_000 });
    expect(result).toMatchObject({ code: 'TESSERA_REMOTE_TIMEOUT', url: expect.stringMatching(/\/duration-\w+\.js$/) });
  });
});
