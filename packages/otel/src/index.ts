export { otelPlugin, type OtelPluginOptions } from './otel-plugin.js';
export { ATTR, SPAN, METRIC } from './names.js';
