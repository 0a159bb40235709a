import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOST_TYPES_TSCONFIG } from './remote-types.js';
import { typesSetupAdvice } from './types-setup.js';

// Inside the repository: the app's TypeScript is found from its folder, as for a real app.
const base = join(import.meta.dirname, '..', '..', '..', 'tmp', `types-setup-${process.pid}`);
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

/** An app folder with what `tessera types` writes, and `tsconfig` (none when undefined). */
function app(tsconfig?: object): string {
  const root = join(base, `app${++n}`);
  mkdirSync(join(root, '.tessera', 'types'), { recursive: true });
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(join(root, 'src', 'main.ts'), 'export {};\n');
  writeFileSync(join(root, '.tessera', 'tsconfig.json'), HOST_TYPES_TSCONFIG);
  writeFileSync(join(root, '.tessera', 'types', 'remotes.d.ts'), 'export {};\n');
  if (tsconfig) writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
  return root;
}

const extendsTypes = './.tessera/tsconfig.json';

describe('typesSetupAdvice', () => {
  it('asks for the extends when the app has no tsconfig, or one that does not extend .tessera/tsconfig.json', () => {
    expect(typesSetupAdvice(app())).toContain('add "extends": "./.tessera/tsconfig.json"');
    expect(typesSetupAdvice(app({ compilerOptions: { strict: true } }))).toContain('add "extends": "./.tessera/tsconfig.json"');
  });

  it('has nothing to add when the app extends it without paths or include of its own', () => {
    expect(typesSetupAdvice(app({ extends: extendsTypes, compilerOptions: { strict: true } }))).toBeUndefined();
  });

  it('names the paths entry an app with aliases of its own must add (TypeScript replaces extended paths), relative to baseUrl', () => {
    const own = { '@/*': ['./src/*'] };
    expect(typesSetupAdvice(app({ extends: extendsTypes, compilerOptions: { paths: own } })))
      .toContain('add "__tessera_types__/*": ["./.tessera/types/*"] to them');
    expect(typesSetupAdvice(app({ extends: extendsTypes, compilerOptions: { baseUrl: './src', paths: { '@/*': ['./*'] } } })))
      .toContain('add "__tessera_types__/*": ["../.tessera/types/*"] to them');
    // With the entry added, as advised, and its own include, it asks for the include.
    const fixed = { extends: extendsTypes, compilerOptions: { paths: { ...own, '__tessera_types__/*': ['./.tessera/types/*'] } }, include: ['src'] };
    expect(typesSetupAdvice(app(fixed))).toContain('add "./.tessera/types/**/*.d.ts" to it');
    expect(typesSetupAdvice(app({ ...fixed, include: ['src', './.tessera/types/**/*.d.ts'] }))).toBeUndefined();
  });
});
