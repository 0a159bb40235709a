import { defineConfig } from '@tessera/build';

export default defineConfig({
  name: 'remote',
  exposes: { './greeting': './src/greeting.ts' },
});
