const stylesheets = new Map<string, Promise<void>>();
const modulepreloads = new Set<string>();

/**
 * Adds `<link rel="stylesheet" href>` once per URL and resolves when it has loaded. A stylesheet
 * that fails to load resolves too (with a warning): missing styles must not stop a component.
 * Outside a browser there is nothing to do.
 */
export function loadStylesheet(href: string): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  let loading = stylesheets.get(href);
  if (!loading) {
    loading = new Promise((resolve) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.onload = () => resolve();
      link.onerror = () => {
        console.warn(`Stylesheet ${href} failed to load`);
        resolve();
      };
      document.head.appendChild(link);
    });
    stylesheets.set(href, loading);
  }
  return loading;
}

/**
 * Starts downloading an ES module without running it (`<link rel="modulepreload">`), once per URL,
 * so a chunk's files arrive while what it needs first (shared modules, stylesheets) is negotiated,
 * as webpack fetches a chunk in parallel with its consumes. Outside a browser, nothing.
 */
export function preloadModule(href: string): void {
  if (typeof document === 'undefined' || modulepreloads.has(href)) return;
  modulepreloads.add(href);
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = href;
  document.head.appendChild(link);
}
