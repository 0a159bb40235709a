// Cost of loadShare with a warm share scope, against import() of the same already-loaded module.
import { createInstance } from '@tessera/runtime';
import * as react from 'react';
import { opsPerSecondAsync } from './measure.js';

export async function negotiation({ quick }) {
  const options = { n: quick ? 2_000 : 100_000, rounds: quick ? 3 : 7 };
  const host = createInstance({
    name: 'bench-host',
    shared: { react: { version: react.version, singleton: true, requiredVersion: '^19.0.0', get: () => () => react } },
    shareStrategy: 'loaded-first',
  });
  await host.loadShare('react');
  const loadShare = await opsPerSecondAsync(async (n) => { for (let i = 0; i < n; i++) (await host.loadShare('react'))(); }, options);
  const dynamicImport = await opsPerSecondAsync(async (n) => { for (let i = 0; i < n; i++) await import('react'); }, options);
  return {
    loadShareMicroseconds: 1e6 / loadShare,
    importMicroseconds: 1e6 / dynamicImport,
    ratioToImport: loadShare / dynamicImport, // import() time ÷ loadShare time
  };
}
