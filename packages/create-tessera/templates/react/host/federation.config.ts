import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'host',
  dev: { port: 4000 }, // tessera dev; a remote in the same session is loaded from its dev server
  entry: './src/main.tsx', // built as main.js behind an async boundary; index.html is copied beside it
  remotes: { remote: process.env['REMOTE_URL'] ?? 'http://localhost:4001/mf-manifest.json' },
  shared: { react: { singleton: true }, 'react-dom': { singleton: true } },
});
