import { FederationError } from './errors.js';
import type { FederationRuntime } from './federation-instance.js';
import type { Container, ModuleExports } from './types.js';

/**
 * Builds the `{ init, get }` a remote entry exports (webpack 5's container protocol).
 * `exposes` maps exposed names ('./ProductList') to loaders of their chunks; `get` loads what the
 * chunk needs first (shared modules, CSS) and resolves to a factory of webpack-style exports
 * (`__esModule: true`, so webpack hosts see `default` as the default export).
 * `get` of an unknown name rejects with TESSERA_EXPOSE_NOT_FOUND.
 */
export function createContainer(
  instance: FederationRuntime,
  exposes: Record<string, () => Promise<Record<string, unknown>>>,
): Container {
  return {
    init: (shareScope, initScope) => instance.initContainer(shareScope, initScope),
    get(exposedName) {
      const load = Object.prototype.hasOwnProperty.call(exposes, exposedName) ? exposes[exposedName] : undefined;
      if (!load) {
        return Promise.reject(
          new FederationError('TESSERA_EXPOSE_NOT_FOUND', `${exposedName} is not exposed`, { remote: instance.name, hint: `Exposed: ${Object.keys(exposes)}` }),
        );
      }
      return instance.loadChunk(`expose:${exposedName}`, load).then((namespace) => {
        const exports = toWebpackExports(namespace);
        return () => exports;
      });
    },
  };
}

/** An ES module namespace as webpack exports it: live getters and `__esModule: true`. */
export function toWebpackExports(namespace: Record<string, unknown>): ModuleExports {
  const exports: Record<string, unknown> = {};
  Object.defineProperty(exports, '__esModule', { value: true });
  for (const key of Object.keys(namespace)) {
    Object.defineProperty(exports, key, { enumerable: true, get: () => namespace[key] });
  }
  return exports;
}
