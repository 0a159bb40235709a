import { join, normalize, relative, sep } from 'node:path';
import { TYPES_PREFIX } from './declarations.js';
import { HOST_TYPES_DIR } from './remote-types.js';
import { appTsconfig, loadTypeScript } from './typescript-options.js';

/**
 * What the app's `tsconfig.json` still lacks for the TypeScript compiler and editors to see the
 * declarations `tessera types` wrote into `.tessera/types`, as one sentence to print; undefined
 * when nothing. TypeScript replaces an extended config's `paths` and `include` with the app's own
 * instead of merging them, so an app that extends `.tessera/tsconfig.json` and has aliases ('@/*')
 * or an `include` of its own loses them: the advice names the entry to add, relative to the
 * folder the app's `paths` are resolved from (`baseUrl`, else its tsconfig's folder). Without
 * TypeScript installed or a tsconfig.json, the general advice.
 */
export function typesSetupAdvice(root: string): string | undefined {
  const general = `add "extends": "./${HOST_TYPES_DIR}/tsconfig.json" (or its paths and include) to your tsconfig`;
  const ts = loadTypeScript(root);
  const parsed = ts && appTsconfig(ts, root);
  if (!parsed) return general;
  const typesDir = join(root, HOST_TYPES_DIR, 'types');
  const key = `${TYPES_PREFIX}/*`;
  const paths = parsed.options.paths;
  if (!paths?.[key]) {
    if (!paths) return general;
    const base = parsed.options.baseUrl ?? (parsed.options as { pathsBasePath?: string }).pathsBasePath ?? root;
    const target = `${relative(base, typesDir).split(sep).join('/')}/*`;
    return `your tsconfig's "paths" replace those of ${HOST_TYPES_DIR}/tsconfig.json (TypeScript does not merge them): add "${key}": ["${target.startsWith('../') ? target : `./${target}`}"] to them`;
  }
  const remotes = join(typesDir, 'remotes.d.ts');
  if (!parsed.fileNames.some((file) => normalize(file) === remotes)) {
    return `your tsconfig's "include" replaces that of ${HOST_TYPES_DIR}/tsconfig.json (TypeScript does not merge them): add "./${HOST_TYPES_DIR}/types/**/*.d.ts" to it`;
  }
  return undefined;
}
