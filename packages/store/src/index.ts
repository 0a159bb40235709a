export { defineStore } from './define-store.js';
export { createStoreRegistry, type StoreRegistry } from './registry.js';
export { StoreError, isStoreError, type StoreErrorCode } from './store-error.js';
export type { Listener, Store, StoreOptions, SubscribeOptions } from './types.js';
