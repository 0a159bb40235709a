import { relative } from 'node:path';
import { buildApps, cachedRuntimeSize, findApps, loadConfig, watchApp, type BuildReport, type ResolvedConfig } from '@tessera/build';
import { formatReport } from './format-report.js';

function printReport(report: BuildReport, runtime: { gzipBytes: number; whole?: { gzipBytes: number } } | undefined): void {
  const types = report.declarationsEmitter
    ? `\n  declarations (${report.declarationsEmitter === 'isolated' ? 'isolated emitter' : 'TypeScript compiler'}) in ${report.declarationsMs} ms, alongside the JavaScript (written at ${report.javascriptMs} ms)`
    : '';
  console.log(formatReport(report, runtime) + types);
  for (const warning of report.warnings) console.warn(`warning: ${warning}`);
}

/**
 * `tessera build [...roots]`: finds the apps (app folders, or every workspace package with a
 * federation.config.*), loads their configs, builds them all at once in this process and prints
 * each report, remotes before hosts. `dts: false` (--no-dts) skips declarations; `cache: false` (--no-cache) leaves node_modules/.cache/tessera alone. With `watch`, keeps rebuilding each app. Sets a non-zero exit
 * code when an app failed (its error is printed; the others are still built).
 */
export async function buildAppsCommand(roots: string[], options: { config?: string; watch?: boolean; dts?: boolean; cache?: boolean }): Promise<void> {
  const dirs = findApps(roots);
  if (options.config && dirs.length > 1) throw new Error('--config takes one app folder; give each app its federation.config.* instead');
  const load = async (dir: string): Promise<ResolvedConfig> => {
    const config = await loadConfig(dir, options.config);
    for (const warning of config.warnings) console.warn(`warning: ${warning}`);
    return { ...config, ...(options.dts === false ? { dts: false } : {}), ...(options.cache === false ? { cache: false } : {}) };
  };
  const configs = await Promise.all(dirs.map(load));
  const runtime = cachedRuntimeSize(dirs[0]!, configs[0]!.cache).catch(() => undefined);
  if (!options.watch) {
    const results = await buildApps(configs);
    const size = await runtime;
    for (const result of results) {
      if (result.report) printReport(result.report, size);
      else {
        console.error(`${result.config.name}: ${(result.error as Error)?.message ?? result.error}`);
        process.exitCode = 1;
      }
    }
    return;
  }
  const size = await runtime;
  await Promise.all(configs.map((config, i) =>
    watchApp(config, (report, error) => {
      if (report) printReport(report, size);
      else console.error((error as Error)?.message ?? error);
    }, { reloadConfig: () => load(dirs[i]!) })));
  console.log(`watching ${configs.map((c) => relative(process.cwd(), c.root) || '.').join(', ')} for changes (Ctrl+C to stop)`);
}
