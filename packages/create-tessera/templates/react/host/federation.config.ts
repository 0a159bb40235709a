import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'host',
  entry: './src/main.tsx', // built as main.js behind an async boundary; index.html is copied beside it
  remotes: { remote: process.env['REMOTE_URL'] ?? 'http://localhost:4001/mf-manifest.json' },
  shared: { react: { singleton: true }, 'react-dom': { singleton: true } },
});
