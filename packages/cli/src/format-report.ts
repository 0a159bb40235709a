import { relative } from 'node:path';
import type { BuildReport } from '@tessera/build';

/** The build report: each file with its size and gzipped size, the total, the runtime's share, the time in ms. */
export function formatReport(report: BuildReport, runtime: { gzipBytes: number; whole?: { gzipBytes: number } } | undefined, cwd = process.cwd()): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;
  const width = Math.max(...report.files.map((f) => f.file.length), 4);
  const lines = report.files.map((f) => `  ${f.file.padEnd(width)}  ${kb(f.bytes).padStart(10)}  │ gzip ${kb(f.gzipBytes).padStart(9)}`);
  const total = report.files.reduce((sum, f) => ({ bytes: sum.bytes + f.bytes, gzip: sum.gzip + f.gzipBytes }), { bytes: 0, gzip: 0 });
  return [
    `${report.name} → ${relative(cwd, report.outDir) || '.'}/`,
    ...lines,
    `  ${'total'.padEnd(width)}  ${kb(total.bytes).padStart(10)}  │ gzip ${kb(total.gzip).padStart(9)}`,
    ...(runtime ? [`  runtime (@tessera/runtime, minified): ${runtime.gzipBytes} bytes gzipped up front${runtime.whole ? `, ${runtime.whole.gzipBytes} with its lazy parts` : ''}`] : []),
    `  built in ${report.durationMs} ms`,
  ].join('\n');
}
