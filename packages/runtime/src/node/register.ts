import { registerHttpImports } from './index.js';

registerHttpImports();
