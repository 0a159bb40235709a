import { defineConfig } from '@tessera/build';

const catalog = process.env.CATALOG_URL ?? 'http://localhost:4001/mf-manifest.json';
const cart = process.env.CART_URL ?? 'http://localhost:4002/mf-manifest.json';

export default defineConfig({
  name: 'shell',
  entry: './src/main.tsx',
  remotes: { catalog, cart },
  dev: { port: 4000 },
  // Alt+Shift+T (or ?tessera-inspect) opens @tessera/inspector: only its trigger ships in main.js.
  runtimePlugins: ['@tessera/inspector/plugin'],
  shared: {
    react: { singleton: true },
    'react-dom': { singleton: true },
  },
});
