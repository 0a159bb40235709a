import RefreshRuntime from 'react-refresh/runtime';

/**
 * `globalThis.__TESSERA_DEV__`: the page's one React Fast Refresh runtime, which every app's
 * development code registers its components with (ids '<app>:<path> <name>'), whichever app's
 * code ran first; as the share scope gives the page one React. `protocol` changes only when this
 * shape does.
 */
export interface DevGlobal {
  protocol: 1;
  /** Called by the Refresh transform's `$RefreshReg$`. */
  register(type: unknown, id: string): void;
  /** Called by the Refresh transform's `$RefreshSig$`. */
  signature(): (type: unknown, key?: string, forceReset?: boolean, getCustomHooks?: () => unknown[]) => unknown;
  /** Every app module calls it when it runs: '<app>:<path>'. */
  ran(moduleId: string): void;
  hasRun(moduleId: string): boolean;
  /** A Fast Refresh boundary: a module whose exports are all React components. */
  isBoundary(namespace: Record<string, unknown>): boolean;
  /** Re-renders the components whose implementation was registered again, keeping their state. */
  refresh(): void;
  /** False when React DOM loaded before the runtime (a production host): updates then reload. */
  canRefresh: boolean;
  /** Update channels this page subscribed to, by app name. */
  channels: Map<string, unknown>;
  /** Serialises updates across apps: each one applies after the one before. */
  queue: Promise<void>;
}

export function devGlobal(): DevGlobal {
  const g = globalThis as { __TESSERA_DEV__?: DevGlobal; __REACT_DEVTOOLS_GLOBAL_HOOK__?: { renderers?: Map<unknown, unknown> } };
  if (g.__TESSERA_DEV__) return g.__TESSERA_DEV__;
  const reactAlreadyThere = (g.__REACT_DEVTOOLS_GLOBAL_HOOK__?.renderers?.size ?? 0) > 0;
  RefreshRuntime.injectIntoGlobalHook(globalThis);
  const ran = new Set<string>();
  const dev: DevGlobal = {
    protocol: 1,
    register: (type, id) => RefreshRuntime.register(type, id),
    signature: () => RefreshRuntime.createSignatureFunctionForTransform(),
    ran: (id) => void ran.add(id),
    hasRun: (id) => ran.has(id),
    isBoundary(namespace) {
      const names = Object.keys(namespace);
      return names.length > 0 && names.every((name) => RefreshRuntime.isLikelyComponentType(namespace[name]));
    },
    refresh: () => void RefreshRuntime.performReactRefresh(),
    canRefresh: !reactAlreadyThere,
    channels: new Map(),
    queue: Promise.resolve(),
  };
  g.__TESSERA_DEV__ = dev;
  return dev;
}
