import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './build.js';
import { resolveConfig, type FederationConfig } from './config.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const work = join(repo, 'tmp', `extend-build-test-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function app(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const outputText = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');

/** An esbuild plugin as an app would bring one (here: SVG files become components). */
const svgComponents: Plugin = {
  name: 'svg-components',
  setup(build) {
    build.onLoad({ filter: /\.svg$/ }, (args) => ({
      contents: `export default function Icon() { return ${JSON.stringify(`svg-component:${readFileSync(args.path, 'utf8').length}`)}; }`,
      loader: 'js',
    }));
  },
};

describe('an extensible build', () => {
  it('passes esbuild plugins, define, alias, loader, jsxImportSource and target through; copies public/; writes source maps in development', async () => {
    const root = app('extended', {
      'package.json': '{ "name": "extended", "version": "1.0.0", "type": "module" }',
      'src/main.tsx': [
        "import Icon from './icon.svg';",
        "import note from './note.txt';",
        "import { greet } from 'greeting';",
        'declare const __GREETING__: string;',
        'const view = <div title={__GREETING__}>{greet()}</div>;',
        'console.log(view, Icon(), note, process.env.NODE_ENV);',
      ].join('\n'),
      'src/icon.svg': '<svg></svg>',
      'src/note.txt': 'a text file',
      'src/greeting/index.ts': "export const greet = () => 'hello from an alias';",
      'src/my-jsx/jsx-runtime.ts': "export const jsx = (type: string) => `my-jsx:${type}`; export const jsxs = jsx; export const Fragment = 'fragment';",
      'public/robots.txt': 'User-agent: *',
      'public/icons/favicon.ico': 'ico',
    });
    const config: FederationConfig = {
      name: 'extended',
      entry: './src/main.tsx',
      mode: 'development',
      publicPath: 'https://cdn.example.com/extended/',
      esbuild: {
        plugins: [svgComponents],
        define: { __GREETING__: '"hello from define"' },
        alias: { greeting: './src/greeting', 'my-jsx': './src/my-jsx' },
        loader: { '.txt': 'text' },
        jsxImportSource: 'my-jsx',
        target: 'es2020',
      },
    };
    const resolved = resolveConfig(config, root);
    expect(resolved).toMatchObject({ minify: false, sourcemap: true, publicPath: 'https://cdn.example.com/extended/' });
    const report = await buildApp(resolved);
    const files = report.files.map((f) => f.file);
    expect(files).toEqual(expect.arrayContaining(['robots.txt', 'icons/favicon.ico', 'main.js']));
    expect(readFileSync(join(root, 'dist', 'robots.txt'), 'utf8')).toBe('User-agent: *');
    expect(files.some((f) => f.endsWith('.js.map'))).toBe(true);
    const code = outputText(join(root, 'dist'));
    for (const text of ['svg-component:11', 'a text file', 'hello from an alias', 'hello from define', 'my-jsx:', '"development"']) expect(code).toContain(text);
  });

  it('refuses the esbuild options federation owns, saying which key to use', () => {
    const root = app('owned', { 'src/main.ts': 'export {};' });
    expect(() => resolveConfig({ name: 'owned', entry: './src/main.ts', esbuild: { outdir: 'x', format: 'cjs', minify: true } as never }, root)).toThrow(
      /esbuild\.outdir is set by the federation build: use "outDir"[\s\S]*esbuild\.format is set by the federation build[\s\S]*esbuild\.minify is set by the federation build: use "minify"/,
    );
  });

  it('leaves out public/ when publicDir is false, and production builds minified without maps', async () => {
    const root = app('plain', { 'src/main.ts': 'console.log(process.env.NODE_ENV);', 'public/robots.txt': 'x' });
    const report = await buildApp(resolveConfig({ name: 'plain', entry: './src/main.ts', publicDir: false }, root));
    expect(report.files.some((f) => f.file === 'robots.txt' || f.file.endsWith('.map'))).toBe(false);
    expect(existsSync(join(root, 'dist', 'robots.txt'))).toBe(false);
    expect(outputText(join(root, 'dist'))).toContain('"production"');
  });
});
