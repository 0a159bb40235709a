import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'catalog',
  filename: 'remoteEntry.js',
  exposes: {
    './ProductList': './src/ProductList.tsx',
  },
  dev: { port: 4001 },
  shared: {
    react: { singleton: true },
    'react-dom': { singleton: true },
  },
});
