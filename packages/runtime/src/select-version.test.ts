import { describe, expect, it } from 'vitest';
import { selectShared, type ConsumeRule } from './select-version.js';
import type { ShareScope } from './types.js';

const entry = (from: string, extra: { eager?: boolean; loaded?: 1 } = {}) => ({ get: () => () => from, from, eager: !!extra.eager, ...extra });
const rule = (r: Partial<ConsumeRule> = {}): ConsumeRule => ({
  singleton: false, requiredVersion: false, strictVersion: false, eager: false, strategy: 'version-first', ...r,
});
const picked = (s: ReturnType<typeof selectShared>) => (s.kind === 'scope' ? s.version : s.kind);

describe('selectShared: singleton', () => {
  const scope: ShareScope = { react: { '18.2.0': entry('a'), '19.1.0': entry('b'), '19.0.0': entry('c') } };

  it('takes the highest version', () => {
    expect(picked(selectShared(scope, 'default', 'react', rule({ singleton: true }), true))).toBe('19.1.0');
  });

  it('never moves off a version already loaded that it reached first', () => {
    const s: ShareScope = { react: { '18.2.0': entry('a', { loaded: 1 }), '19.1.0': entry('b') } };
    expect(picked(selectShared(s, 'default', 'react', rule({ singleton: true }), true))).toBe('18.2.0');
  });

  it('warns when the chosen version does not satisfy requiredVersion', () => {
    const s = selectShared(scope, 'default', 'react', rule({ singleton: true, requiredVersion: '^18.0.0' }), true);
    expect(s).toMatchObject({ kind: 'scope', version: '19.1.0' });
    expect(s.kind === 'scope' && s.warning).toContain('Unsatisfied version 19.1.0 from b of shared singleton module react (required ^18.0.0)');
  });

  it('fails with strictVersion even when it has a fallback', () => {
    const s = selectShared(scope, 'default', 'react', rule({ singleton: true, requiredVersion: '^18.0.0', strictVersion: true }), true);
    expect(s).toMatchObject({ kind: 'error', code: 'TESSERA_SHARE_VERSION_UNSATISFIED' });
  });

  it('loaded-first prefers a loaded version over a higher one', () => {
    const s: ShareScope = { react: { '19.1.0': entry('b'), '18.2.0': entry('a', { loaded: 1 }) } };
    expect(picked(selectShared(s, 'default', 'react', rule({ singleton: true }), true))).toBe('19.1.0');
    expect(picked(selectShared(s, 'default', 'react', rule({ singleton: true, strategy: 'loaded-first' }), true))).toBe('18.2.0');
  });
});

describe('selectShared: not singleton', () => {
  const scope: ShareScope = { lodash: { '3.10.1': entry('old'), '4.17.21': entry('new'), '4.17.0': entry('mid') } };

  it('takes the highest version satisfying requiredVersion', () => {
    expect(picked(selectShared(scope, 'default', 'lodash', rule({ requiredVersion: '^3.0.0' }), true))).toBe('3.10.1');
    expect(picked(selectShared(scope, 'default', 'lodash', rule({ requiredVersion: '~4.17.0' }), true))).toBe('4.17.21');
    expect(picked(selectShared(scope, 'default', 'lodash', rule({ requiredVersion: '4.17.0' }), true))).toBe('4.17.0');
  });

  it('with strictVersion and nothing satisfying uses the own fallback, or fails without one', () => {
    const strict = rule({ requiredVersion: '^5.0.0', strictVersion: true });
    expect(selectShared(scope, 'default', 'lodash', strict, true).kind).toBe('fallback');
    expect(selectShared(scope, 'default', 'lodash', strict, false)).toMatchObject({ kind: 'error', code: 'TESSERA_SHARE_VERSION_UNSATISFIED' });
  });

  it('without strictVersion and nothing satisfying warns and takes the highest', () => {
    const s = selectShared(scope, 'default', 'lodash', rule({ requiredVersion: '^5.0.0' }), true);
    expect(s).toMatchObject({ kind: 'scope', version: '4.17.21' });
    expect(s.kind === 'scope' && s.warning).toContain('No satisfying version (^5.0.0) of shared module lodash found in share scope "default"');
  });

  it('without requiredVersion takes the highest', () => {
    expect(picked(selectShared(scope, 'default', 'lodash', rule(), true))).toBe('4.17.21');
  });

  it('a key missing from the scope means the own fallback, or TESSERA_SHARE_NOT_FOUND with import: false', () => {
    expect(selectShared({}, 'default', 'lodash', rule(), true).kind).toBe('fallback');
    expect(selectShared({}, 'default', 'lodash', rule(), false)).toMatchObject({ kind: 'error', code: 'TESSERA_SHARE_NOT_FOUND' });
  });

  it('an eager consumer only sees eager versions', () => {
    const s: ShareScope = { lodash: { '4.17.21': entry('lazy'), '4.0.0': entry('eager', { eager: true }) } };
    expect(picked(selectShared(s, 'default', 'lodash', rule({ eager: true }), true))).toBe('4.0.0');
    expect(selectShared({ lodash: { '4.17.21': entry('lazy') } }, 'default', 'lodash', rule({ eager: true }), false).kind).toBe('error');
  });

  it('loaded-first prefers a loaded satisfying version', () => {
    const s: ShareScope = { lodash: { '4.17.21': entry('new'), '4.17.0': entry('mid', { loaded: 1 }) } };
    expect(picked(selectShared(s, 'default', 'lodash', rule({ requiredVersion: '^4.0.0', strategy: 'loaded-first' }), true))).toBe('4.17.0');
  });
});
