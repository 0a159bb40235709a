import { describe, expect, it } from 'vitest';
import { createContainer } from './container.js';
import { FederationError, isFederationError } from './errors.js';
import { createInstance } from './federation-instance.js';
import type { FederationPlugin } from './hooks.js';
import { readManifest } from './manifest.js';
import { compareVersions, satisfies } from './semver.js';

/** mulberry32: a small seeded PRNG, so a failure replays. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(9);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const strings = ['', 'remoteEntry.js', '../x.js', '/abs.js', 'file:///etc/passwd', 'ftp://h/x.js', 'javascript:alert(1)', 'http://[::1', '%', 'auto',
  'https://cdn.test/', '//evil.test/x.js', 'a b', '\u0000', 'constructor', '__proto__', 'sha384-abc', 'sha384-!!', '1.2.3', 'banana'];
/** Any JSON-like value, nested up to `depth`. */
function anyValue(depth: number): unknown {
  switch (Math.floor(random() * (depth > 0 ? 8 : 6))) {
    case 0: return pick(strings);
    case 1: return Math.floor(random() * 100) - 50;
    case 2: return pick([null, true, false, undefined]);
    case 3: return pick([NaN, Infinity, 1e308]);
    case 4: return String.fromCharCode(...Array.from({ length: Math.floor(random() * 8) }, () => Math.floor(random() * 0x3000)));
    case 5: return pick(strings) + pick(strings);
    case 6: return Array.from({ length: Math.floor(random() * 4) }, () => anyValue(depth - 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(['name', 'path', 'type', 'metaData', 'x']), anyValue(depth - 1)]));
  }
}
/** A valid manifest with one field replaced by anything. */
function mutatedManifest(): unknown {
  const manifest: Record<string, unknown> = {
    name: 'app',
    metaData: { name: 'app', remoteEntry: { name: 'remoteEntry.js', path: '', type: 'module' }, publicPath: 'auto', globalName: 'app' },
    shared: [{ name: 'react', version: '19.0.0' }],
    exposes: [{ name: 'Button', path: './Button' }],
    integrity: { 'remoteEntry.js': `sha384-${'A'.repeat(64)}` },
  };
  const paths = [['name'], ['metaData'], ['metaData', 'remoteEntry'], ['metaData', 'remoteEntry', 'name'], ['metaData', 'remoteEntry', 'path'],
    ['metaData', 'remoteEntry', 'type'], ['metaData', 'publicPath'], ['metaData', 'globalName'], ['shared'], ['exposes'], ['integrity'], ['integrity', pick(strings)]];
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const path = pick(paths);
    let target = manifest as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      if (!target[key] || typeof target[key] !== 'object') break;
      target = target[key] as Record<string, unknown>;
    }
    target[path.at(-1)!] = anyValue(2);
  }
  return random() < 0.1 ? anyValue(3) : manifest;
}

describe('fuzzing', () => {
  it('readManifest: 2,000 generated manifests give an http(s) entry or TESSERA_MANIFEST_INVALID, never another error', () => {
    let valid = 0;
    for (let i = 0; i < 2000; i++) {
      const json = mutatedManifest();
      const base = pick(['https://cdn.test/app/mf-manifest.json', 'http://127.0.0.1:9/a/mf-manifest.json']);
      try {
        const entry = readManifest(json, base, 'app');
        expect(entry.url, JSON.stringify(json)).toMatch(/^https?:\/\//);
        for (const url of Object.keys(entry.integrity)) expect(url).toMatch(/^https?:\/\//);
        expect(['module', 'var']).toContain(entry.type);
        valid++;
      } catch (error) {
        if (!isFederationError(error) || error.code !== 'TESSERA_MANIFEST_INVALID') throw new Error(`untyped error for ${JSON.stringify(json)}: ${error}`);
      }
    }
    expect(valid).toBeGreaterThan(100);
  });

  it('compareVersions and satisfies: 5,000 random inputs give an answer or TESSERA_VERSION_INVALID, never another error', () => {
    const parts = ['1', '0', '2.3', '.', 'x', '*', '^', '~', '>=', '<', ' - ', '||', '-rc.1', '+b', ' ', 'v', 'banana', '99999999999999999999', '\u0000', '='];
    const input = (): unknown => (random() < 0.1 ? anyValue(1) : Array.from({ length: Math.floor(random() * 7) }, () => pick(parts)).join(''));
    for (let i = 0; i < 5000; i++) {
      const [a, b] = [input(), input()];
      expect(typeof satisfies(a as string, b as string)).toBe('boolean');
      try {
        expect([-1, 0, 1]).toContain(compareVersions(a as string, b as string));
      } catch (error) {
        if (!isFederationError(error) || error.code !== 'TESSERA_VERSION_INVALID') throw new Error(`untyped error for ${String(a)}, ${String(b)}: ${error}`);
      }
    }
  });

  it('plugin hooks and share providers that throw anything: loadRemote and loadShare reject with a FederationError, never another error', async () => {
    const thrown = (): unknown => pick([new Error('e'), new TypeError('t'), 'a string', null, undefined, 0, Symbol('s'), Object.create(null), { message: 1 },
      new FederationError('TESSERA_REMOTE_NOT_FOUND', 'on purpose')]);
    const hooks = ['beforeRequest', 'afterResolve', 'onLoad', 'errorLoadRemote', 'beforeLoadShare', 'resolveShare'] as const;
    const remote = createInstance({ name: 'fuzzRemote' });
    const container = createContainer(remote, { './Button': async () => ({ default: 'Button' }) });
    (globalThis as Record<string, unknown>).__fuzzContainer = container;
    const entry = `data:text/javascript,${encodeURIComponent('const c = globalThis.__fuzzContainer; export const init = (...a) => c.init(...a); export const get = (...a) => c.get(...a);')}`;
    let failures = 0;
    for (let i = 0; i < 200; i++) {
      const value = thrown();
      const hook = pick(hooks);
      // resolveShare is synchronous by contract: a promise it returned would be taken as its answer.
      const async = hook !== 'resolveShare' && random() < 0.5;
      const plugin = { name: `p${i}`, [hook]: async ? () => Promise.reject(value) : () => { throw value; } } as FederationPlugin;
      const host = createInstance({
        name: `fuzzHost${i}`, shareStrategy: 'loaded-first', remotes: { ui: entry, dead: 'http://127.0.0.1:9/remoteEntry.js' }, plugins: [plugin],
        shared: { lib: { import: false } }, retries: 0, timeout: 2000,
      });
      await host.initShareScope();
      const get = async ? () => Promise.reject(thrown()) : () => { throw thrown(); };
      host.shareScopes.default!.lib = { '1.0.0': { get, from: 'foreign', eager: false } };
      for (const load of [() => host.loadRemote(pick(['ui/Button', 'dead/Button', 'nope/X'])), () => host.loadShare('lib')]) {
        try {
          await load();
        } catch (error) {
          failures++;
          if (!isFederationError(error)) throw new Error(`untyped error from hook ${hook} throwing ${String(typeof value)}: ${String(error)}`);
        }
      }
    }
    expect(failures).toBeGreaterThan(200);
  });
});
