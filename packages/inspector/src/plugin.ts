import type { FederationPlugin } from '@tessera/runtime';
import { installInspector } from './trigger.js';

/**
 * The inspector's trigger as a runtime plugin, for `runtimePlugins: ['@tessera/inspector/plugin']`
 * in `federation.config.ts`: the build-emitted code then carries the trigger (a few hundred bytes)
 * and the panel stays a chunk of its own, downloaded when it opens.
 */
export default function inspectorPlugin(): FederationPlugin {
  installInspector();
  return { name: 'tessera-inspector' };
}
