import { parseVersion, satisfies, versionLt } from './semver.js';
import type { ShareRule } from './federation-info.js';
import type { ShareScope, SharedVersionEntry, ShareStrategy } from './types.js';

/** How one consumer asks for a shared module (webpack's ConsumeSharedPlugin options, resolved). */
export interface ConsumeRule {
  singleton: boolean;
  /** npm range, or false to accept any version. */
  requiredVersion: string | false;
  strictVersion: boolean;
  /** The consumer runs eagerly: only eager versions can serve it. */
  eager: boolean;
  strategy: ShareStrategy;
}

export type Selection =
  /** `rule`: which of the rules chose it (a `resolveShare` plugin may leave it out). */
  | { kind: 'scope'; version: string; entry: SharedVersionEntry; rule?: ShareRule; reason: string; warning?: string }
  | { kind: 'fallback'; rule: 'own-fallback'; reason: string }
  | { kind: 'error'; code: 'TESSERA_SHARE_NOT_FOUND' | 'TESSERA_SHARE_VERSION_UNSATISFIED'; message: string };

/**
 * Chooses which registered version of `key` a consumer gets, or that it must use its own
 * fallback, or that it fails. Pure: marks nothing as loaded.
 *
 * With strategy 'version-first' this is webpack 5's algorithm exactly
 * (`lib/sharing/ConsumeSharedRuntimeModule.js`: `findSingletonVersionKey`,
 * `findSatisfyingVersion`, `loadStrictVersion`, `loadVersion`, `loadSingletonVersion`...):
 * - singleton: walk the versions in registration order keeping the highest, but never leave
 *   one that is already loaded; an unsatisfied `requiredVersion` warns, or fails with `strictVersion`.
 * - otherwise: the highest version satisfying `requiredVersion`; none satisfies → the own fallback
 *   with `strictVersion` (fail when there is none), else warn and take the highest.
 * 'loaded-first' (Module Federation 2.0's `shareStrategy`) prefers versions already loaded.
 * Versions that are not valid semver are ignored, so it never throws.
 */
export function selectShared(
  scope: ShareScope,
  scopeName: string,
  key: string,
  rule: ConsumeRule,
  hasFallback: boolean,
): Selection {
  const all = Object.hasOwn(scope, key) ? scope[key]! : undefined;
  const versions = all && (rule.eager ? eagerOnly(all) : all);
  // Versions written straight into the scope (a webpack remote) are not checked on the way in.
  const keys = versions ? Object.keys(versions).filter((v) => parseVersion(v)) : [];
  const range = rule.requiredVersion;
  const eager = rule.eager ? ' for eager consumption' : '';
  const fallback = (reason: string): Selection => ({ kind: 'fallback', rule: 'own-fallback', reason });
  const fail = (code: 'TESSERA_SHARE_NOT_FOUND' | 'TESSERA_SHARE_VERSION_UNSATISFIED', message: string): Selection => ({ kind: 'error', code, message });
  if (!keys.length) {
    return hasFallback ? fallback('none in the scope') : fail('TESSERA_SHARE_NOT_FOUND', `Shared module ${key} doesn't exist in share scope "${scopeName}"${eager}`);
  }
  const pick = (version: string, rule: ShareRule, reason: string, warning?: string): Selection => ({
    kind: 'scope', version, entry: versions![version]!, rule, reason, ...(warning ? { warning } : {}),
  });
  /** 'loaded-first' (Module Federation 2.0's `shareStrategy`): the highest of `list` already loaded. */
  const loadedOf = (list: string[]) => (rule.strategy === 'loaded-first' ? highest(list.filter((v) => versions![v]!.loaded)) : undefined);

  if (rule.singleton) {
    const loaded = loadedOf(keys);
    const version = loaded ?? keys.reduce((a, b) => (!a || (!versions![a]!.loaded && versionLt(a, b)) ? b : a), '');
    const pinned = loaded || version !== highest(keys);
    const why = pinned ? 'singleton, loaded' : 'singleton, highest';
    if (range && !satisfies(version, range)) {
      const message = `Unsatisfied version ${version} from ${versions![version]!.from} of shared singleton module ${key} (required ${range})`;
      return rule.strictVersion ? fail('TESSERA_SHARE_VERSION_UNSATISFIED', message) : pick(version, 'singleton-unsatisfied', `${why}, not ${range} (warned)`, message);
    }
    return pick(version, pinned ? 'singleton-loaded' : 'singleton-highest', range ? `${why}, in ${range}` : why);
  }

  if (range) {
    const satisfying = keys.filter((v) => satisfies(v, range));
    const loaded = loadedOf(satisfying);
    if (loaded) return pick(loaded, 'loaded-satisfying', `loaded, in ${range}`);
    const best = highest(satisfying);
    if (best) return pick(best, 'highest-satisfying', `highest version satisfying ${range}`);
    const message =
      `No satisfying version (${range})${eager} of shared module ${key} found in share scope "${scopeName}". ` +
      `Available versions: ${keys.map((v) => `${v} from ${versions![v]!.from}`).join(', ')}`;
    if (!rule.strictVersion) return pick(highest(keys)!, 'unsatisfied-highest', `none in ${range}: highest (warned)`, message);
    return hasFallback ? fallback(`none in ${range} (strictVersion)`) : fail('TESSERA_SHARE_VERSION_UNSATISFIED', message);
  }
  return pick(loadedOf(keys) || highest(keys)!, 'highest', 'highest');
}

function eagerOnly(versions: Record<string, SharedVersionEntry>): Record<string, SharedVersionEntry> {
  const eager: Record<string, SharedVersionEntry> = {};
  for (const v of Object.keys(versions)) if (versions[v]!.eager) eager[v] = versions[v]!;
  return eager;
}

/** webpack's `findLatestVersion` reduce: the first of equal versions wins. */
function highest(versions: string[]): string | undefined {
  return versions.reduce<string | undefined>((a, b) => (!a || versionLt(a, b) ? b : a), undefined);
}
