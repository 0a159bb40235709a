// Node module hooks (module.register) that let `import()` load ES modules over http(s):
// what a browser does for a module remote entry and the chunks it imports. They run on Node's
// loader thread; `integrity` asks the main thread (over the port `initialize` gets) for the hash
// its runtime holds for a URL (from the remote's manifest), as a browser's import map gives it.
import { createHash } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { FederationError } from '../errors.js';

interface ResolveContext { parentURL?: string }
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;
type NextLoad = (url: string, context: object) => Promise<{ format?: string; source?: unknown }>;

const isHttp = (url: string | undefined): url is string => !!url && /^https?:\/\//.test(url);

let port: MessagePort | undefined;
let asked = 0;
const answers = new Map<number, (hash: string | undefined) => void>();

/** Receives the port to the main thread (see `registerHttpImports`). */
export function initialize(data?: { port?: MessagePort }): void {
  port = data?.port;
  port?.on('message', ({ id, hash }: { id: number; hash?: string }) => {
    answers.get(id)?.(hash);
    answers.delete(id);
    if (!answers.size) port!.unref();
  });
  port?.unref();
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
  if (isHttp(specifier)) return { url: specifier, shortCircuit: true };
  if (isHttp(context.parentURL) && /^(\.{1,2})?\//.test(specifier)) {
    return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
  }
  return next(specifier, context);
}

/**
 * Fetches an http(s) module. When the runtime holds a hash for its URL, the bytes must match it
 * before they run; otherwise the load fails with TESSERA_INTEGRITY_FAILED
 * naming the URL (Node copies the error's own properties to the main thread: its code and url stay).
 */
export async function load(url: string, context: object, next: NextLoad) {
  if (!isHttp(url)) return next(url, context);
  // A retry's cache-busting query (`tessera-retry=…`) is no part of the file's name.
  const file = url.replace(/[?&]tessera-retry=\w+$/, '');
  const [response, hash] = await Promise.all([fetch(url), integrity(file)]);
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const [algorithm, expected] = hash?.split(/-(.*)/) ?? [];
  if (algorithm && createHash(algorithm).update(bytes).digest('base64') !== expected) {
    throw new FederationError('TESSERA_INTEGRITY_FAILED', `${file.slice(file.lastIndexOf('/') + 1)} differs from its manifest hash: refused`, {
      url: file, hint: 'Redeploy the remote, or look for tampering',
    });
  }
  return { format: 'module', source: bytes.toString('utf8'), shortCircuit: true };
}
