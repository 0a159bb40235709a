import { FederationError, messageOf, type FederationErrorCode } from './errors.js';
import { bustUrl, transientError } from './fetch-with-retry.js';
import { hashOf } from './integrity.js';

/**
 * The coded error for a file (remote entry, chunk, stylesheet) the browser failed to load, which
 * says no more than "failed". A SyntaxError is the remote's code. Otherwise `urls` (the file, then
 * those it imports) are fetched again (cache-busted, within `timeout` ms) to find the first one
 * that is unreachable or answers HTTP 5xx (transient: retried), answers HTTP 4xx, or whose bytes
 * differ from its manifest hash (TESSERA_INTEGRITY_FAILED, naming it); neither of the last two is retried.
 */
export async function loadFailure(code: FederationErrorCode, cause: unknown, urls: string[], remote: string, timeout: number): Promise<FederationError> {
  const fail = (url: string | undefined, why: string, hint: string, c: FederationErrorCode = code) =>
    new FederationError(c, `${url ? url.slice(url.lastIndexOf('/') + 1) : 'Chunk'} ${why}`, { remote, url, cause, hint });
  if ((cause as Error)?.name == 'SyntaxError') return fail(urls[0], `does not parse: ${messageOf(cause)}`, 'Fix the remote');
  for (const url of urls) {
    let response: Response;
    let bytes: ArrayBuffer;
    try {
      response = await fetch(bustUrl(url), { signal: AbortSignal.timeout(timeout) });
      bytes = await response.arrayBuffer();
    } catch {
      return transientError(fail(url, 'is unreachable', 'Check server, CORS'));
    }
    const status = response.status;
    if (status >= 400) {
      const error = fail(url, `failed: HTTP ${status}`, 'Check URL');
      return status >= 500 ? transientError(error) : error;
    }
    const hash = hashOf(url);
    if (hash?.startsWith('sha384-') && hash != `sha384-${btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-384', bytes))))}`) {
      return fail(url, 'differs from its manifest hash', 'Redeploy, or tampered?', 'TESSERA_INTEGRITY_FAILED');
    }
  }
  return fail(urls[0], `threw: ${messageOf(cause)}`, '');
}
