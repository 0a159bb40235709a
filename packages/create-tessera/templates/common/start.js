// npm start: serves the built remote and host, each on its own origin, as they are deployed.
// PORT (default 4000) is the host's port, REMOTE_PORT (default 4001) the remote's. The host was
// built to load the remote from REMOTE_URL (see host/federation.config.ts).
import { serve } from '@tessera/cli';

const remote = await serve({ dir: 'remote/dist', port: Number(process.env['REMOTE_PORT'] ?? 4001) });
const host = await serve({ dir: 'host/dist', port: Number(process.env['PORT'] ?? 4000) });
console.log(`remote: ${remote.url}\nhost:   ${host.url}  ← open this`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void Promise.all([remote.close(), host.close()]).then(() => process.exit(0)));
}
