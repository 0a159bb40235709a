import { join } from 'node:path';
import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeAll, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@tessera/build';
import { loadContainer, provideShared } from '@tessera/testing';
import type { GreetingProps } from './Greeting.js';

const remote = join(import.meta.dirname, '..');
beforeAll(async () => {
  // The test needs the JavaScript only: declarations (dts) are left to npm run build.
  await buildApp({ ...(await loadConfig(remote)), dts: false });
});

it('exposes ./Greeting, which renders with the React the host shares', async () => {
  // The test is the host: it provides its own React, which the remote's singleton takes.
  const shared = provideShared(
    { react: await import('react'), 'react/jsx-runtime': await import('react/jsx-runtime'), 'react-dom': await import('react-dom') },
    { singleton: true, from: import.meta.url },
  );
  const container = await loadContainer(join(remote, 'dist'), { shared });
  const { default: Greeting } = await container.load<{ default: ComponentType<GreetingProps> }>('./Greeting');
  expect(renderToString(createElement(Greeting, { name: 'test' }))).toContain('Hello, <!-- -->test<!-- -->, from the remote!');
});
