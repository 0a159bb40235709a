import { defineConfig } from '@tessera/build';

const sender = process.env.SENDER_URL ?? 'http://localhost:4101/mf-manifest.json';
const receiver = process.env.RECEIVER_URL ?? 'http://localhost:4102/mf-manifest.json';

export default defineConfig({
  name: 'chat',
  entry: './src/main.tsx',
  remotes: { sender, receiver },
  shared: {
    react: { singleton: true },
    'react-dom': { singleton: true },
  },
});
