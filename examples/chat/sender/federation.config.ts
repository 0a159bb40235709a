import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'sender',
  filename: 'remoteEntry.js',
  exposes: {
    './Sender': './src/Sender.tsx',
  },
  shared: {
    react: { singleton: true },
    'react-dom': { singleton: true },
  },
});
