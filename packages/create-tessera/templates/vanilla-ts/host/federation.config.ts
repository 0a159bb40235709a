import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'host',
  dev: { port: 4000 }, // tessera dev; a remote in the same session is loaded from its dev server
  entry: './src/main.ts', // built as main.js; index.html is copied beside it
  remotes: { remote: process.env['REMOTE_URL'] ?? 'http://localhost:4001/mf-manifest.json' },
});
