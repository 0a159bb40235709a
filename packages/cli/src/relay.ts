import type { Relay } from '@tessera/relay';

export interface RelayCommandOptions {
  port: number;
  host: string;
  redis?: string;
}

/**
 * `tessera relay`: starts `@tessera/relay` (embedded broker, or Redis with `--redis`), prints
 * its URL, and on SIGINT/SIGTERM drains clients and exits. Loaded only when the command runs.
 */
export async function relayCommand(options: RelayCommandOptions): Promise<Relay> {
  const { startRelay } = await import('@tessera/relay');
  const relay = await startRelay({ port: options.port, host: options.host, redis: options.redis });
  const broker = relay.broker === 'redis' ? `Redis ${options.redis}` : 'embedded broker';
  console.log(`relay listening at ${relay.url} (${broker}; /healthz, /metrics)`);
  const stop = () => {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    relay.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  return relay;
}
