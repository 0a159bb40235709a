// Child process of build-time.js: builds the shop once with one tool (bench/shop-builds.js). The
// parent times this whole process, from spawn to exit; the tool is imported after it started.
import { builders } from './shop-builds.js';

const tool = process.argv[2];
const build = builders[tool];
if (!build) throw new Error(`unknown tool ${tool}; one of ${Object.keys(builders).join(', ')}`);
await build();
