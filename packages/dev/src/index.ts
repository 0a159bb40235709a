export { startDev, findApps, type DevOptions, type DevSession } from './start-dev.js';
export { createAppDevServer, DEV_OUT_DIR, type AppDevServer, type AppDevServerOptions } from './app-dev-server.js';
export { createDevBuild, type DevBuild, type DevBuildOutcome } from './dev-build.js';
export { planUpdate, type UpdatePlan } from './plan-update.js';
export { HOT_PATH, type HotMessage, type HotUpdate, type HotReload, type HotBuildError, type HotConnected } from './hot-messages.js';
