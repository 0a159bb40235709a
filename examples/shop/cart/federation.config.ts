import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'cart',
  filename: 'remoteEntry.js',
  exposes: {
    './CartSummary': './src/CartSummary.tsx',
  },
  shared: {
    react: { singleton: true },
    'react-dom': { singleton: true },
  },
});
