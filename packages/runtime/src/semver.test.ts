import { describe, it, expect } from 'vitest';
import semver from 'semver';
import { compareVersions, parseVersion, satisfies, versionLt } from './semver.js';

const stats = { validRanges: 0, matches: 0 };

/** Every (version, range) pair where our `satisfies` and node-semver's disagree. */
function disagreements(versions: string[], ranges: string[]): string[] {
  const out: string[] = [];
  stats.validRanges = stats.matches = 0;
  for (const range of ranges) {
    let reference: semver.Range | null = null;
    try {
      reference = new semver.Range(range); // what semver.satisfies does, built once per range
    } catch {
      reference = null;
    }
    if (reference) stats.validRanges++;
    for (const version of versions) {
      const expected = reference ? reference.test(version) : false;
      if (expected) stats.matches++;
      if (satisfies(version, range) !== expected) {
        out.push(`satisfies(${JSON.stringify(version)}, ${JSON.stringify(range)}) should be ${expected}`);
      }
    }
  }
  return out;
}

const probes = [
  '0.0.0', '0.0.1', '0.0.2', '0.1.0', '0.1.5', '0.2.0', '0.2.3', '0.2.4', '0.3.0', '1.0.0', '1.1.9', '1.2.0', '1.2.2',
  '1.2.3', '1.2.4', '1.2.99', '1.3.0', '1.9.9', '2.0.0', '2.3.4', '2.3.5', '2.4.0', '3.0.0', '10.0.0', 'v1.2.3',
  ' 1.2.3 ', '1.2.3+build.5', '0.0.0-0', '0.0.0-beta', '0.0.3-alpha', '0.0.3', '0.0.4', '0.2.3-beta', '1.0.0-rc.1',
  '1.2.3-alpha', '1.2.3-beta', '1.2.3-beta.1', '1.2.3-beta.2', '1.2.3-beta.3', '1.2.3-beta.11', '1.2.3-0',
  '1.2.4-beta.3', '1.3.0-0', '1.3.0-beta', '2.0.0-0', '2.0.0-beta', '2.0.0-rc.1', '2.3.4-beta', '3.0.0-alpha',
  '0.0.4-0', '0.0.4-beta',
  // invalid versions
  '', '1.2', '1', '01.2.3', '1.2.3-', '1.2.3-01', '=1.2.3', 'v=1.2.3', '1.2.3.4', 'x', 'latest', '1.2.3 1.2.4',
];

