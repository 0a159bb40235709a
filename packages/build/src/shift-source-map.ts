import { decode, encode } from '@jridgewell/sourcemap-codec';

/**
 * A source map (`map`, JSON, version 3) of `code` after edits that added `shifts` columns and no
 * line: each shift is [offset in `code`, columns added at that offset and after it, on its line].
 * A mapping at a generated column moves by every shift at or before it on its line; the sources,
 * names and original positions stay. Mappings in the "mappings" field only (not index maps with
 * `sections`, which esbuild does not write).
 */
export function shiftSourceMap(map: string, code: string, shifts: [number, number][]): string {
  const parsed = JSON.parse(map) as { mappings: string };
  const lines = decode(parsed.mappings);
  const byLine = new Map<number, [number, number][]>();
  let line = 0;
  let lineStart = 0;
  for (const [offset, added] of [...shifts].sort((a, b) => a[0] - b[0])) {
    for (let nl = code.indexOf('\n', lineStart); nl !== -1 && nl < offset; nl = code.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    const own = byLine.get(line) ?? [];
    own.push([offset - lineStart, added]);
    byLine.set(line, own);
  }
  for (const [index, columnShifts] of byLine) {
    for (const segment of lines[index] ?? []) {
      let added = 0;
      for (const [column, by] of columnShifts) if (segment[0] >= column) added += by;
      segment[0] += added;
    }
  }
  parsed.mappings = encode(lines);
  return JSON.stringify(parsed);
}
