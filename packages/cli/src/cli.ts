import { resolve } from 'node:path';
import { cac } from 'cac';
import { buildApp, loadConfig, runtimeSize, watchApp } from '@tessera/build';
import { formatReport } from './format-report.js';
import { serve } from './serve.js';

/** The `tessera` command: parses arguments and dispatches. */
export async function main(argv: string[]): Promise<void> {
  const cli = cac('tessera');

  cli
    .command('build [root]', 'Build the app in [root] (default: .) from its federation.config.ts')
    .option('--config <file>', 'Config file, relative to root')
    .option('--watch', 'Rebuild when a source file changes')
    .example('tessera build --watch')
    .action(async (root: string | undefined, options: { config?: string; watch?: boolean }) => {
      const config = await loadConfig(resolve(root ?? '.'), options.config);
      const runtime = await runtimeSize(config.root);
      if (!options.watch) {
        console.log(formatReport(await buildApp(config), runtime));
        return;
      }
      await watchApp(config, (report, error) => {
        if (report) console.log(formatReport(report, runtime));
        else console.error((error as Error)?.message ?? error);
      });
      console.log(`watching ${config.root} for changes (Ctrl+C to stop)`);
    });

  cli
    .command('serve [dir]', 'Serve a built app (default: ./dist) with CORS and federation cache headers')
    .option('--port <port>', 'Port', { default: 4000 })
    .option('--host <host>', 'Interface to listen on', { default: '127.0.0.1' })
    .example('tessera serve dist --port 4001')
    .action(async (dir: string | undefined, options: { port: number; host: string }) => {
      const { url } = await serve({ dir: resolve(dir ?? 'dist'), port: Number(options.port), host: options.host });
      console.log(`serving ${resolve(dir ?? 'dist')} at ${url}`);
    });

  cli.help();
  cli.version('0.1.0');
  const parsed = cli.parse(argv, { run: false });
  if (!cli.matchedCommand && !parsed.options.help && !parsed.options.version) {
    cli.outputHelp();
    if (parsed.args.length) throw new Error(`Unknown command "${parsed.args[0]}"`);
    return;
  }
  await cli.runMatchedCommand();
}
