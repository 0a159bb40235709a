// `npm run pack [-- --out <folder>]`: builds every package (JavaScript and declarations) and writes
// one tarball per package into one folder (default: packs/), named as npm names them
// (tessera-runtime-0.1.0.tgz). Install them all in one command:
//   npm install <folder>/*.tgz
// Prints the folder and the tarballs, one a line, and exits non-zero if a step fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Every published package, by folder under packages/. */
export const published = ['runtime', 'build', 'dev', 'cli', 'store', 'bus', 'react', 'testing', 'relay', 'inspector', 'otel', 'create-tessera'];

const at = process.argv.indexOf('--out');
const out = resolve(at > 0 ? process.argv[at + 1] : join(root, 'packs'));
if (!process.argv.includes('--no-build')) execFileSync(process.execPath, [join(root, 'scripts', 'build-packages.js')], { stdio: 'inherit' });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const workspaces = published.flatMap((name) => ['-w', `packages/${name}`]);
execFileSync('npm', ['pack', '--silent', '--pack-destination', out, ...workspaces], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
console.log(out);
for (const file of readdirSync(out).sort()) console.log(`  ${file}`);
