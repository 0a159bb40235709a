import { FederationError, toWebpackExports, type Container, type ModuleExports, type ModuleFactory, type ShareScope } from '@tessera/runtime';

/** A container over in-memory modules, that also records how the host used it. */
export interface MockContainer extends Container {
  /** The share scope `init` was called with; undefined until then. */
  readonly shareScope: ShareScope | undefined;
  /** Exposed names asked for with `get`, in call order ('./ProductList'). */
  readonly requests: readonly string[];
}

/** './ProductList' for 'ProductList' or './ProductList'; '.' stays. */
export function exposedName(name: string): string {
  return name === '.' || name.startsWith('./') ? name : `./${name}`;
}

/**
 * webpack 5's container protocol over plain modules. `exposes` maps exposed names ('./ProductList'
 * or 'ProductList') to modules: an object of exports (`{ default: ProductList }`) or a namespace
 * from `import()`. `get` resolves to a factory of webpack-style exports (`__esModule: true`,
 * the same object on every call); an object that already has `__esModule` and a non-object
 * (a CommonJS `module.exports` function) are returned as they are.
 * `init` records the share scope and provides nothing; called again with another scope object it
 * throws TESSERA_SHARE_SCOPE_CONFLICT, as a built container does. `get` of a name not exposed
 * rejects with TESSERA_EXPOSE_NOT_FOUND. Throws TESSERA_INVALID_OPTIONS when `exposes` is not an object.
 */
export function createMockContainer(name: string, exposes: Record<string, unknown>): MockContainer {
  if (!exposes || typeof exposes !== 'object') {
    throw new FederationError('TESSERA_INVALID_OPTIONS', `Mock remote "${name}" needs its exposed modules as an object`, {
      remote: name, hint: "mockRemote('catalog', { './ProductList': { default: ProductList } })",
    });
  }
  const modules = new Map(Object.entries(exposes).map(([key, module]) => [exposedName(key), module]));
  const factories = new Map<string, ModuleFactory>();
  const requests: string[] = [];
  let shareScope: ShareScope | undefined;
  return {
    get shareScope() {
      return shareScope;
    },
    requests,
    init(scope) {
      if (shareScope && shareScope !== scope) {
        throw new FederationError('TESSERA_SHARE_SCOPE_CONFLICT', `Mock container "${name}" was already initialised with another share scope`, {
          remote: name, hint: 'Mock the remote again for each test host',
        });
      }
      shareScope = scope;
    },
    async get(exposed) {
      requests.push(exposed);
      let factory = factories.get(exposed);
      if (!factory) {
        if (!modules.has(exposed)) {
          throw new FederationError('TESSERA_EXPOSE_NOT_FOUND', `Module "${exposed}" does not exist in container`, {
            remote: name, hint: `The mock exposes: ${[...modules.keys()].join(', ') || 'nothing'}`,
          });
        }
        const exports = webpackExports(modules.get(exposed));
        factory = () => exports;
        factories.set(exposed, factory);
      }
      return factory;
    },
  };
}

function webpackExports(module: unknown): ModuleExports {
  if (!module || typeof module !== 'object' || '__esModule' in module) return module;
  return toWebpackExports(module as Record<string, unknown>);
}
