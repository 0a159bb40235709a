import type { FederationErrorCode } from './errors.js';

/** What `diagnoseLoadFailure` found: the file at fault (if any), why, the hint, whether a retry may help. */
export interface LoadDiagnosis {
  url: string | undefined;
  why: string;
  hint: string;
  transient?: boolean;
  code?: FederationErrorCode;
}

/** What the diagnosis uses of the runtime, passed in: this module imports nothing, so that bundlers give it a chunk of its own. */
export interface DiagnosisTools {
  /** The URL with a cache-busting query. */
  bust(url: string): string;
  /** The manifest's SHA-384 hash of a URL, if any. */
  hashOf(url: string): string | undefined;
  messageOf(cause: unknown): string;
}

/**
 * (Imported on the first failed load, see `loadFailure`.) Why a file (remote entry, chunk,
 * stylesheet) the browser failed to load, which says no more than "failed", did. A SyntaxError is
 * the remote's code. Otherwise `urls` (the file, then those it imports) are fetched again
 * (cache-busted, within `timeout` ms) to find the first one that is unreachable or answers HTTP 5xx
 * (transient: retried), answers HTTP 4xx, or whose bytes differ from its manifest hash
 * (TESSERA_INTEGRITY_FAILED, naming it); neither of the last two is retried.
 */
export async function diagnoseLoadFailure(cause: unknown, urls: string[], timeout: number, tools: DiagnosisTools): Promise<LoadDiagnosis> {
  if ((cause as Error)?.name == 'SyntaxError') return { url: urls[0], why: `does not parse: ${tools.messageOf(cause)}`, hint: 'Fix the remote' };
  for (const url of urls) {
    let response: Response;
    let bytes: ArrayBuffer;
    try {
      response = await fetch(tools.bust(url), { signal: AbortSignal.timeout(timeout) });
      bytes = await response.arrayBuffer();
    } catch {
      return { url, why: 'is unreachable', hint: 'Check server, CORS', transient: true };
    }
    const status = response.status;
    if (status >= 400) return { url, why: `failed: HTTP ${status}`, hint: 'Check URL', transient: status >= 500 };
    const hash = tools.hashOf(url);
    if (hash?.startsWith('sha384-') && hash != `sha384-${btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-384', bytes))))}`) {
      return { url, why: 'differs from its manifest hash', hint: 'Redeploy, or tampered?', code: 'TESSERA_INTEGRITY_FAILED' };
    }
  }
  return { url: urls[0], why: `threw: ${tools.messageOf(cause)}`, hint: '' };
}
