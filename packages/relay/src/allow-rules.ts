/** Topic patterns a connection may publish to and subscribe to (bus wildcards: `cart.*`, `chat.**`, `**`). */
export interface AllowRules {
  publish: string[];
  subscribe: string[];
}

/**
 * Whether every topic `pattern` can match is matched by `allowed`: segment by segment, `**`
 * (last) covers one or more segments, `*` covers one segment other than `**`, a name covers itself.
 */
export function patternCovers(allowed: string, pattern: string): boolean {
  const a = allowed.split('.');
  const p = pattern.split('.');
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '**') return i < p.length;
    if (i >= p.length) return false;
    if (a[i] === '*' ? p[i] === '**' : a[i] !== p[i]) return false;
  }
  return a.length === p.length;
}

/** Whether one of `allowed` covers `pattern` (a topic is a pattern without wildcards). */
export const isAllowed = (allowed: readonly string[], pattern: string): boolean =>
  allowed.some((a) => a === '**' || patternCovers(a, pattern));
