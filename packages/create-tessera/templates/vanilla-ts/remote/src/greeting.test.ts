import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@tessera/build';
import { loadContainer } from '@tessera/testing';

const remote = join(import.meta.dirname, '..');
beforeAll(async () => {
  // The test needs the JavaScript only: declarations (dts) are left to npm run build.
  await buildApp({ ...(await loadConfig(remote)), dts: false });
});

it('exposes ./greeting from its build', async () => {
  const container = await loadContainer(join(remote, 'dist'));
  const { greet } = await container.load<typeof import('./greeting.js')>('./greeting');
  expect(greet('test')).toBe('Hello, test, from the remote!');
  await expect(container.load('./nope')).rejects.toMatchObject({ code: 'TESSERA_EXPOSE_NOT_FOUND' });
});