const tricky = [
  // primitives, whitespace, prefixes
  '1.2.3', '=1.2.3', 'v1.2.3', '=v1.2.3', '>1.2.3', '>=1.2.3', '<1.2.3', '<=1.2.3', '>= 1.2.3', '<  2.0.0',
  '>=v1.2.3', '= 1.2.3', '< =1.2.3', '>1.2.3 <2.0.0', ' >1.2.3  <2.0.0 ', '>=1.2.3\t<=2.3.4', '>=1.2.3+build',
  // X-ranges and partials
  '*', '', 'x', 'X', 'x.x', '*.*.*', '1', '1.x', '1.2', '1.2.*', '1.X.x', '0.x', '0', '=1.2', '>1', '>1.2', '<1.2',
  '<=1.2', '<=1', '>=1.2.x', '>=1', '<1', '>*', '<*', '>=*', '<=*', '=*', '1.2.x-beta', '>=0.0.0', '>=0.0',
  // tilde
  '~1.2.3', '~1.2', '~1', '~0.2.3', '~0.0.1', '~>1.2.3', '~> 1.2', '~ 1.2.3', '~1.2.3-beta.2', '~1.x', '~*', '~x.2',
  '~=1.2', '~v1.2.3', '~1.2.3+build',
  // caret
  '^1.2.3', '^0.2.3', '^0.0.3', '^0.0', '^0', '^1.x', '^1.2', '^0.x', '^0.0.x', '^1.2.3-beta.2', '^0.0.0-beta',
  '^0.0.3-alpha', '^ 1.2.3', '^*', '^1.x.3', '^v1.2.3', '^=1.2',
  // hyphen ranges
  '1.2.3 - 2.3.4', '1.2 - 2.3.4', '1.2.3 - 2.3', '1.2.3 - 2', '1 - 2', '* - 2', '1.x - *', 'v1.2.3 - v2.3.4',
  '1.2.3-beta.1 - 2.3.4-beta', '1.2.3 - 2.3.4+build', '=1.2.3 - 2', '1.2.3 -2', '1.2.3 - 2.3.4 >1.0.0',
  // unions and intersections
  '1.2.3 || 2.x', '<1.0.0 || >=2.3.4', '1.2.3-beta.2 || *', '1.2.3-beta.2 || >=0.0.0', '1.2.3-beta.2 || >=v0.0.0',
  '>=1.2.3-beta.1 <1.2.3', '>=1.2.3-beta.1 <2.0.0 || ^3', '^1.2.3-beta.1 ^1.2.4-beta.1', '1.2.3 ||', '|| 1.2.3',
  '||', '>1.2.3 <1.2.3', '<0.0.0-0', '<0.0.0-0 || 1.2.3', '^1.2 ^1.3', '~1.2.3 1.2.x 1.x',
  // upper bounds end in -0: prereleases of the bound itself are excluded
  '>=1.3.0-alpha <1.3', '>=2.0.0-alpha <=1', '>=1.3.0-0 <1.3.x', '>=2.0.0-alpha ^1.2.3', '>=1.3.0-0 ~1.2.3',
  '>=2.0.0-0 1.2.3 - 1', '>=0.0.4-0 ^0.0.3', '>=1.2.3-alpha >1.2', '>=1.2.3-alpha <=1.2.3',
  // invalid ranges
  '~', '^', '>', '>=', 'latest', '1.2.3.4', '01.2.3', 'x.1', '1.x.3', '*1.2.3', '1.2.3*', '>==1.2.3', 'v= 1',
  '>== 1', '1.2.3 || garbage', 'a.b.c', '1.2.3-', '^1.2.3-01', '>=1.2.3 <', '1.2.3 - ', '- 1.2.3',
  '^9007199254740991', '9007199254740992', '1.2.3-beta.9007199254740992',
];

