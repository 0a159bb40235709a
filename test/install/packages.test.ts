import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What npm publishes of each package, checked on the package.json files and the built dist/
// (npm test builds first): types in dist/, files, exports, sideEffects, one version for all,
// no dependency the package never imports (statically, or loaded lazily with import()).
const repo = join(import.meta.dirname, '..', '..');
const libraries = ['runtime', 'build', 'dev', 'cli', 'store', 'bus', 'react', 'testing', 'relay', 'inspector', 'otel'];
const read = (name: string) => JSON.parse(readFileSync(join(repo, 'packages', name, 'package.json'), 'utf8'));
type Target = { 'tessera-source': string; types: string; default: string };

function sources(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.parentPath.includes('test-page'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('published packages', () => {
  it('share one version, and depend on each other at exactly that version', () => {
    const version = read('runtime').version;
    for (const name of [...libraries, 'create-tessera']) {
      const pkg = read(name);
      expect(pkg.version, name).toBe(version);
      for (const [dep, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
        if (dep.startsWith('@tessera/')) expect(range, `${name} → ${dep}`).toBe(version);
      }
    }
  });

  it.each(libraries)('@tessera/%s: types and code in dist/ (built), only dist/ published, sources only under the repository condition', (name) => {
    const pkg = read(name);
    expect(pkg.files).toEqual(name === 'cli' ? ['bin', 'dist'] : ['dist']);
    expect(pkg.types).toBe('./dist/index.d.ts');
    for (const [subpath, target] of Object.entries(pkg.exports as Record<string, Target | string>)) {
      if (typeof target === 'string') continue;
      expect(Object.keys(target), subpath).toEqual(['tessera-source', 'types', 'default']);
      expect(target.types).toMatch(/^\.\/dist\/.*\.d\.ts$/);
      expect(target.default).toMatch(/^\.\/dist\/.*\.js$/);
      for (const file of [target.types, target.default, target['tessera-source']]) expect(existsSync(join(repo, 'packages', name, file)), `${name} ${file}`).toBe(true);
    }
  });

  it('mark side effects: none, except the runtime\'s node/register entry', () => {
    expect(read('runtime').sideEffects).toEqual(['./dist/node/register.js']);
    for (const name of libraries.filter((n) => n !== 'runtime' && n !== 'testing')) expect(read(name).sideEffects, name).toBe(false);
  });

  it.each(libraries)('@tessera/%s imports every dependency it declares', (name) => {
    const pkg = read(name);
    const code = sources(join(repo, 'packages', name, 'src'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) expect(code, `${name} never imports ${dep}`).toMatch(new RegExp(`(from |import\\()'${dep}(/[^']*)?'`));
  });
});
