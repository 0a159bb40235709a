import { describe, expect, it } from 'vitest';
import { registerShared } from './share-scope.js';
import type { ShareScope } from './types.js';

const get = () => () => ({});

describe('registerShared (webpack ShareRuntimeModule rules)', () => {
  it('adds each version once per key', () => {
    const scope: ShareScope = {};
    registerShared(scope, 'react', '18.2.0', { get, eager: false }, 'host');
    registerShared(scope, 'react', '19.0.0', { get, eager: false }, 'remote');
    expect(Object.keys(scope.react!)).toEqual(['18.2.0', '19.0.0']);
    expect(scope.react!['19.0.0']).toMatchObject({ from: 'remote', eager: false });
  });

  it('for the same version keeps an already loaded entry', () => {
    const scope: ShareScope = {};
    registerShared(scope, 'react', '19.0.0', { get, eager: false }, 'aaa');
    scope.react!['19.0.0']!.loaded = 1;
    registerShared(scope, 'react', '19.0.0', { get, eager: true }, 'zzz');
    expect(scope.react!['19.0.0']!.from).toBe('aaa');
  });

  it('for the same version prefers the eager entry, whatever the names', () => {
    const scope: ShareScope = {};
    registerShared(scope, 'react', '19.0.0', { get, eager: true }, 'aaa');
    registerShared(scope, 'react', '19.0.0', { get, eager: false }, 'zzz');
    expect(scope.react!['19.0.0']).toMatchObject({ from: 'aaa', eager: true });
    registerShared(scope, 'lodash', '4.0.0', { get, eager: false }, 'zzz');
    registerShared(scope, 'lodash', '4.0.0', { get, eager: true }, 'aaa');
    expect(scope.lodash!['4.0.0']).toMatchObject({ from: 'aaa', eager: true });
  });

  it('for the same version and eagerness takes the greater container name', () => {
    const scope: ShareScope = {};
    registerShared(scope, 'react', '19.0.0', { get, eager: false }, 'cart');
    registerShared(scope, 'react', '19.0.0', { get, eager: false }, 'shell');
    registerShared(scope, 'react', '19.0.0', { get, eager: false }, 'catalog');
    expect(scope.react!['19.0.0']!.from).toBe('shell');
  });
});
