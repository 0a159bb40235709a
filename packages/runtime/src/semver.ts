import { FederationError } from './errors.js';

/**
 * A small semver 2.0.0 implementation for the runtime (no dependencies). Its range rules are a port
 * of node-semver 7 (`classes/range.js`, `classes/comparator.js`, `internal/re.js`) with default
 * options (not loose, `includePrerelease: false`): a range is rewritten once into comparator sets
 * with the same string rewrites node-semver uses, then cached.
 */

/** A parsed semver 2.0.0 version. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
}

/** `[operator, version]`; the operator is '' (equal), '<', '<=', '>' or '>='. */
type Comparator = [string, Version];

const MAX = Number.MAX_SAFE_INTEGER;
const NUM = '0|[1-9]\\d*';
const ID = `(?:\\d*[a-zA-Z-][\\da-zA-Z-]*|${NUM})`;
const PRE = `(?:-(${ID}(?:\\.${ID})*))?`;
const BUILD = '(?:\\+[\\da-zA-Z-]+(?:\\.[\\da-zA-Z-]+)*)';
const XID = `(${NUM}|[xX*])`;
// node-semver's XRANGEPLAIN: groups major, minor, patch, prerelease.
const XPLAIN = `[v=\\s]*${XID}(?:\\.${XID}(?:\\.${XID}${PRE}${BUILD}?)?)?`;
const FULL = new RegExp(`^v?(${NUM})\\.(${NUM})\\.(${NUM})${PRE}${BUILD}?$`);
// One token: node-semver's CARET, TILDE and XRANGE patterns in one.
const TOKEN = new RegExp(`^(\\^|~>?|[<>]?=?)${XPLAIN}$`);
const HYPHEN = new RegExp(`^\\s?(${XPLAIN}) - (${XPLAIN})\\s?$`);
const BUILDS = new RegExp(BUILD, 'g');
// node-semver's comparator trim (`> 1.2.3` → `>1.2.3`, `= 1` → `=1`).
const OP_SPACE = /([<>]=?|(?:^|[^v=])=) (?=[v=]*[\dxX*])/g;
const STAR = /[<>]?=?\*/;
const DIGITS = /^\d+$/;

/**
 * Parses a strict semver version like node-semver's `new SemVer(version)` (not loose): surrounding
 * whitespace and one leading `v` are allowed, build metadata is accepted and dropped. Returns null
 * when invalid (including over 256 characters or a number above `Number.MAX_SAFE_INTEGER`).
 */
export function parseVersion(version: string): Version | null {
  const m = typeof version == 'string' && version.length <= 256 && FULL.exec(version.trim());
  if (!m) return null;
  const [major, minor, patch] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  if (Math.max(major, minor, patch) > MAX) return null;
  const prerelease = m[4] ? m[4].split('.').map((id) => (DIGITS.test(id) && +id < MAX ? +id : id)) : [];
  return { major, minor, patch, prerelease };
}

