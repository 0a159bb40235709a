import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'remote',
  dev: { port: 4001 },
  exposes: { './Greeting': './src/Greeting.tsx' },
  // One React per page: the host's and the remote's copies are negotiated in the 'default' share scope.
  shared: { react: { singleton: true }, 'react-dom': { singleton: true } },
});
