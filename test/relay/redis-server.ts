import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A port the OS had free a moment ago (redis-server cannot take port 0 and report it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits for `pattern` on a child's stdout; rejects when it exits first or after `timeoutMs`. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk;
      const match = out.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(match);
    };
    child.stdout!.on('data', onData);
    child.stderr?.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}:\n${out}`)));
  });
}

/**
 * Starts Debian's `redis-server` on a free loopback port, without persistence unless `aof`
 * (append-only file, fsync always, in `dir`); `port` to start it again where it was. `stop()` ends it.
 */
export async function startRedis(options: { aof?: boolean; dir?: string; port?: number } = {}) {
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort());
    const persistence = options.aof ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.dir ?? '/tmp'] : ['--appendonly', 'no'];
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForOutput(child, /Ready to accept connections/);
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt < 3) continue; // the port was taken meanwhile
      throw error;
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      /** Ends it: SIGTERM, or `'SIGKILL'` for a crash. */
      stop: (signal: NodeJS.Signals = 'SIGTERM') => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
    };
  }
}
