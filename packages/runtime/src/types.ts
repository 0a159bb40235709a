/** The value a shared or exposed module evaluates to: webpack's `module.exports`. */
export type ModuleExports = unknown;
/** Returns the module's exports; calling it again returns the same object. */
export type ModuleFactory = () => ModuleExports;

/** One provided version in a share scope, exactly as webpack 5 registers it. */
export interface SharedVersionEntry {
  /** Loads the module: a promise of a factory, or the factory itself for eager modules. */
  get: () => Promise<ModuleFactory> | ModuleFactory;
  /** Name of the container that provided this version. */
  from: string;
  eager: boolean;
  /** Set (to 1) once some consumer took this version. */
  loaded?: 1 | boolean;
}

/** `scope[packageName][version]`: the object webpack calls `__webpack_share_scopes__[name]`. */
export type ShareScope = Record<string, Record<string, SharedVersionEntry>>;

/** The interface every remote entry exports (webpack 5's container protocol). */
export interface Container {
  /** Registers the container's provided shared modules into `shareScope` (the same object, mutated). */
  init(shareScope: ShareScope, initScope?: unknown[]): Promise<void> | void;
  /** Loads an exposed module, e.g. `get('./ProductList')`, and resolves to its factory. */
  get(exposedName: string): Promise<ModuleFactory>;
}

export type ShareStrategy = 'version-first' | 'loaded-first';
