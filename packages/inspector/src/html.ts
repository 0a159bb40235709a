/** Escapes text for HTML and SVG markup. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The last path segment of a URL, without its query: 'http://h/a/catalog-X1.js?x' → 'catalog-X1.js'. */
export function fileOf(url: string | undefined): string {
  if (!url) return '';
  const path = url.split(/[?#]/)[0]!;
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

/** Milliseconds for people: '12 ms', '1.24 s'. */
export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}
