import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-load-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

async function rejection(file?: string): Promise<Error & { code?: string }> {
  return loadConfig(dir, file).then(
    () => { throw new Error('expected the config to be rejected'); },
    (error: Error) => error,
  );
}

describe('loadConfig', () => {
  write({ 'src/Button.ts': 'export const Button = 1;\n', 'package.json': '{ "name": "app", "version": "2.0.0", "type": "module" }' });

  it('loads a TypeScript config that imports a workspace package shipped as TypeScript, writing nothing beside it', async () => {
    write({
      'node_modules/@acme/urls/package.json': JSON.stringify({ name: '@acme/urls', type: 'module', exports: { '.': './src/index.ts' } }),
      'node_modules/@acme/urls/src/index.ts': 'export const cartUrl: string = "http://localhost:4002/mf-manifest.json";\n',
      'federation.config.ts': [
        "import { cartUrl } from '@acme/urls';",
        "const name: string = 'app';",
        "export default { name, exposes: { './Button': './src/Button.ts' }, remotes: { cart: cartUrl }, dts: false };",
      ].join('\n'),
    });
    const before = readdirSync(dir).sort();
    const config = await loadConfig(dir);
    expect(config.remotes).toEqual([expect.objectContaining({ name: 'cart', entry: 'http://localhost:4002/mf-manifest.json' })]);
    expect(config.configFile).toBe(join(dir, 'federation.config.ts'));
    expect(config.version).toBe('2.0.0');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('names the file given with --config in every error', async () => {
    write({ 'federation.x.config.ts': "export default { name: 'app', exposes: { './Button': './src/Button.ts' }, remoteType: 'commonjs' };" });
    const error = await rejection('federation.x.config.ts');
    expect(error.code).toBe('TESSERA_CONFIG_INVALID');
    expect(error.message).toContain('federation.x.config.ts is invalid:');
    expect(error.message).toContain('"remoteType": "commonjs" cannot be loaded by a browser host');
    write({ 'federation.y.config.ts': 'export default {' });
    expect((await rejection('federation.y.config.ts')).message).toContain('federation.y.config.ts could not be loaded');
  });

  it('refuses a key given twice (JavaScript would silently keep the last expose)', async () => {
    write({ 'federation.dup.config.ts': "export default { name: 'app', exposes: { './Button': './src/Button.ts', './Button': './src/Other.ts' } };" });
    const error = await rejection('federation.dup.config.ts');
    expect(error.code).toBe('TESSERA_CONFIG_INVALID');
    expect(error.message).toContain('Duplicate key "./Button" in object literal (line 1): the first one is lost; give each its own key');
  });

  it('warns that dts writes nothing when TypeScript is not installed', async () => {
    // The temporary app has no node_modules/typescript anywhere above it.
    write({ 'federation.dts.config.ts': "export default { name: 'app', exposes: { './Button': './src/Button.ts' } };" });
    const config = await loadConfig(dir, 'federation.dts.config.ts');
    expect(config.dts).toBe(false);
    expect(config.warnings).toEqual([expect.stringContaining('"dts": typescript is not installed, so no declarations of the exposed modules are written')]);
  });
});
