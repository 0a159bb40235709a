import { FederationError } from './errors.js';
import { parseVersion } from './semver.js';
import { isPlaceholder } from './share-offers.js';
import type { ShareScope, SharedVersionEntry } from './types.js';

/**
 * Registers one provided version into a share scope.
 * Rule (webpack `lib/sharing/ShareRuntimeModule.js`, `register`): a version not yet there is
 * added; an existing one is replaced only if it is not loaded yet and either the newcomer is
 * eager while it is not, or both are equally eager and the newcomer's `from` name is greater.
 * A placeholder standing for a remote's manifest offer (share-offers.ts) is always replaced.
 * A version that is not valid semver (`'banana'`) is never registered: it is warned about
 * (TESSERA_VERSION_INVALID, naming `from`) and ignored, so one broken remote cannot break
 * negotiation for the page.
 */
export function registerShared(
  scope: ShareScope,
  key: string,
  version: string,
  provided: { get: SharedVersionEntry['get']; eager: boolean },
  from: string,
): void {
  if (!parseVersion(version)) {
    console.warn(new FederationError('TESSERA_VERSION_INVALID', `Shared ${key} ${String(version)} ignored`, { remote: from }).message);
    return;
  }
  const versions = (scope[key] ??= {});
  const active = versions[version];
  const replaces =
    !active || isPlaceholder(active) || (!active.loaded && (provided.eager !== !!active.eager ? provided.eager : from > active.from));
  if (replaces) versions[version] = { get: provided.get, from, eager: provided.eager };
}
