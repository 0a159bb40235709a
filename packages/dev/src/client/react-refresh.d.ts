declare module 'react-refresh/runtime' {
  /** React Fast Refresh's runtime (facebook/react, packages/react-refresh/src/ReactFreshRuntime.js). */
  const runtime: {
    injectIntoGlobalHook(globalObject: typeof globalThis): void;
    register(type: unknown, id: string): void;
    createSignatureFunctionForTransform(): (type: unknown, key?: string, forceReset?: boolean, getCustomHooks?: () => unknown[]) => unknown;
    performReactRefresh(): unknown;
    isLikelyComponentType(type: unknown): boolean;
  };
  export default runtime;
}
