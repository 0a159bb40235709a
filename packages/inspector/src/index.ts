export { installInspector, type InspectorTrigger, type InstallOptions } from './trigger.js';
export type { InspectorHandle, MountOptions } from './panel.js';
