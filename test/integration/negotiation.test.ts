import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeHost, serveFixture } from './node-host.js';

const servers: Awaited<ReturnType<typeof serveFixture>>[] = [];
const urls: Record<string, string> = {};

beforeAll(async () => {
  for (const name of ['alpha', 'beta']) {
    const server = await serveFixture(name);
    servers.push(server);
    urls[name] = server.url;
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('share negotiation across built remotes loaded over HTTP in Node', () => {
  it('gives each remote a version of a non-singleton package that satisfies its own range', async () => {
    const result = await runNodeHost('negotiation-host.js', [urls.alpha!, urls.beta!]);
    // alpha needs ~2.0.0 and provides 2.0.0; beta needs ^2.1.0 and provides 2.1.3.
    expect(result.alphaWeek).toBeNull(); // ms 2.0.0 has no weeks
    expect(result.betaWeek).toBe(604_800_000);
    expect(result.alphaUsesOwnCopy).toBe(true);
    // The host consumes ^2.0.0 with no copy of its own: the highest satisfying version, beta's.
    expect(result.hostWeek).toBe(604_800_000);
    expect(result.hostUsesBetaCopy).toBe(true);

    const versions = result.ms.versions.map((v: { version: string; from: string }) => `${v.version} from ${v.from}`).sort();
    expect(versions).toEqual(['2.0.0 from alpha', '2.1.3 from beta']);
    const got = Object.fromEntries(result.ms.consumers.map((c: { consumer: string; version: string; from: string }) => [c.consumer, `${c.version} from ${c.from}`]));
    expect(got).toEqual({ alpha: '2.0.0 from alpha', beta: '2.1.3 from beta', host: '2.1.3 from beta' });
    const alphaConsumer = result.ms.consumers.find((c: { consumer: string }) => c.consumer === 'alpha');
    expect(alphaConsumer).toMatchObject({ requiredVersion: '~2.0.0', strictVersion: true, reason: 'highest version satisfying ~2.0.0' });

    expect(result.remotes.map((r: { name: string; status: string }) => `${r.name}:${r.status}`)).toEqual(['alpha:loaded', 'beta:loaded']);
    expect(result.remotes[1].url).toBe(new URL('remoteEntry.js', urls.beta).href);
    for (const r of result.remotes) expect(r.loadTimeMs).toBeGreaterThan(0);
  });
});
