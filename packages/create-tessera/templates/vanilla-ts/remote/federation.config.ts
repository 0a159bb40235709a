import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'remote',
  dev: { port: 4001 },
  exposes: { './greeting': './src/greeting.ts' },
});
