import type { CAC } from 'cac';

/** Registers `tessera dev [...roots]`; its code (`@tessera/dev`) loads only when the command runs. */
export function devCommand(cli: CAC): void {
  cli
    .command('dev [...roots]', 'Build and serve apps (app folders or a workspace folder) in development mode, with hot updates across apps')
    .option('--port <port>', "Port of the app (several apps: N, N+1, ...; 0: free ports). Default: each config's dev.port, else a free one")
    .option('--host <host>', 'Interface to listen on', { default: '127.0.0.1' })
    .option('--no-types', "Do not check hosts against their remotes' types after each build")
    .option('--no-cache', "Neither reuse nor keep the build's caches in node_modules/.cache/tessera (overrides the config's cache)")
    .example('tessera dev examples/shop')
    .action(async (roots: string[], options: { port?: number | string; host: string; types: boolean; cache: boolean }) => {
      const { startDev } = await import('@tessera/dev');
      const started = performance.now();
      const session = await startDev({ roots, host: options.host, types: options.types, cache: options.cache, ...(options.port !== undefined ? { port: Number(options.port) } : {}) });
      const width = Math.max(...session.apps.map((a) => a.name.length));
      for (const app of session.apps) console.log(`  ${app.name.padEnd(width)}  ${app.url}`);
      console.log(`dev servers ready in ${Math.round(performance.now() - started)} ms; edit and save: pages update in place (Ctrl+C to stop)`);
      const stop = () => void session.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
