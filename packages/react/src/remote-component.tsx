import { Component, Suspense, createElement, useCallback, useMemo, useState, useSyncExternalStore, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { loadRemote, loadedRemote, type RemoteModule, type RemoteModuleId } from '@tessera/runtime';

/** Props of a remote module's default export, when the remotes' types are known (`tessera types`). */
export type RemoteProps<Id extends string> = RemoteModule<Id> extends { default: (props: infer P) => unknown } ? P : Record<string, unknown>;

/** What a `RemoteComponent` shows when it failed: an element, or one made from the error and a `retry()`. */
export type RemoteFallback = ReactNode | ((error: Error, retry: () => void) => ReactNode);

export interface RemoteComponentProps<Id extends RemoteModuleId, P = RemoteProps<Id>> {
  /** Remote module id: 'catalog/ProductList'. A new id starts over (loading, no error). */
  id: Id;
  /** Export to render. Default 'default'. */
  exportName?: string;
  /** Props passed to the remote component. */
  props?: P;
  /** Shown while the remote loads. */
  loading?: ReactNode;
  /**
   * Shown instead of the component when loading or rendering it failed (a `FederationError`
   * names the remote and its URL). `retry()` loads the remote again (new URLs, so a hang, a
   * refused connection or a failed evaluation recover without reloading the page).
   */
  fallback: RemoteFallback;
  /** Called with the error when the fallback is shown. */
  onError?: (error: Error) => void;
}

function componentOf(module: Record<string, unknown>, id: string, exportName: string): ComponentType<object> {
  const exported = module[exportName];
  if (typeof exported !== 'function' && typeof exported !== 'object') {
    throw new Error(`Remote module "${id}" has no export "${exportName}" to render`);
  }
  return exported as ComponentType<object>;
}

/** What one load of a remote module has given so far. */
interface LoadState {
  module?: Record<string, unknown>;
  error?: Error;
  /** Not loaded, while server rendering or hydrating: the content suspends so the HTML waits for it. */
  suspend?: boolean;
}

/** One load of `id`, as an external store for `useSyncExternalStore`. */
interface RemoteLoad {
  subscribe(notify: () => void): () => void;
  getSnapshot(): LoadState;
  getServerSnapshot(): LoadState;
  /** Starts the load (once); settles when it has. */
  start(): Promise<void>;
}

/**
 * One load of `id`. The runtime keeps the loaded module per instance (and drops it when the
 * remote is replaced or unloaded), so no cache is kept here: a module loaded already
 * (`loadedRemote`) is there at the first render.
 */
function remoteLoad(id: string): RemoteLoad {
  let state: LoadState = {};
  let started: Promise<void> | undefined;
  const current = () => {
    const module = loadedRemote<Record<string, unknown>>(id as RemoteModuleId);
    if (module && state.module !== module) state = { module };
    return state;
  };
  const start = () => (started ??= loadRemote<Record<string, unknown>>(id as RemoteModuleId).then(
    (module) => void (state = { module }),
    (error: unknown) => void (state = { error: error instanceof Error ? error : new Error(String(error)) }),
  ));
  const pending: LoadState = { suspend: true };
  return {
    subscribe(notify) {
      let subscribed = true;
      void start().then(() => subscribed && notify());
      return () => void (subscribed = false);
    },
    getSnapshot: current,
    getServerSnapshot: () => (current().module || state.error ? state : pending),
    start,
  };
}

interface ContentProps {
  load: RemoteLoad;
  id: string;
  exportName: string;
  props: object;
  loading: ReactNode;
}

/**
 * The remote's component once loaded. While it loads, a client render shows `loading` without
 * suspending (a Suspense fallback would hold the content back: React reveals a boundary no sooner
 * than 300 ms after its fallback appeared), and re-renders when the module is there; server
 * rendering and hydration suspend instead, so that the HTML holds the remote's content.
 */
function RemoteContent({ load, id, exportName, props, loading }: ContentProps) {
  const state = useSyncExternalStore(load.subscribe, load.getSnapshot, load.getServerSnapshot);
  if (state.error) throw state.error;
  if (state.suspend) throw load.start();
  if (!state.module) {
    void load.start(); // at the first render, as React.lazy does, not a frame later when it subscribes
    return loading;
  }
  return createElement(componentOf(state.module, id, exportName), props);
}

interface BoundaryProps {
  fallback: RemoteFallback;
  onError?: (error: Error) => void;
  retry: () => void;
  children: ReactNode;
}

class RemoteErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, _info: ErrorInfo) {
    this.props.onError?.(error);
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return typeof this.props.fallback === 'function' ? this.props.fallback(error, this.props.retry) : this.props.fallback;
  }
}

/**
 * Renders an exposed component of a remote, loaded through the runtime's `loadRemote`, showing
 * `loading` meanwhile, inside an error boundary (`fallback`): a remote that is down, broken or
 * throws while rendering shows the fallback and leaves the rest of the page running. In the
 * browser the component appears the moment its module has loaded (no Suspense fallback, so none of
 * React's 300 ms throttle before a fallback's content is revealed); server rendering and hydration
 * suspend instead (inside a Suspense boundary whose fallback is `loading`), so the HTML holds the
 * remote's content. The boundary is keyed by `id` and by attempt: `retry()` (given to `fallback`)
 * and a new `id` start a fresh load.
 */
export function RemoteComponent<Id extends RemoteModuleId>({
  id, exportName = 'default', props, loading = null, fallback, onError,
}: RemoteComponentProps<Id>) {
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const load = useMemo(() => remoteLoad(id), [id, attempt]);
  // Props are checked at the call site (RemoteProps<Id>); the loaded component takes them as they are.
  const content = createElement(RemoteContent, { load, id, exportName, props: (props ?? {}) as object, loading });
  return createElement(
    RemoteErrorBoundary,
    {
      key: `${id}#${exportName}#${attempt}`,
      fallback,
      onError,
      retry,
      children: createElement(Suspense, { fallback: loading }, content),
    },
  );
}
