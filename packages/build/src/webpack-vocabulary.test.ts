import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './build.js';
import { resolveConfig, type FederationConfig } from './config.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const work = join(repo, 'tmp', `webpack-vocabulary-test-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sources = {
  'package.json': '{ "name": "sample", "version": "1.0.0", "type": "module", "dependencies": { "react": "^19.1.0" } }',
  'src/Button.ts': "import { version } from 'react';\nexport const Button = () => `button on React ${version}`;\n",
  'src/main.ts': "import('cart/Summary').then((m) => console.log(m));\nimport('legacy/Widget').then((m) => console.log(m));\n",
};

function app(name: string): string {
  const root = join(work, name);
  for (const [file, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

function output(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name), 'utf8')]),
  );
}

const tessera: FederationConfig = {
  name: 'sample',
  filename: 'remoteEntry.js',
  entry: './src/main.ts',
  exposes: { './Button': './src/Button.ts' },
  remotes: {
    cart: 'http://localhost:4002/remoteEntry.js',
    legacy: { entry: 'http://localhost:4003/remoteEntry.var.js', type: 'var' },
  },
  shared: { react: { singleton: true, requiredVersion: '^19.1.0' } },
  shareScope: 'default',
  dts: false,
};

/** The same app in the words of webpack's ModuleFederationPlugin. */
const webpack = {
  name: 'sample',
  filename: 'remoteEntry.js',
  entry: './src/main.ts',
  library: { type: 'module', name: 'sample' },
  remoteType: 'module',
  runtime: false,
  exposes: { './Button': { import: './src/Button.ts' } },
  remotes: {
    cart: { external: 'http://localhost:4002/remoteEntry.js' },
    legacy: 'legacy@http://localhost:4003/remoteEntry.var.js',
  },
  shared: { react: { singleton: true, requiredVersion: '^19.1.0', shareKey: 'react', packageName: 'react', import: 'react' } },
  shareScope: 'default',
  dts: false,
};

describe("webpack's ModuleFederationPlugin vocabulary", () => {
  it("builds the same output from webpack's option names as from Tessera's", async () => {
    const a = app('tessera-words');
    const b = app('webpack-words');
    const fromWebpack = resolveConfig(webpack as unknown as FederationConfig, b);
    expect(fromWebpack.warnings).toEqual(["\"runtime\" is ignored: Tessera has no separate runtime chunk: the remote entry uses the page's Tessera runtime or brings its own"]);
    expect(fromWebpack.remotes).toEqual(resolveConfig(tessera, a).remotes);
    await buildApp(resolveConfig(tessera, a));
    await buildApp(fromWebpack);
    const expected = output(join(a, 'dist'));
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['remoteEntry.js', 'remoteEntry.var.js', 'main.js', 'mf-manifest.json']));
    expect(output(join(b, 'dist'))).toEqual(expected);
  });

  it('refuses what cannot be supported, saying why', () => {
    const root = app('refused');
    const message = (() => {
      try {
        resolveConfig({
          ...tessera,
          remoteType: 'commonjs',
          library: { type: 'umd' },
          getPublicPath: 'return "/"',
          shared: { react: { shareKey: 'react18' }, 'react-dom': { import: './my-react-dom.js', import_: 1 } },
        } as unknown as FederationConfig, root);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('"remoteType": "commonjs" cannot be loaded by a browser host; use "module" (ES module remote entry) or "var"/"script"');
    expect(message).toContain('"library.type": "umd" is not supported: Tessera writes an ES module entry and a "var" script entry');
    expect(message).toContain('"getPublicPath" is not supported: a public path computed at run time is not supported; set "publicPath"');
    expect(message).toContain('shared["react"].shareKey: Tessera shares a package under its import name, so shareKey must equal the key (got "react18"); rename the key to "react18"');
    expect(message).toContain('shared["react-dom"].import: only false (consume only) is supported');
  });
});