describe('semver', () => {
  it('matches node-semver on hand-written tricky cases', () => {
    const bad = disagreements(probes, tricky);
    expect(bad.slice(0, 20), `${bad.length} disagreements`).toEqual([]);
  });

  it('spot checks', () => {
    expect(satisfies('1.2.4', '^1.2.3')).toBe(true);
    expect(satisfies('2.0.0-0', '^1.2.3')).toBe(false);
    expect(satisfies('1.2.3-beta.3', '^1.2.3-beta.2')).toBe(true);
    expect(satisfies('1.2.4-beta.3', '^1.2.3-beta.2')).toBe(false);
    expect(satisfies('0.0.4', '^0.0.3')).toBe(false);
    expect(satisfies('1.3.0', '<=1.2')).toBe(false);
    expect(satisfies('1.2.3', 'not a range')).toBe(false);
    expect(satisfies('nope', '*')).toBe(false);
    expect(parseVersion('v1.2.3-beta.1+sha')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: ['beta', 1] });
    expect(parseVersion('1.2')).toBeNull();
    expect(versionLt('1.2.3-rc.1', '1.2.3')).toBe(true);
    expect(compareVersions('1.2.3+a', '1.2.3+b')).toBe(0);
    expect(() => compareVersions('1.2', '1.2.3')).toThrow(expect.objectContaining({ code: 'TESSERA_VERSION_INVALID' }));
  });

  // ---- seeded differential test -------------------------------------------------------------
  function mulberry32(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const rand = mulberry32(0x5e3e7);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;

  const MAJORS = ['0', '0', '0', '1', '1', '2', '3', '10'];
  const MINORS = ['0', '0', '1', '2', '3', '10'];
  const PATCHES = ['0', '0', '1', '2', '3', '9'];
  const PRES = ['alpha', 'alpha.1', 'alpha.2', 'alpha.beta', 'beta', 'beta.2', 'beta.11', 'rc.1', '0', '1', '2', 'x.7.z.92', 'dev', '0a', 'alpha-1'];
  const BUILDS = ['build.1', 'sha.abc', '001', 'exp.sha.5114f85'];
  const XS = ['x', 'X', '*'];

  const genVersion = (): string => {
    let v = `${pick(MAJORS)}.${pick(MINORS)}.${pick(PATCHES)}`;
    if (chance(0.35)) v += `-${pick(PRES)}`;
    if (chance(0.1)) v += `+${pick(BUILDS)}`;
    if (chance(0.05)) v = 'v' + v;
    if (chance(0.02)) v = ` ${v} `;
    return v;
  };
  /** `count` distinct values of `gen()`. */
  const distinct = (count: number, gen: () => string, seeds: string[] = []): string[] => {
    const out = new Set(seeds);
    while (out.size < count) out.add(gen());
    return [...out];
  };
  const versions = [
    ...distinct(540, genVersion, ['0.0.1', '10.0.0', '1.2.3-alpha.1', '1.2.3+build', '0.0.0']),
    '1.2', '01.2.3', '1.2.3-', '=1.2.3', 'x', '',
  ];

  /** A version, possibly partial or with X parts, prerelease or build. */
  const genPartial = (): string => {
    const parts = [pick(MAJORS), pick(MINORS), pick(PATCHES)];
    const n = pick([1, 2, 3, 3, 3, 3]);
    let v = parts
      .slice(0, n)
      .map((p, i) => (chance(0.15 + 0.1 * i) ? pick(XS) : p))
      .join('.');
    if (n === 3 && chance(0.3)) v += `-${pick(PRES)}`;
    if (chance(0.05)) v += `+${pick(BUILDS)}`;
    if (chance(0.06)) v = pick(['v', '=']) + v;
    return v;
  };
  const genComparator = (): string => {
    const op = pick(['', '', '=', '<', '<=', '>', '>=', '~', '~>', '^', '^']);
    return op + (op && chance(0.12) ? pick([' ', '  ', '\t']) : '') + genPartial();
  };
  const genSet = (): string => {
    if (chance(0.15)) return `${genPartial()}${pick([' - ', '  -  ', ' -\t'])}${genPartial()}`;
    if (chance(0.04)) return pick(['*', '', 'x', '>=0.0.0', 'latest', '<0.0.0-0']);
    return Array.from({ length: pick([1, 1, 1, 2, 2, 3]) }, genComparator).join(pick([' ', ' ', '  ']));
  };
  const genRange = (): string => {
    const r = Array.from({ length: pick([1, 1, 1, 2, 2, 3]) }, genSet).join(pick(['||', ' || ', ' ||', '||  ']));
    return chance(0.05) ? ` ${r}\t` : r;
  };
  const ranges = distinct(700, genRange);

  it('matches node-semver satisfies on generated (version, range) pairs', () => {
    expect(versions.length).toBeGreaterThanOrEqual(500);
    expect(ranges.length).toBeGreaterThanOrEqual(600);
    const bad = disagreements(versions, ranges);
    console.log(`semver differential: ${versions.length} versions x ${ranges.length} ranges = ${versions.length * ranges.length} pairs (${stats.validRanges} valid ranges, ${stats.matches} satisfied pairs), ${bad.length} disagreements`);
    expect(bad.slice(0, 20), `${bad.length} disagreements`).toEqual([]);
  });

  it('matches node-semver parse and compare', () => {
    for (const v of versions) {
      const ref = semver.parse(v);
      const ours = parseVersion(v);
      expect(ours && { ...ours }, v).toEqual(
        ref && { major: ref.major, minor: ref.minor, patch: ref.patch, prerelease: ref.prerelease },
      );
    }
    const valid = versions.filter((v) => semver.valid(v)).slice(0, 200);
    expect(valid.length).toBe(200);
    const bad: string[] = [];
    for (const a of valid) {
      for (const b of valid) {
        const expected = semver.compare(a, b);
        if (compareVersions(a, b) !== expected) bad.push(`compareVersions(${a}, ${b}) should be ${expected}`);
        if (versionLt(a, b) !== expected < 0) bad.push(`versionLt(${a}, ${b}) should be ${expected < 0}`);
      }
    }
    expect(bad.slice(0, 20), `${bad.length} disagreements`).toEqual([]);
  });
});
