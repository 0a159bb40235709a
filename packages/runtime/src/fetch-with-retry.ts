import { FederationError } from './errors.js';
import { tesseraGlobal } from './global.js';

/** How one network step of a remote behaves (resolved from `init` options: global, then per remote). */
export interface NetworkPolicy {
  /** How long one attempt may take, in ms. */
  timeout: number;
  /** Further attempts after a transient failure (network error, timeout, HTTP 5xx). */
  retries: number;
}

const transient = new WeakSet<object>();

/** Marks `error` as worth retrying: a network error, a timeout or an HTTP 5xx. */
export function transientError<E extends object>(error: E): E {
  transient.add(error);
  return error;
}

let busts = 0;

/** `url` with a query no cache has seen (`tessera-retry=…`, always last), so a retry never gets a cached failure; http(s) only. */
export function bustUrl(url: string): string {
  return /^https?:/.test(url) ? `${url}${url.includes('?') ? '&' : '?'}tessera-retry=${Date.now().toString(36)}${++busts}` : url;
}

/** `url` without the query `bustUrl` added: the URL of the file itself. */
export function unbustUrl(url: string): string {
  return url.replace(/[?&]tessera-retry=\w+$/, '');
}

/**
 * Runs one network step: `attempt(url, signal)` gets `policy.timeout` ms (then `signal` aborts and
 * the step fails with TESSERA_REMOTE_TIMEOUT naming `url`); a transient failure is retried up to
 * `policy.retries` times after a random 0 to 200 × 2^n ms ("full jitter", from "Exponential Backoff
 * And Jitter", AWS Architecture Blog, 2015), each retry on a cache-busted URL (`bust` busts the
 * first try too: after a failed evaluation the browser keeps the failed module for its URL).
 * Other failures (HTTP 4xx, invalid content, integrity) are thrown at once. Aborting `lifetime`
 * (the remote was unloaded) clears the timers and rejects with its reason; either way the attempt's
 * URL is passed to `__TESSERA__.abandon` (set by `@tessera/runtime/node`). `onRetry` is called before each retry.
 */
export async function withRetries<T>(
  url: string,
  policy: NetworkPolicy,
  remote: string | undefined,
  attempt: (url: string, signal: AbortSignal) => Promise<T>,
  { bust = false, lifetime, onRetry }: { bust?: boolean; lifetime?: AbortSignal; onRetry?: () => void } = {},
): Promise<T> {
  for (let n = 0; ; n++) {
    const controller = new AbortController();
    const { signal } = controller;
    const stop = () => controller.abort(lifetime!.reason);
    lifetime?.addEventListener('abort', stop);
    const timer = setTimeout(() => controller.abort(transientError(new FederationError(
      'TESSERA_REMOTE_TIMEOUT', `No answer in ${policy.timeout} ms`, { remote, url, hint: 'Raise `timeout`?' },
    ))), policy.timeout);
    try {
      if (lifetime?.aborted) throw lifetime.reason;
      const target = n || bust ? bustUrl(url) : url;
      return await new Promise<T>((resolve, reject) => {
        signal.onabort = () => {
          reject(signal.reason);
          // An import() cannot be cancelled; Node's http import hooks stop its fetches (node/index.ts).
          tesseraGlobal().abandon?.(target);
        };
        attempt(target, signal).then(resolve, reject);
      });
    } catch (error) {
      if (n >= policy.retries || !transient.has(error as object) || lifetime?.aborted) throw error;
      onRetry?.();
    } finally {
      clearTimeout(timer);
      lifetime?.removeEventListener('abort', stop);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 200 * 2 ** n));
  }
}

/**
 * `fetch` whose failures are TESSERA_MANIFEST_FETCH_FAILED naming `remote` and `url`: a network
 * error or HTTP 5xx is transient (retried by `withRetries`), another HTTP error is not.
 */
export async function fetchChecked(
  fetcher: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  signal: AbortSignal,
  remote: string,
): Promise<Response> {
  const fail = (why: string, cause?: unknown) =>
    new FederationError('TESSERA_MANIFEST_FETCH_FAILED', why, { remote, url, cause, hint: 'Check URL, server, CORS' });
  const response = await fetcher(url, { signal }).catch((cause) => {
    throw signal.aborted ? signal.reason : transientError(fail(`Network error: ${cause?.message}`, cause));
  });
  if (!response.ok) {
    const error = fail(`HTTP ${response.status}`);
    throw response.status >= 500 ? transientError(error) : error;
  }
  return response;
}
