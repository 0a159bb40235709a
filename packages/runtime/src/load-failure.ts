import { FederationError, messageOf, type FederationErrorCode } from './errors.js';
import { bustUrl, transientError } from './fetch-with-retry.js';
import { hashOf } from './integrity.js';

/**
 * The coded error (`code`, or TESSERA_INTEGRITY_FAILED) for a file (remote entry, chunk,
 * stylesheet) the browser failed to load, naming the file at fault among `urls` (see
 * `diagnoseLoadFailure`); marked transient when a retry may help. Only a failure needs the
 * diagnosis, so it is imported on the first one: a chunk of its own in a bundle, not part of what
 * a page loads up front.
 */
export async function loadFailure(code: FederationErrorCode, cause: unknown, urls: string[], remote: string, timeout: number): Promise<FederationError> {
  const { diagnoseLoadFailure } = await import('./diagnose-load-failure.js');
  const { url, why, hint, transient, code: found = code } = await diagnoseLoadFailure(cause, urls, timeout, { bust: bustUrl, hashOf, messageOf });
  const error = new FederationError(found, `${url ? url.slice(url.lastIndexOf('/') + 1) : 'Chunk'} ${why}`, { remote, url, cause, hint });
  return transient ? transientError(error) : error;
}
