import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '@tessera/build';
import type { TypesJob, TypesReport } from './types-job.js';

/** Folder inside a remote where the dev session writes its declarations (and a manifest listing them). */
export const DEV_TYPES_DIR = join('.tessera', 'dev-types');

interface SessionApp {
  config: ResolvedConfig;
  devOutDir: string;
}

/**
 * Types while developing: after a remote of the session builds, its exposed modules' declarations
 * are written again and every host of the session that uses it is checked against them (its
 * `.tessera/types` refreshed, as `tessera check` does), in a separate Node process, so no dev
 * server waits. Prints the host's uses that no longer fit, and when they fit again. Runs one job at
 * a time; changes meanwhile are gathered into the next.
 */
export function watchTypes(apps: SessionApp[], log: (line: string) => void): { remoteBuilt(name: string, first: boolean): void; close(): Promise<void> } {
  const remotes = new Map(apps.filter((a) => Object.keys(a.config.exposes).length && a.config.dts).map((a) => [a.config.name, a]));
  const hosts = apps.filter((a) => a.config.remotes.some((r) => remotes.has(r.name)));
  const script = fileURLToPath(new URL('./types-job.js', import.meta.url));
  const pending = new Set<string>();
  const lastProblems = new Map<string, number>();
  let running: ChildProcess | undefined;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    if (running || closed || !pending.size || !existsSync(script)) return;
    const changed = [...pending];
    pending.clear();
    // The remotes that changed, and those whose declarations this session has not written yet.
    const stale = [...remotes.keys()].filter((name) => changed.includes(name) || !existsSync(join(remotes.get(name)!.config.root, DEV_TYPES_DIR, 'mf-manifest.json')));
    const job: TypesJob = {
      remotes: stale.map((name) => remotes.get(name)!).map((a) => ({ root: a.config.root, devOutDir: a.devOutDir, typesDir: join(a.config.root, DEV_TYPES_DIR) })),
      hosts: hosts
        .filter((h) => h.config.remotes.some((r) => changed.includes(r.name)))
        .map((h) => ({
          root: h.config.root,
          sources: Object.fromEntries(h.config.remotes.filter((r) => remotes.has(r.name)).map((r) => [r.name, join(remotes.get(r.name)!.config.root, DEV_TYPES_DIR)])),
        })),
    };
    running = execFile(process.execPath, [script, JSON.stringify(job)], { maxBuffer: 16 << 20 }, (error, stdout) => {
      running = undefined;
      if (closed) return;
      if (error) log(`types  ${error.message.split('\n')[0]}`);
      else report(JSON.parse(stdout.trim().split('\n').at(-1)!) as TypesReport);
      run();
    });
    // The type checker yields the CPU to the dev servers' builds.
    if (running.pid) try { setPriority(running.pid, 5); } catch { /* not permitted: runs at normal priority */ }
  };

  const report = ({ hosts: checked }: TypesReport) => {
    for (const host of checked) {
      if (host.error) {
        log(`${host.name}  types: ${host.error.split('\n')[0]}`);
        continue;
      }
      const before = lastProblems.get(host.name);
      lastProblems.set(host.name, host.problems.length);
      if (!host.problems.length) {
        if (before) log(`${host.name}  types: every use fits its remotes' types again`);
        continue;
      }
      const n = host.problems.length;
      log(`${host.name}  types: ${n} use${n === 1 ? '' : 's'} no longer fit${n === 1 ? 's' : ''} the remotes' types`);
      for (const p of host.problems) log(`  ${p.file}:${p.line}:${p.column}  ${p.remoteModule ?? '(own code)'}  ${p.message}`);
    }
  };

  return {
    remoteBuilt(name, first) {
      if (!remotes.has(name) || !hosts.length) return;
      pending.add(name);
      clearTimeout(timer);
      // After the first build, a while later: the declarations are ready before the first edit, and
      // the type checker does not compete with the pages' first load.
      timer = setTimeout(run, first ? 1_500 : 200);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const child = running;
      if (child && child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill();
        await exited;
      }
    },
  };
}
