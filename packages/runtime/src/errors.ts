/**
 * Every error code the runtime throws. The table with causes and fixes is docs/errors.md;
 * codes are stable: match on `error.code`, never on the message.
 */
export type FederationErrorCode =
  | 'TESSERA_INVALID_OPTIONS'
  | 'TESSERA_REMOTE_NOT_FOUND'
  | 'TESSERA_REMOTE_CONFLICT'
  | 'TESSERA_REMOTE_LOAD_FAILED'
  | 'TESSERA_REMOTE_TIMEOUT'
  | 'TESSERA_REMOTE_INVALID_CONTAINER'
  | 'TESSERA_MANIFEST_FETCH_FAILED'
  | 'TESSERA_MANIFEST_INVALID'
  | 'TESSERA_MANIFEST_MISMATCH'
  | 'TESSERA_EXPOSE_NOT_FOUND'
  | 'TESSERA_EXPOSE_LOAD_FAILED'
  | 'TESSERA_SHARE_NOT_FOUND'
  | 'TESSERA_SHARE_VERSION_UNSATISFIED'
  | 'TESSERA_SHARE_NOT_LOADED'
  | 'TESSERA_SHARE_SCOPE_CONFLICT'
  | 'TESSERA_VERSION_INVALID'
  | 'TESSERA_REMOTE_UNAVAILABLE'
  | 'TESSERA_INTEGRITY_FAILED'
  | 'TESSERA_PLUGIN_FAILED'
  | 'TESSERA_SHARE_LOAD_FAILED'
  | 'TESSERA_CONFIG_NOT_FOUND'
  | 'TESSERA_CONFIG_INVALID'
  | 'TESSERA_BUILD_FAILED'
  | 'TESSERA_DEV_PORT_IN_USE';

export interface FederationErrorDetails {
  /** Name of the remote (container) involved, when there is one. */
  remote?: string;
  /** URL of the remote entry or manifest involved. */
  url?: string;
  /** What the user can do about it. Appended to the message. */
  hint?: string;
  /** The underlying error (network failure, script error, ...). */
  cause?: unknown;
}

/** How a message names the remote and URL at fault: 'remote "catalog" at https://…'. */
const whereOf = (remote?: string, url?: string) => [remote && `remote "${remote}"`, url && `at ${url}`].filter(Boolean).join(' ');

/**
 * The one error type of Tessera. `code` is stable; `remote` and `url` name the container
 * and address at fault; `cause` keeps the original error.
 */
export class FederationError extends Error {
  readonly code: FederationErrorCode;
  readonly remote?: string;
  readonly url?: string;
  readonly hint?: string;

  constructor(code: FederationErrorCode, message: string, details: FederationErrorDetails = {}) {
    const where = whereOf(details.remote, details.url);
    super(
      `[${code}] ${message}${where ? ` (${where})` : ''}${details.hint ? `. ${details.hint}` : ''}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'FederationError';
    this.code = code;
    this.remote = details.remote;
    this.url = details.url;
    this.hint = details.hint;
  }
}

/**
 * `cause` itself when it is a FederationError (given the remote of `details` when it names none:
 * Node's loader thread, which checks integrity by URL, does not know it); otherwise a new one of
 * `code` whose message is `prefix` and the cause's message, with `details` and the cause.
 */
export function wrapError(cause: unknown, code: FederationErrorCode, prefix: string, details?: FederationErrorDetails): FederationError {
  if (!isFederationError(cause)) return new FederationError(code, prefix + messageOf(cause), { ...details, cause });
  if (!cause.remote && details?.remote) {
    cause.message = cause.message.replace(`(${whereOf(undefined, cause.url)})`, `(${whereOf(details.remote, cause.url)})`);
    (cause as { remote?: string }).remote = details.remote;
  }
  return cause;
}

/** The message of whatever was thrown (an Error, a string, a Symbol, an object without prototype...), never throwing itself. */
export function messageOf(cause: unknown): string {
  try {
    return String((cause as Error)?.message ?? cause);
  } catch {
    return typeof cause;
  }
}

export function isFederationError(error: unknown): error is FederationError {
  return error instanceof Error && error.name === 'FederationError' && typeof (error as FederationError).code === 'string';
}
