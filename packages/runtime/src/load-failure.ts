import { FederationError, type FederationErrorCode } from './errors.js';
import { transientError } from './fetch-with-retry.js';
import { diagnose } from './integrity.js';

/**
 * The coded error for a file (remote entry, chunk, stylesheet) the browser failed to load. A
 * SyntaxError is the remote's code; otherwise `urls` (the file and those it imports) are fetched
 * again to tell a network error or HTTP 5xx (transient: retried) from an HTTP 4xx or tampered
 * bytes (TESSERA_INTEGRITY_FAILED, naming the file). Never retried: the latter two.
 */
export async function loadFailure(
  code: FederationErrorCode,
  what: string,
  cause: unknown,
  urls: string[],
  remote: string,
  timeout: number,
): Promise<FederationError> {
  const url = urls[0];
  const message = `${what} failed: ${(cause as Error)?.message ?? cause}`;
  if ((cause as Error)?.name === 'SyntaxError') {
    return new FederationError(code, message, { remote, url, cause, hint: 'The remote\'s code does not parse: rebuild and redeploy it' });
  }
  const found = await diagnose(urls, timeout);
  if (found?.problem === 'integrity') {
    return new FederationError('TESSERA_INTEGRITY_FAILED', `${found.url} differs from the hash in the manifest: refused`, {
      remote, url: found.url, cause, hint: 'Redeploy the remote with its manifest, or check for tampering',
    });
  }
  const status = typeof found?.problem === 'number' ? found.problem : 0;
  const error = new FederationError(code, status ? `${message} (HTTP ${status})` : message, {
    remote, url: found?.url ?? url, cause, hint: found ? 'Check the URL, CORS and that the remote is up' : 'It threw while evaluating: see cause',
  });
  return found && (found.problem === 'network' || status >= 500) ? transientError(error) : error;
}
