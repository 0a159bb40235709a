import { FederationError } from '@tessera/runtime/options';
import type { ResolvedConfig } from './config.js';

/** An esbuild failure as TESSERA_BUILD_FAILED, listing each error with its file and line. */
export function esbuildFailure(error: unknown, config: ResolvedConfig): FederationError {
  const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
  const lines = errors?.length
    ? errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : ''}${e.text}`)
    : [String((error as Error)?.message ?? error)];
  return new FederationError('TESSERA_BUILD_FAILED', `Building "${config.name}" failed:\n  ${lines.join('\n  ')}\n `, {
    remote: config.name, cause: error, hint: 'Fix the errors above and build again',
  });
}
