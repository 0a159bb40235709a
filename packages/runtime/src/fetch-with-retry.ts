import { FederationError } from './errors.js';

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

export const isTransient = (error: unknown): boolean => transient.has(error as object);

let busts = 0;

/** `url` with a query no cache has seen (`tessera-retry=…`), so a retry never gets a cached failure; http(s) only. */
export function bustUrl(url: string): string {
  if (!/^https?:/.test(url)) return url;
  const u = new URL(url);
  u.searchParams.set('tessera-retry', Date.now().toString(36) + ++busts);
  return u.href;
}

/**
 * Runs one network step: `attempt(url, signal)` gets `policy.timeout` ms (then `signal` aborts and
 * the step fails with TESSERA_REMOTE_TIMEOUT naming `url`); a transient failure is retried up to
 * `policy.retries` times after 2^n × 200 ms with full jitter ("Exponential Backoff And Jitter",
 * AWS Architecture Blog, 2015), each retry on a cache-busted URL (`bust` busts the first try too:
 * after an evaluation failure the browser keeps the failed module for its URL). Other failures
 * (HTTP 4xx, invalid content, integrity) are thrown at once. Aborting `lifetime` (the remote was
 * unloaded) clears the timers and rejects. `onRetry` is called before each retry.
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => controller.abort(lifetime!.reason);
    lifetime?.addEventListener('abort', stop);
    try {
      if (lifetime?.aborted) throw lifetime.reason;
      return await new Promise<T>((resolve, reject) => {
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason));
        timer = setTimeout(() => controller.abort(transientError(new FederationError(
          'TESSERA_REMOTE_TIMEOUT', `No answer within ${policy.timeout} ms`, { remote, url, hint: 'Check the remote is up, or raise `timeout`' },
        ))), policy.timeout);
        attempt(n || bust ? bustUrl(url) : url, controller.signal).then(resolve, reject);
      });
    } catch (error) {
      if (n >= policy.retries || !isTransient(error) || lifetime?.aborted) throw error;
      onRetry?.();
    } finally {
      clearTimeout(timer);
      lifetime?.removeEventListener('abort', stop);
    }
    await new Promise((resolve) => {
      const t = setTimeout(resolve, Math.random() * 200 * 2 ** n);
      lifetime?.addEventListener('abort', () => (clearTimeout(t), resolve(0)), { once: true });
    });
  }
}

/**
 * `fetch` that fails with a FederationError of `code` naming `remote` and `url`: a network error
 * or HTTP 5xx is transient (retried by `withRetries`), another HTTP error is not.
 */
export async function fetchChecked(
  fetcher: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  signal: AbortSignal,
  code: 'TESSERA_MANIFEST_FETCH_FAILED',
  remote: string,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetcher(url, { signal });
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    throw transientError(new FederationError(code, `Network error: ${(cause as Error)?.message}`, { remote, url, cause, hint: 'Check the remote is up and allows CORS' }));
  }
  if (!response.ok) {
    const error = new FederationError(code, `HTTP ${response.status}`, { remote, url, hint: 'Check the URL and that the remote is deployed' });
    throw response.status >= 500 ? transientError(error) : error;
  }
  return response;
}
