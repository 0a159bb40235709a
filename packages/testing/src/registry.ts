import { FederationError, type Container, type FederationInstance } from '@tessera/runtime';

/**
 * What `@tessera/testing` keeps for the test process, on `globalThis[Symbol.for('tessera.testing')]`
 * so that every copy of the package (after `vi.resetModules()`) and the `data:` remote entries of
 * mock remotes see the same one.
 */
export interface TestingRegistry {
  /** Mock containers by key; the `data:` remote entry of a mock reads its container here. */
  mocks: Map<string, Container>;
  /** Counter for mock keys, so two mocks of one name never share an entry URL. */
  nextMock: number;
  /** Counter of blank pages (`resetFederation` calls). */
  pages: number;
  /** Throws for a mock that `resetFederation()` dropped (its entry may still be imported). */
  missing(key: string): never;
  /** The runtime instance `createTestHost` made last; `mockRemote` registers into it. */
  host: FederationInstance | undefined;
  /** Real paths of the built folders imported at least once in this process. */
  importedDists: Set<string>;
  /** Temporary copies of built folders, deleted by `resetFederation()` or when the process exits. */
  copies: string[];
  /** Whether the exit handler that deletes `copies` is installed. */
  cleanupOnExit: boolean;
}

const KEY = Symbol.for('tessera.testing');

export function testingRegistry(): TestingRegistry {
  const g = globalThis as { [KEY]?: TestingRegistry };
  g[KEY] ??= {
    mocks: new Map(),
    nextMock: 0,
    pages: 0,
    missing(key) {
      throw new FederationError('TESSERA_REMOTE_LOAD_FAILED', `Mock remote ${key} was dropped by resetFederation()`, {
        remote: key.slice(0, key.lastIndexOf('#')),
        hint: 'Call mockRemote() again in this test, after createTestHost()',
      });
    },
    host: undefined,
    importedDists: new Set(),
    copies: [],
    cleanupOnExit: false,
  };
  return g[KEY];
}

/** Source of a remote entry module that forwards `init`/`get` to the mock container `key`. */
export function mockEntrySource(key: string): string {
  const k = JSON.stringify(key);
  return [
    'const r = globalThis[Symbol.for("tessera.testing")];',
    `const c = () => r.mocks.get(${k}) ?? r.missing(${k});`,
    'export const init = (scope, initScope) => c().init(scope, initScope);',
    'export const get = (name) => c().get(name);',
  ].join('\n');
}
