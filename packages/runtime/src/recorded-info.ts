import type { FederationInfo, InstanceInfoSource, LoadStep, SharedModuleInfo } from './federation-info.js';
import type { ShareScope } from './types.js';

/** Runs `step` as a load step of `kind` appended to `steps`: start, end (ms, `performance.now()`) and error code recorded. */
export function recordStep<T>(steps: LoadStep[], kind: LoadStep['kind'], url: string | undefined, step: () => Promise<T>, name?: string): Promise<T> {
  const record: LoadStep = { kind, url, name, startMs: performance.now() };
  steps.push(record);
  const running = step();
  running.then(
    () => void (record.endMs = performance.now()),
    (error?: { code?: string }) => void ((record.endMs = performance.now()), (record.error = error?.code ?? 'Error')),
  );
  return running;
}

/**
 * What the runtimes on the page recorded, as `getFederationInfo()` of `@tessera/runtime` and
 * `globalThis.__TESSERA__.getFederationInfo()` return it: each shared module's versions in the
 * scope and which version each Tessera consumer got (with the rule), each remote's status and load
 * steps. `@tessera/runtime/federation-info` completes it (`completeFederationInfo`).
 */
export function recordedInfo(instances: readonly InstanceInfoSource[]): FederationInfo {
  const shared = new Map<string, SharedModuleInfo>();
  const seenScopes = new Set<ShareScope>();
  for (const instance of instances) {
    for (const [scope, versionsByKey] of Object.entries(instance.shareScopes)) {
      if (seenScopes.has(versionsByKey)) continue;
      seenScopes.add(versionsByKey);
      for (const [key, versions] of Object.entries(versionsByKey)) {
        const info = sharedInfo(shared, scope, key);
        for (const [version, entry] of Object.entries(versions)) {
          info.versions.push({ version, from: entry.from, eager: !!entry.eager, loaded: !!entry.loaded });
        }
      }
    }
  }
  for (const instance of instances) {
    for (const c of instance.consumptions()) sharedInfo(shared, c.scope, c.key).consumers.push(c);
  }
  return {
    instances: instances.map((i) => i.name),
    shared: [...shared.values()],
    remotes: instances.flatMap((i) => i.remoteStatuses()),
  };
}

function sharedInfo(map: Map<string, SharedModuleInfo>, scope: string, key: string): SharedModuleInfo {
  const id = `${scope}\0${key}`;
  let info = map.get(id);
  if (!info) map.set(id, (info = { scope, key, versions: [], consumers: [] }));
  return info;
}