/** node-semver's `compareIdentifiers`: numbers sort before strings, numeric strings compare as numbers. */
function compareIds(a: string | number, b: string | number): -1 | 0 | 1 {
  const an = DIGITS.test(a as string);
  const bn = DIGITS.test(b as string);
  if (an && bn) (a = +a), (b = +b);
  return an !== bn ? (an ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
}

function compare(a: Version, b: Version): -1 | 0 | 1 {
  const c = compareIds(a.major, b.major) || compareIds(a.minor, b.minor) || compareIds(a.patch, b.patch);
  const ap = a.prerelease;
  const bp = b.prerelease;
  if (c || !ap.length !== !bp.length) return c || (ap.length ? -1 : 1);
  for (let i = 0; ; i++) {
    const x = ap[i];
    const y = bp[i];
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
    const d = compareIds(x, y);
    if (d) return d;
  }
}

/**
 * Semver precedence of two versions (build metadata ignored), like node-semver's `compare`.
 * Throws TESSERA_VERSION_INVALID (a `FederationError`) when either version is invalid (see `parseVersion`).
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) throw new FederationError('TESSERA_VERSION_INVALID', `Invalid version: ${String(x ? b : a)}`);
  return compare(x, y);
}

/** `a < b` by semver precedence. Throws like `compareVersions`. */
export function versionLt(a: string, b: string): boolean {
  return compareVersions(a, b) < 0;
}

const isX = (id: string | undefined) => !id || isNaN(+id);

/** `1.2 - 3.x` → `>=1.2.0 <4.0.0-0` (node-semver's `hyphenReplace`). */
function hyphen([, from, fM, fm, fp, , to, tM, tm, tp]: string[]): string {
  const lo = isX(fM) ? '' : '>=' + (isX(fm) ? `${fM}.0.0` : isX(fp) ? `${fM}.${fm}.0` : from);
  const hi = isX(tM) ? '' : isX(tm) ? `<${+tM! + 1}.0.0-0` : isX(tp) ? `<${tM}.${+tm! + 1}.0-0` : '<=' + to;
  return `${lo} ${hi}`.trim();
}

/** One range token → space-separated primitive comparators (node-semver's `parseComparator`). */
function desugar(token: string): string {
  const r = TOKEN.exec(token);
  let [, op, M, m, p, pr] = r || [];
  const xM = isX(M);
  const xm = xM || isX(m);
  const xp = xm || isX(p);
  if (op === '^' || op?.[0] === '~') {
    if (xM) return '';
    const caret = op === '^';
    const lo = xm ? `${M}.0.0` : xp ? `${M}.${m}.0` : `${M}.${m}.${p}${pr ? '-' + pr : ''}`;
    const hi =
      xm || (caret && M !== '0')
        ? `${+M! + 1}.0.0`
        : xp || !caret || m !== '0'
          ? `${M}.${+m! + 1}.0`
          : `${M}.${m}.${+p! + 1}`;
    return `>=${lo} <${hi}-0`;
  }
  // Not a range form, or an X before a number (`1.x.3`): kept as is, minus a `*` (node's replaceStars).
  if (!r || (xM && !isX(m)) || (isX(m) && !isX(p))) return token.replace(STAR, '');
  if (!xp) return token;
  if (op === '=') op = '';
  if (xM) return op === '<' || op === '>' ? '<0.0.0-0' : '';
  if (!op) return xm ? `>=${M}.0.0 <${+M! + 1}.0.0-0` : `>=${M}.${m}.0 <${M}.${+m! + 1}.0-0`;
  // `>1` → `>=2.0.0`, `<=1.2` → `<1.3.0-0`, `<1` → `<1.0.0-0`, `>=1.2` → `>=1.2.0`.
  let major = +M!;
  let minor = xm ? 0 : +m!;
  if (op === '>' || op === '<=') {
    op = op === '>' ? '>=' : '<';
    xm ? major++ : minor++;
  }
  return `${op}${major}.${minor}.0${op === '<' ? '-0' : ''}`;
}

/** Comparator sets of a range (empty set = any non-prerelease version), or null when invalid. */
function parseRange(range: string): Comparator[][] | null {
  const sets: Comparator[][] = [];
  let any = false;
  for (let part of range.trim().replace(/\s+/g, ' ').split('||')) {
    part = part.trim().replace(BUILDS, '');
    const h = HYPHEN.exec(part);
    part = (h ? hyphen(h) : part).replace(OP_SPACE, '$1').replace(/([~^])>? /g, '$1');
    const set: Comparator[] = [];
    for (const token of part.split(' ')) {
      for (const comp of desugar(token).split(' ')) {
        if (!comp || comp === '>=0.0.0') continue; // node-semver's ANY comparator
        const [, op, rest] = /^([<>]?=?)(.*)$/.exec(comp)!;
        const v = parseVersion(rest!);
        if (!v) return null;
        set.push([op === '=' ? '' : op!, v]);
      }
    }
    any ||= !set.length;
    sets.push(set);
  }
  // node-semver: when one set is `*`, the whole range is just `*` (which excludes prereleases).
  return any ? [[]] : sets;
}

const cache = new Map<string, Comparator[][] | null>();

function test([op, c]: Comparator, v: Version): boolean {
  const d = compare(v, c);
  return d ? op[0] === (d < 0 ? '<' : '>') : op.length != 1;
}

/**
 * Whether `version` satisfies the npm `range`, with the same answers as node-semver's
 * `satisfies(version, range)` (default options). Follows node-semver's `classes/range.js`: `||`
 * unions of space-separated comparators; X-ranges, `~`, `^` and hyphen ranges desugared the same
 * way; a prerelease version only matches a set that has a comparator with a prerelease on the same
 * `major.minor.patch`. An invalid version or range gives false.
 */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v || typeof range != 'string') return false;
  let sets = cache.get(range);
  if (sets === undefined) {
    if (cache.size > 500) cache.clear();
    cache.set(range, (sets = parseRange(range)));
  }
  return !!sets?.some(
    (set) =>
      set.every((c) => test(c, v)) &&
      (!v.prerelease.length ||
        set.some(([, c]) => c.prerelease.length && c.major == v.major && c.minor == v.minor && c.patch == v.patch)),
  );
}

/** Whether `range` is a valid npm range, like node-semver's `validRange(range) !== null` (default options). */
export function isValidRange(range: string): boolean {
  if (typeof range != 'string' || range.length > 256) return false;
  let sets = cache.get(range);
  if (sets === undefined) {
    if (cache.size > 500) cache.clear();
    cache.set(range, (sets = parseRange(range)));
  }
  return sets !== null;
}
