import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'cart',
  filename: 'remoteEntry.js',
  exposes: {
    './CartSummary': './src/CartSummary.tsx',
  },
  dev: { port: 4002 },
  shared: {
    react: { singleton: true },
    'react-dom': { singleton: true },
  },
});
