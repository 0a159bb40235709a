export { main } from './cli.js';
export { serve, cacheControlFor, type ServeOptions } from './serve.js';
export { formatReport } from './format-report.js';
