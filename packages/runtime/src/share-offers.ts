import { FederationError } from './errors.js';
import { parseVersion } from './semver.js';
import type { ShareScope, SharedVersionEntry } from './types.js';

/** A shared version a remote's entry provides, as its manifest states it (`shared[]` of a Tessera `mf-manifest.json`). */
export interface Offer {
  key: string;
  version: string;
  eager: boolean;
}

interface Claim extends Offer {
  from: string;
  /** Resolves when the offer is withdrawn: the entry registered (or failed, or was given up). */
  settled: Promise<void>;
  /** Loads the remote's entry (which registers, or fails: either settles the claim). */
  load: () => Promise<unknown>;
}

/** The offers of remotes whose entries are still loading, by share scope object. */
const claims = new WeakMap<ShareScope, Set<Claim>>();
/** Scope entries that stand for an offer (never a real provider). */
const placeholders = new WeakSet<SharedVersionEntry>();

/** A scope entry that only stands for a remote's offer; any real registration replaces it. */
export const isPlaceholder = (entry: SharedVersionEntry | undefined): boolean => !!entry && placeholders.has(entry);

/**
 * Lets a remote take part in version-first negotiation from its manifest, before its entry loads.
 * Each offer whose version has no entry in `scope` yet gets a placeholder entry (`from`, `eager`
 * as offered; its `get()`, for consumers that are not Tessera's, loads the remote with `load` and
 * delegates to what its entry registered, or fails with TESSERA_MANIFEST_MISMATCH, naming the remote
 * and entry of `details`, when the entry did not register it). While an offer is pending, Tessera's negotiation waits
 * on it wherever it could change the result (see `pendingClaims`), then selects again: so every
 * selection equals the one made after the entries registered (webpack's rules, share-scope.ts).
 * Returns `withdraw`: removes the offers and the placeholders still in the scope (call it right
 * before the entry's `init`, whose registration is synchronous, or when the remote failed or was
 * given up); idempotent. Versions that are not valid semver are not offered (nor registered).
 */
export function offerShared(scope: ShareScope, from: string, offers: Offer[], load: () => Promise<unknown>, details: { remote: string; url: string }): () => void {
  let done!: () => void;
  const settled = new Promise<void>((resolve) => (done = resolve));
  const set = claims.get(scope) ?? new Set();
  claims.set(scope, set);
  const mine = offers.filter((o) => parseVersion(o.version)).map((offer) => {
    const claim: Claim = { ...offer, from, settled, load };
    set.add(claim);
    const versions = (scope[offer.key] ??= {});
    if (!versions[offer.version]) {
      const entry: SharedVersionEntry = {
        from,
        eager: offer.eager,
        get: () => load().then(() => {
          const real = versions[offer.version];
          if (!real || isPlaceholder(real)) {
            throw new FederationError('TESSERA_MANIFEST_MISMATCH', `Entry lacks ${offer.key} ${offer.version}, offered by its manifest`, { ...details, hint: 'Deploy them together' });
          }
          real.loaded = 1;
          return real.get();
        }),
      };
      placeholders.add((versions[offer.version] = entry));
    }
    return claim;
  });
  return () => {
    for (const { key, version } of mine) {
      if (isPlaceholder(scope[key]![version]) && scope[key]![version]!.from === from) delete scope[key]![version];
    }
    for (const claim of mine) set.delete(claim);
    done();
  };
}

/**
 * What a negotiation of `key` must wait for before its `selection` is final: the pending offers of
 * the selected version that would replace its entry by webpack's `register` rule (a placeholder is
 * always replaced; a loaded entry never; else the eager one, then the greater `from`), or, when the
 * selection failed, every pending offer of `key` (a remote that fails withdraws them). Undefined
 * when nothing can change it. The entries of the offers it waits for start loading (start-up leaves
 * a Tessera remote's entry until something needs it: see `ensureContainer`).
 */
export function pendingClaims(scope: ShareScope, key: string, selected?: { version: string; entry: SharedVersionEntry }): Promise<unknown> | undefined {
  const waits = [...(claims.get(scope) ?? [])].filter((c) => {
    if (c.key !== key || !selected) return c.key === key;
    const active = selected.entry;
    return c.version === selected.version && (isPlaceholder(active) || !active.loaded && (c.eager !== !!active.eager ? c.eager : c.from > active.from));
  });
  if (!waits.length) return undefined;
  // An entry start-up left for later loads now: this selection needs what it registers.
  for (const claim of waits) claim.load().catch(() => {});
  return Promise.all(waits.map((c) => c.settled));
}

/**
 * Scope entries by '<key>\0<version>', to compare what an entry's `init` registered
 * (`checkRegistrations`).
 */
export function entriesOf(scope: ShareScope): Map<string, SharedVersionEntry> {
  const entries = new Map<string, SharedVersionEntry>();
  for (const key in scope) for (const version in scope[key]) entries.set(`${key}\0${version}`, scope[key]![version]!);
  return entries;
}

/**
 * Never trusts a manifest: after a remote's entry registered (synchronously, in its `init`), every
 * entry `from` it that is new in `scope` must be one of its `offers`, with the same `eager`.
 * Otherwise its registrations are undone (the previous entries put back) and it throws
 * TESSERA_MANIFEST_MISMATCH: selections made before may have missed that version, so the remote is
 * not used. Offers it did not register need nothing: they were withdrawn, and no selection ended on one.
 */
export function checkRegistrations(scope: ShareScope, before: Map<string, SharedVersionEntry>, from: string, offers: Offer[], details: { remote: string; url: string }): void {
  let wrong = '';
  for (const [slot, entry] of entriesOf(scope)) {
    const previous = before.get(slot);
    if (entry.from !== from || previous === entry || offers.some((o) => `${o.key}\0${o.version}` == slot && o.eager == !!entry.eager)) continue;
    const [key, version] = slot.split('\0') as [string, string];
    if (previous && previous.from !== from) scope[key]![version] = previous;
    else delete scope[key]![version];
    wrong += ` ${key} ${version}`;
  }
  if (wrong) throw new FederationError('TESSERA_MANIFEST_MISMATCH', `Entry provides${wrong}, not in its manifest`, { ...details, hint: 'Deploy them together' });
}
