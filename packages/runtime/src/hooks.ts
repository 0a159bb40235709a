import { wrapError, type FederationError, type FederationErrorDetails } from './errors.js';
import type { Selection, ConsumeRule } from './select-version.js';
import type { ShareScope } from './types.js';
import type { RemoteInfo } from './remote-options.js';

/** Where in loading a remote an error happened. */
export type LoadLifecycle = 'beforeRequest' | 'loadEntry' | 'getExpose' | 'afterLoad';

/**
 * A runtime plugin: an object of optional lifecycle hooks, called in registration order
 * (the hooks of Module Federation 2.0's runtime, by the same names where it has them).
 * A hook that returns `undefined` leaves things as they were.
 */
export interface FederationPlugin {
  name: string;
  /** Before a module id is resolved to a remote; may rewrite the id. */
  beforeRequest?(args: { id: string }): { id: string } | void | Promise<{ id: string } | void>;
  /** After the id was resolved to a remote and an exposed name. */
  afterResolve?(args: { id: string; remote: RemoteInfo; expose: string }): void | Promise<void>;
  /** After an exposed module was loaded; may return a replacement module. */
  onLoad?(args: { id: string; remote: RemoteInfo; expose: string; module: unknown }): unknown;
  /**
   * Loading a remote failed. Return a module (e.g. `{ default: FallbackComponent }`) to use
   * instead of throwing; return undefined to let the `FederationError` propagate.
   */
  errorLoadRemote?(args: { id: string; error: FederationError; remote?: RemoteInfo; lifecycle: LoadLifecycle }): unknown;
  /** Before a shared module is negotiated. */
  beforeLoadShare?(args: { key: string; scopeName: string; rule: ConsumeRule }): void | Promise<void>;
  /** May override the negotiated version: return another `Selection`. Synchronous. */
  resolveShare?(args: { key: string; scopeName: string; scope: ShareScope; rule: ConsumeRule; selection: Selection }): Selection | void;
  /** Creates the `<script>` element for a `var` remote entry; return one to customise it (nonce, crossorigin...). */
  createScript?(args: { url: string; remote: RemoteInfo }): HTMLScriptElement | void;
  /** Fetches a manifest; return a Response to replace `fetch` (auth headers, caching...). */
  fetch?(url: string, init: RequestInit): Promise<Response> | void;
}

type HookName = keyof Omit<FederationPlugin, 'name'>;

/** What a hook threw, as TESSERA_PLUGIN_FAILED naming the plugin and hook (a FederationError passes as it is). */
function hookError(plugin: FederationPlugin, hook: HookName, cause: unknown, details?: FederationErrorDetails): FederationError {
  return wrapError(cause, 'TESSERA_PLUGIN_FAILED', `${plugin.name}.${hook}: `, details);
}

/**
 * Calls `plugin[hook](arg)` and awaits it. What it throws or rejects with becomes
 * TESSERA_PLUGIN_FAILED naming the plugin and hook, with `details` (remote, url) and the cause.
 */
export async function callHook(plugin: FederationPlugin, hook: HookName, arg: unknown, details?: FederationErrorDetails): Promise<unknown> {
  try {
    return await (plugin[hook] as ((a: unknown) => unknown) | undefined)?.call(plugin, arg);
  } catch (cause) {
    throw hookError(plugin, hook, cause, details);
  }
}

/** Calls `hook` on every plugin in turn; each non-undefined result replaces the args for the next. Throws like `callHook`. */
export async function waterfall<A>(plugins: readonly FederationPlugin[], hook: HookName, args: A, details?: FederationErrorDetails): Promise<A> {
  for (const plugin of plugins) {
    const result = await callHook(plugin, hook, args, details);
    if (result !== undefined) args = result as A;
  }
  return args;
}

/**
 * The first non-undefined result of `hook(...args)` across plugins, synchronously (a promise it
 * returns is not awaited). Throws like `callHook`, with `details`.
 */
export function firstResult<R>(plugins: readonly FederationPlugin[], hook: HookName, details: FederationErrorDetails, ...args: unknown[]): R | undefined {
  for (const plugin of plugins) {
    let result;
    try {
      result = (plugin[hook] as ((...a: unknown[]) => unknown) | undefined)?.apply(plugin, args);
    } catch (cause) {
      throw hookError(plugin, hook, cause, details);
    }
    if (result !== undefined) return result as R;
  }
  return undefined;
}
