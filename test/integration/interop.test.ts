import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeHost, serveFixture } from './node-host.js';

let gamma: Awaited<ReturnType<typeof serveFixture>>;
beforeAll(async () => {
  gamma = await serveFixture('gamma');
});
afterAll(() => gamma?.close());

describe('every import form of a shared package goes through the share scope', () => {
  it('default, named and namespace imports of CommonJS and ESM packages, and subpaths', async () => {
    const { seen, consumers } = await runNodeHost('interop-host.js', [gamma.url]);
    // CommonJS react, the remote's own copy: default, named and namespace agree.
    expect(seen).toMatchObject({ reactDefault: 'function', reactNamedIsDefaults: true, reactNamespaceIsDefaults: true, jsxType: 'div' });
    // ESM packages: the host's higher singleton versions replaced the remote's copies.
    expect(seen.nanoidNamed).toBe('nanoid from host');
    expect(seen.nanoidNamespace).toBe(true);
    expect(seen.customAlphabet).toBe('function');
    expect(seen.escapeDefault).toBe('escaped by host: a.b');
    expect(consumers.nanoid).toEqual(['gamma got 99.0.0 from host']);
    expect(consumers['escape-string-regexp']).toEqual(['gamma got 99.0.0 from host']);
    expect(consumers.react).toEqual([expect.stringMatching(/^gamma got 19\.\d+\.\d+ from gamma$/)]);
    expect(consumers['react/jsx-runtime']).toEqual([expect.stringMatching(/^gamma got 19\.\d+\.\d+ from gamma$/)]);
  });
});
