import { Component, Suspense, createElement, lazy, useMemo, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { loadRemote, type RemoteModule, type RemoteModuleId } from '@tessera/runtime';

/** Props of a remote module's default export, when the remotes' types are known (`tessera types`). */
export type RemoteProps<Id extends string> = RemoteModule<Id> extends { default: (props: infer P) => unknown } ? P : Record<string, unknown>;

export interface RemoteComponentProps<Id extends RemoteModuleId, P = RemoteProps<Id>> {
  /** Remote module id: 'catalog/ProductList'. */
  id: Id;
  /** Export to render. Default 'default'. */
  exportName?: string;
  /** Props passed to the remote component. */
  props?: P;
  /** Shown while the remote loads. */
  loading?: ReactNode;
  /** Shown instead of the component when loading or rendering it failed (a `FederationError` names the remote and its URL). */
  fallback: ReactNode | ((error: Error) => ReactNode);
  /** Called with the error when the fallback is shown. */
  onError?: (error: Error) => void;
}

const lazyComponents = new Map<string, ComponentType<unknown>>();

function lazyRemote(id: string, exportName: string): ComponentType<unknown> {
  const key = `${id}#${exportName}`;
  let component = lazyComponents.get(key);
  if (!component) {
    component = lazy(async () => {
      try {
        const module = await loadRemote<Record<string, unknown>>(id as RemoteModuleId);
        const exported = module?.[exportName];
        if (typeof exported !== 'function' && typeof exported !== 'object') {
          throw new Error(`Remote module "${id}" has no export "${exportName}" to render`);
        }
        return { default: exported as ComponentType<unknown> };
      } catch (error) {
        lazyComponents.delete(key); // the next mount tries again: the remote may be back
        throw error;
      }
    });
    lazyComponents.set(key, component);
  }
  return component;
}

interface BoundaryProps {
  fallback: ReactNode | ((error: Error) => ReactNode);
  onError?: (error: Error) => void;
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
    return typeof this.props.fallback === 'function' ? this.props.fallback(error) : this.props.fallback;
  }
}

/**
 * Renders an exposed component of a remote, loaded through the runtime's `loadRemote`, inside
 * Suspense (`loading`) and an error boundary (`fallback`): a remote that is down, broken or
 * throws while rendering shows the fallback and leaves the rest of the page running.
 */
export function RemoteComponent<Id extends RemoteModuleId>({
  id, exportName = 'default', props, loading = null, fallback, onError,
}: RemoteComponentProps<Id>) {
  // Props are checked at the call site (RemoteProps<Id>); the loaded component takes them as they are.
  const Remote = useMemo(() => lazyRemote(id, exportName), [id, exportName]) as ComponentType<object>;
  return createElement(
    RemoteErrorBoundary,
    { fallback, onError, children: createElement(Suspense, { fallback: loading }, createElement(Remote, (props ?? {}) as object)) },
  );
}
