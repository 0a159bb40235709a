// Run as its own Node process by `watchTypes` (the TypeScript compiler is synchronous: here it never
// holds up a dev server). Argument: a TypesJob as JSON. Prints one TypesReport as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkHost, emitDeclarations, loadConfig } from '@tessera/build';

/** Remotes whose declarations to write again, and hosts to check against them. */
export interface TypesJob {
  /** Remote app roots, with their dev output (holding the dev manifest) and where to write the types. */
  remotes: { root: string; devOutDir: string; typesDir: string }[];
  /** Host app roots, and where each of their remotes' types are read from (a types folder of this session). */
  hosts: { root: string; sources: Record<string, string> }[];
}

export interface TypesReport {
  hosts: { name: string; problems: { file: string; line: number; column: number; remoteModule?: string; message: string }[]; error?: string }[];
}

/** Declarations of a remote's exposes next to a copy of its dev manifest that lists them: a folder `tessera check --from` reads. */
async function writeRemoteTypes(remote: TypesJob['remotes'][number]): Promise<void> {
  const config = { ...(await loadConfig(remote.root)), outDir: remote.typesDir };
  const declarations = emitDeclarations(config);
  const manifest = JSON.parse(readFileSync(join(remote.devOutDir, 'mf-manifest.json'), 'utf8')) as { metaData: Record<string, unknown> };
  manifest.metaData.types = { path: '@types', name: 'index.d.ts', zip: '', api: '@types/index.d.ts', files: declarations?.files ?? [] };
  writeFileSync(join(remote.typesDir, 'mf-manifest.json'), JSON.stringify(manifest));
}

export async function runTypesJob(job: TypesJob): Promise<TypesReport> {
  for (const remote of job.remotes) await writeRemoteTypes(remote);
  const hosts: TypesReport['hosts'] = [];
  for (const host of job.hosts) {
    const config = await loadConfig(host.root);
    try {
      const result = await checkHost(config, host.sources);
      hosts.push({ name: config.name, problems: result.problems });
    } catch (error) {
      hosts.push({ name: config.name, problems: [], error: (error as Error)?.message ?? String(error) });
    }
  }
  return { hosts };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!) && process.argv[2]) {
  console.log(JSON.stringify(await runTypesJob(JSON.parse(process.argv[2]) as TypesJob)));
}
