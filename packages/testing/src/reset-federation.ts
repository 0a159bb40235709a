import { rmSync } from 'node:fs';
import { testingRegistry } from './registry.js';

type Runtime = typeof import('@tessera/runtime');

/**
 * Starts a blank page: drops the mock remotes and the test host, removes every runtime instance
 * from `globalThis.__TESSERA__` (so `getFederationInfo()` starts empty), points the runtime's
 * page-wide functions (`loadRemote`, `loadShare`...) at an empty instance, so a `loadRemote` of a
 * remote nobody registered again rejects with TESSERA_REMOTE_NOT_FOUND, and deletes the temporary
 * copies of built folders (see `distEntry`). Use it in `afterEach`. `createTestHost` does the
 * same but keeps the copies, which containers loaded earlier in the test may still import from.
 * Shared state of the apps themselves (stores, buses on `globalThis`) is theirs to reset.
 */
export async function resetFederation(): Promise<void> {
  await blankRuntime();
  for (const copy of testingRegistry().copies.splice(0)) rmSync(copy, { recursive: true, force: true });
}

/**
 * `resetFederation` without deleting copies, resolving to the `@tessera/runtime` module it reset:
 * the one current in the module registry now (after `vi.resetModules()`, the fresh copy that
 * modules imported from now on will share), not necessarily the one this package was first
 * loaded with.
 */
export async function blankRuntime(): Promise<Runtime> {
  const runtime: Runtime = await import('@tessera/runtime');
  const registry = testingRegistry();
  registry.mocks.clear();
  registry.host = undefined;
  runtime.init({ name: `tessera-testing-blank-${++registry.pages}` });
  (globalThis as { __TESSERA__?: { instances: unknown[] } }).__TESSERA__?.instances.splice(0);
  return runtime;
}
