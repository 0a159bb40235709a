import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'host',
  entry: './src/main.ts', // built as main.js; index.html is copied beside it
  remotes: { remote: process.env['REMOTE_URL'] ?? 'http://localhost:4001/mf-manifest.json' },
});
