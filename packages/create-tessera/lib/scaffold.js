import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
/** Template names, by folder under templates/ (common/ is written for every template). */
export const templates = readdirSync(join(here, 'templates')).filter((t) => t !== 'common').sort();

/** The Tessera packages a scaffold may depend on, by npm name → tarball prefix (`npm pack` naming). */
const tesseraPackages = ['@tessera/runtime', '@tessera/build', '@tessera/dev', '@tessera/relay', '@tessera/cli', '@tessera/react', '@tessera/store', '@tessera/bus', '@tessera/testing', '@tessera/inspector', '@tessera/otel'];

/**
 * Writes a template into `target`: templates/common/ then templates/<template>/, with `__NAME__`
 * replaced by the workspace name, `_gitignore` renamed `.gitignore`, and `__TESSERA__` by the
 * version range of the Tessera packages. With `packages` (a folder of `npm pack` tarballs), every
 * `@tessera/*` dependency points at its tarball, also through `overrides` (so the packages' own
 * dependencies on each other use the tarballs too).
 * @param {{ target: string, template: string, version: string, packages?: string }} options
 * @returns {{ name: string, files: number }}
 */
export function scaffold({ target, template, version, packages }) {
  if (!templates.includes(template)) throw new Error(`unknown template "${template}"; choose ${templates.join(' or ')}`);
  const name = basename(target).toLowerCase().replace(/[^a-z0-9-._]/g, '-').replace(/^[-._]+/, '') || 'tessera-app';
  const tarballs = packages ? tarballsIn(packages) : undefined;
  mkdirSync(target, { recursive: true });
  let files = 0;
  for (const from of [join(here, 'templates', 'common'), join(here, 'templates', template)]) {
    cpSync(from, target, { recursive: true });
    for (const file of listFiles(from)) {
      const written = join(target, relative(from, file));
      let text = readFileSync(written, 'utf8').replaceAll('__NAME__', name).replaceAll('"__TESSERA__"', JSON.stringify(`^${version}`));
      if (basename(written) === 'package.json' && tarballs) text = withTarballs(text, tarballs, written === join(target, 'package.json'));
      writeFileSync(written, text);
      if (basename(written) === '_gitignore') renameSync(written, join(written, '..', '.gitignore'));
      files++;
    }
  }
  return { name, files };
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** `@tessera/runtime` → `file:/abs/tessera-runtime-0.1.0.tgz`, for each package with a tarball in `folder`. */
function tarballsIn(folder) {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`--packages: ${folder} is not a folder`);
  const found = {};
  const files = readdirSync(folder).filter((f) => f.endsWith('.tgz'));
  for (const pkg of tesseraPackages) {
    const prefix = `${pkg.slice(1).replace('/', '-')}-`;
    const file = files.filter((f) => f.startsWith(prefix) && /^\d/.test(f.slice(prefix.length))).sort().at(-1);
    if (!file) throw new Error(`--packages: no ${prefix}<version>.tgz in ${folder} (run npm run pack in Tessera's repository)`);
    found[pkg] = `file:${join(folder, file)}`;
  }
  return found;
}

function withTarballs(text, tarballs, isRoot) {
  const pkg = JSON.parse(text);
  for (const field of ['dependencies', 'devDependencies']) {
    for (const dep of Object.keys(pkg[field] ?? {})) if (tarballs[dep]) pkg[field][dep] = tarballs[dep];
  }
  if (isRoot) pkg.overrides = { ...pkg.overrides, ...tarballs };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
