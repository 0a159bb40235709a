#!/usr/bin/env node
// create-tessera: scaffolds a workspace with a host and a remote.
//   npm create tessera@latest my-app [-- --template react|vanilla-ts]
//   npx create-tessera my-app --packages <folder of Tessera tarballs>   (before the packages are published)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffold, templates } from '../lib/scaffold.js';

const usage = `Usage: create-tessera <folder> [--template ${templates.join('|')}] [--packages <folder of .tgz>]

Scaffolds a workspace with a host and a remote (TypeScript, federation.config.ts, index.html, a test
with @tessera/testing). Then: cd <folder> && npm install && npm run build && npm start

  --template   ${templates.join(' or ')} (default: react)
  --packages   install @tessera/* from the tarballs in this folder (npm run pack in Tessera's repository)
  --force      write into a folder that is not empty`;

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      template: { type: 'string', short: 't', default: 'react' },
      packages: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const [folder] = positionals;
  if (!folder || positionals.length > 1) throw new Error(`give one folder to create${positionals.length > 1 ? ` (got ${positionals.join(', ')})` : ''}`);
  const target = resolve(folder);
  if (existsSync(target) && readdirSync(target).length && !values.force) {
    throw new Error(`${target} is not empty; choose a new folder, or pass --force to write into it`);
  }
  const { name, files } = scaffold({
    target,
    template: values.template,
    ...(values.packages ? { packages: resolve(values.packages) } : {}),
    version: JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
  });
  console.log(`Created ${name} (${values.template}) in ${target}: ${files} files.

  cd ${folder}
  npm install
  npm run build    # builds remote/ then host/
  npm start        # serves the remote at http://localhost:4001/ and the host at http://localhost:4000/
  npm test         # the remote's test, with @tessera/testing
  npm run dev      # tessera dev: both apps, hot updates across them (host :4000, remote :4001)`);
} catch (error) {
  console.error(`create-tessera: ${error?.message ?? error}\n\n${usage}`);
  process.exitCode = 1;
}
