/**
 * Replaces every `<link rel="stylesheet">` of `from` by one of `to` (absolute URLs); the old one
 * goes once the new one loaded, so the page never shows unstyled. Resolves when done.
 */
export function swapStylesheet(from: string, to: string): Promise<void> {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((link) => link.href === from);
  return Promise.all(
    links.map(
      (old) =>
        new Promise<void>((resolve) => {
          const link = old.cloneNode() as HTMLLinkElement;
          link.href = to;
          link.onload = link.onerror = () => {
            old.remove();
            resolve();
          };
          old.after(link);
        }),
    ),
  ).then(() => undefined);
}
