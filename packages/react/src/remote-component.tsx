import { Component, Suspense, createElement, lazy, useCallback, useMemo, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
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

function componentOf(module: Record<string, unknown> | undefined, id: string, exportName: string): { default: ComponentType<unknown> } {
  const exported = module?.[exportName];
  if (typeof exported !== 'function' && typeof exported !== 'object') {
    throw new Error(`Remote module "${id}" has no export "${exportName}" to render`);
  }
  return { default: exported as ComponentType<unknown> };
}

/**
 * A lazy component of one load of `id`. The runtime keeps the loaded module per instance (and
 * drops it when the remote is replaced or unloaded), so no cache is kept here. A module loaded
 * already (`loadedRemote`: a host preloads the remote modules its code names) is given to `lazy`
 * as a thenable that settles at once, so the component renders without suspending: no fallback,
 * and none of React's 300 ms throttle before a fallback's content is revealed.
 */
function lazyRemote(id: string, exportName: string): ComponentType<unknown> {
  return lazy(() => {
    const loaded = loadedRemote<Record<string, unknown>>(id as RemoteModuleId);
    if (loaded) {
      const settled = {
        then(resolve: (m: { default: ComponentType<unknown> }) => void, reject: (error: unknown) => void) {
          let component;
          try {
            component = componentOf(loaded, id, exportName);
          } catch (error) {
            return reject(error);
          }
          resolve(component);
        },
      };
      return settled as unknown as Promise<{ default: ComponentType<unknown> }>;
    }
    return loadRemote<Record<string, unknown>>(id as RemoteModuleId).then((module) => componentOf(module, id, exportName));
  });
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
 * Renders an exposed component of a remote, loaded through the runtime's `loadRemote`, inside
 * Suspense (`loading`) and an error boundary (`fallback`): a remote that is down, broken or
 * throws while rendering shows the fallback and leaves the rest of the page running. The
 * boundary is keyed by `id` and by attempt: `retry()` (given to `fallback`) and a new `id` start
 * a fresh load.
 */
export function RemoteComponent<Id extends RemoteModuleId>({
  id, exportName = 'default', props, loading = null, fallback, onError,
}: RemoteComponentProps<Id>) {
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // Props are checked at the call site (RemoteProps<Id>); the loaded component takes them as they are.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const Remote = useMemo(() => lazyRemote(id, exportName), [id, exportName, attempt]) as ComponentType<object>;
  return createElement(
    RemoteErrorBoundary,
    {
      key: `${id}#${exportName}#${attempt}`,
      fallback,
      onError,
      retry,
      children: createElement(Suspense, { fallback: loading }, createElement(Remote, (props ?? {}) as object)),
    },
  );
}
