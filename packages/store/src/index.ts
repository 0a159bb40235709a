export { defineStore } from './define-store.js';
export { defineReplicatedStore } from './define-replicated-store.js';
export { actionCreators, type ActionCreators, type ActionHandlers, type ActionOf } from './actions.js';
export { createStoreRegistry, type StoreRegistry } from './registry.js';
export { StoreError, isStoreError, type StoreErrorCode } from './store-error.js';
export { solo, sequenceHere, type Entry, type Replica, type ReplicaSnapshot, type Sequenced, type Sequencer, type Sync } from './sequencer.js';
export { tabs } from './tab-sequencer.js';
export type { Schema } from './validate.js';
export type { Listener, ReadableStore, ReplicatedStore, ReplicatedStoreOptions, Store, StoreOptions, SubscribeOptions } from './types.js';
