/**
 * Adds `<link rel="stylesheet" href>` once per URL and resolves when it has loaded. A stylesheet
 * that fails to load resolves too (with a warning): missing styles must not stop a component.
 * Outside a browser there is nothing to do.
 */
export function loadStylesheet(href: string): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  const existing = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].find((l) => l.href === href);
  if (existing) return Promise.resolve();
  return new Promise((resolve) => {
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
}
