import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'receiver',
  filename: 'remoteEntry.js',
  exposes: {
    './Receiver': './src/Receiver.tsx',
  },
  shared: {
    react: { singleton: true },
    'react-dom': { singleton: true },
  },
});
