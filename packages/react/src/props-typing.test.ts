import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const dir = join(repo, 'tmp', `props-typing-test-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A host that knows its remotes' types (what `tessera types` writes), type-checked with the
// repository's compiler options: right props compile; wrong props and unknown ids do not.
const consumer = `
import { RemoteComponent, type RemoteProps } from '@tessera/react';

declare module '@tessera/runtime' {
  interface RemoteModules {
    'catalog/Card': { default: (props: { title: string; count: number }) => null };
  }
}

export const props: RemoteProps<'catalog/Card'> = { title: 'Lamp', count: 2 };
export const ok = <RemoteComponent id="catalog/Card" props={{ title: 'Lamp', count: 2 }} fallback="failed" />;
// @ts-expect-error a prop of the wrong type
export const wrongType = <RemoteComponent id="catalog/Card" props={{ title: 1, count: 2 }} fallback="failed" />;
// @ts-expect-error a missing prop
export const missing = <RemoteComponent id="catalog/Card" props={{ title: 'Lamp' }} fallback="failed" />;
// @ts-expect-error a module no remote exposes
export const unknownId = <RemoteComponent id="catalog/Nope" fallback="failed" />;
`;

it('RemoteComponent types its props from the remote module id, and refuses unknown ids', () => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'consumer.tsx');
  writeFileSync(file, consumer);
  const { config } = ts.readConfigFile(join(repo, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repo);
  const program = ts.createProgram([file], { ...options, noEmit: true });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(problems).toEqual([]);
});
