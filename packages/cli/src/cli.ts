import { resolve } from 'node:path';
import { cac } from 'cac';
import { devCommand } from './dev-command.js';

/** The `tessera` command: parses arguments and dispatches; each command loads its code when it runs. */
export async function main(argv: string[]): Promise<void> {
  const cli = cac('tessera');

  cli
    .command('build [...roots]', 'Build the apps in [roots] (default: .): app folders, or a workspace root (every package with a federation.config.*), at once')
    .option('--config <file>', 'Config file, relative to root (one root only)')
    .option('--watch', 'Rebuild when a source file changes; restart when federation.config.* changes')
    .option('--no-dts', 'Write no declarations (overrides the config\'s dts)')
    .option('--no-cache', 'Neither reuse nor keep the build\'s caches in node_modules/.cache/tessera (overrides the config\'s cache)')
    .example('tessera build --watch')
    .example('tessera build examples/shop/catalog examples/shop/cart examples/shop/shell')
    .action(async (roots: string[], options: { config?: string; watch?: boolean; dts?: boolean; cache?: boolean }) => {
      const { buildAppsCommand } = await import('./build-command.js');
      await buildAppsCommand(roots.length ? roots : ['.'], options);
    });

  cli
    .command('serve [dir]', 'Serve a built app (default: ./dist) with CORS and federation cache headers')
    .option('--port <port>', 'Port', { default: 4000 })
    .option('--host <host>', 'Interface to listen on', { default: '127.0.0.1' })
    .example('tessera serve dist --port 4001')
    .action(async (dir: string | undefined, options: { port: number; host: string }) => {
      const { serve } = await import('./serve.js');
      const { url } = await serve({ dir: resolve(dir ?? 'dist'), port: Number(options.port), host: options.host });
      console.log(`serving ${resolve(dir ?? 'dist')} at ${url}`);
    });

  const sources = (from: string | string[] | undefined): Record<string, string> =>
    Object.fromEntries([from ?? []].flat().map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--from takes remote=location (a URL or a dist folder), got "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }));

  cli
    .command('types [root]', "Fetch the declarations of the app's remotes into .tessera/types (extend .tessera/tsconfig.json)")
    .option('--from <remote=location>', 'Read a remote from a URL or a local dist folder instead of its configured URL (repeatable)')
    .example('tessera types --from catalog=../catalog/dist')
    .action(async (root: string | undefined, options: { from?: string | string[] }) => {
      const { fetchRemoteTypes, loadConfig, typesSetupAdvice } = await import('@tessera/build');
      const config = await loadConfig(resolve(root ?? '.'));
      for (const r of await fetchRemoteTypes(config, sources(options.from))) {
        console.log(`${r.remote}: ${r.modules.join(', ')} (from ${r.source})`);
      }
      const advice = typesSetupAdvice(config.root);
      console.log(`wrote ${resolve(config.root, '.tessera/types')}${advice ? `; ${advice}` : ', which your tsconfig includes'}`);
    });

  cli
    .command('check [root]', 'Type-check the app against the declarations its remotes publish now; non-zero exit on a broken use')
    .option('--from <remote=location>', 'Read a remote from a URL or a local dist folder instead of its configured URL (repeatable)')
    .action(async (root: string | undefined, options: { from?: string | string[] }) => {
      const { checkHost, loadConfig } = await import('@tessera/build');
      const config = await loadConfig(resolve(root ?? '.'));
      const result = await checkHost(config, sources(options.from));
      const against = result.remotes.map((r) => `${r.remote} (${r.modules.length} module${r.modules.length === 1 ? '' : 's'})`).join(', ');
      if (!result.problems.length) {
        console.log(`✓ ${config.name}: ${result.files} files fit the types ${against || 'no remotes'} publish now`);
        return;
      }
      const n = result.problems.length;
      console.error(`✗ ${config.name}: ${n} use${n === 1 ? '' : 's'} no longer fit${n === 1 ? 's' : ''} the types ${against} publish now`);
      for (const p of result.problems) {
        console.error(`  ${p.file}:${p.line}:${p.column}  ${p.remoteModule ?? '(own code)'}  ${p.message}`);
      }
      process.exitCode = 1;
    });

  devCommand(cli);

  cli
    .command('relay', 'Run the relay that carries bus messages between devices (embedded broker, or Redis to scale out)')
    .option('--port <port>', 'Port (0: any free one)', { default: 4010 })
    .option('--host <host>', 'Interface to listen on', { default: '127.0.0.1' })
    .option('--redis <url>', 'Share topics, order and history with every relay on this Redis (redis://host:6379)')
    .example('tessera relay --port 4010 --redis redis://127.0.0.1:6379')
    .action(async (options: { port: number; host: string; redis?: string }) => {
      const { relayCommand } = await import('./relay.js');
      await relayCommand({ port: Number(options.port), host: options.host, redis: options.redis });
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
