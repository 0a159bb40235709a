// Node module hooks (module.register) that let `import()` load ES modules over http(s):
// what a browser does for a module remote entry and the chunks it imports.

interface ResolveContext { parentURL?: string }
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;
type NextLoad = (url: string, context: object) => Promise<{ format?: string; source?: unknown }>;

const isHttp = (url: string | undefined): url is string => !!url && /^https?:\/\//.test(url);

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  if (isHttp(specifier)) return { url: specifier, shortCircuit: true };
  if (isHttp(context.parentURL) && /^(\.{1,2})?\//.test(specifier)) {
    return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url: string, context: object, next: NextLoad) {
  if (!isHttp(url)) return next(url, context);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  return { format: 'module', source: await response.text(), shortCircuit: true };
}
