// Node module hooks (module.register) that let `import()` load ES modules over http(s):
// what a browser does for a module remote entry and the chunks it imports. They run on Node's
// loader thread; `integrity` asks the main thread (over the port `initialize` gets) for the hash
// its runtime holds for a URL (from the remote's manifest), as a browser's import map gives it.
import { createHash } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { FederationError } from '../errors.js';
import { unbustUrl } from '../fetch-with-retry.js';

interface ResolveContext { parentURL?: string }
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;
type NextLoad = (url: string, context: object) => Promise<{ format?: string; source?: unknown }>;

const isHttp = (url: string | undefined): url is string => !!url && /^https?:\/\//.test(url);

let port: MessagePort | undefined;
let asked = 0;
const answers = new Map<number, (hash: string | undefined) => void>();
/** The http modules that import each http module (from `resolve`). */
const importers = new Map<string, Set<string>>();
/** Fetches under way, by module URL. */
const fetching = new Map<string, AbortController>();

/** Receives the port to the main thread (see `registerHttpImports`). */
export function initialize(data?: { port?: MessagePort }): void {
  port = data?.port;
  port?.on('message', ({ id, hash, abandon }: { id: number; hash?: string; abandon?: string }) => {
    if (abandon) return stopFetches(abandon);
    answers.get(id)?.(hash);
    answers.delete(id);
    if (!answers.size) port!.unref();
  });
  port?.unref();
}

/** Aborts the fetch of `abandoned` and of every module it imports, directly or not. */
function stopFetches(abandoned: string): void {
  for (const [url, controller] of fetching) if (importedBy(url, abandoned, new Set())) controller.abort(new Error(`Gave up on ${abandoned}`));
}

function importedBy(url: string, importer: string, seen: Set<string>): boolean {
  if (url === importer) return true;
  if (seen.has(url)) return false;
  seen.add(url);
  return [...(importers.get(url) ?? [])].some((parent) => importedBy(parent, importer, seen));
}

/** The hash ('sha384-…') the main thread's runtime holds for `url`, if any. */
function integrity(url: string): Promise<string | undefined> {
  if (!port) return Promise.resolve(undefined);
  const id = ++asked;
  // Referenced while a question is open: an idle loader thread that sees nothing pending ends the
  // hook with Node's 'never-settle' (its beforeExit handler), and that import() never settles.
  port.ref();
  return new Promise((resolve) => {
    answers.set(id, resolve);
    port!.postMessage({ id, url });
  });
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  const parent = context.parentURL;
  const url = isHttp(specifier) ? specifier : isHttp(parent) && /^(\.{1,2})?\//.test(specifier) ? new URL(specifier, parent).href : undefined;
  if (!url) return next(specifier, context);
  if (isHttp(parent)) importers.set(url, (importers.get(url) ?? new Set()).add(parent));
  return { url, shortCircuit: true };
}

/**
 * Fetches an http(s) module (stopped when the runtime gives up a load it is part of: `stopFetches`). When the runtime holds a hash for its URL, the bytes must match it
 * before they run; otherwise the load fails with TESSERA_INTEGRITY_FAILED
 * naming the URL (Node copies the error's own properties to the main thread: its code and url stay).
 */
export async function load(url: string, context: object, next: NextLoad) {
  if (!isHttp(url)) return next(url, context);
  const file = unbustUrl(url);
  const controller = new AbortController();
  fetching.set(url, controller);
  let hash: string | undefined;
  let bytes: Buffer;
  try {
    const [response, known] = await Promise.all([fetch(url, { signal: controller.signal }), integrity(file)]);
    if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
    hash = known;
    bytes = Buffer.from(await response.arrayBuffer());
  } finally {
    fetching.delete(url);
  }
  const [algorithm, expected] = hash?.split(/-(.*)/) ?? [];
  if (algorithm && createHash(algorithm).update(bytes).digest('base64') !== expected) {
    throw new FederationError('TESSERA_INTEGRITY_FAILED', `${file.slice(file.lastIndexOf('/') + 1)} differs from its manifest hash: refused`, {
      url: file, hint: 'Redeploy the remote, or look for tampering',
    });
  }
  return { format: 'module', source: bytes.toString('utf8'), shortCircuit: true };
}
