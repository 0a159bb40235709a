import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type * as TS from 'typescript';
import { FederationError } from '@tessera/runtime/options';
import type { ResolvedConfig } from './config.js';
import { appCompilerOptions, loadTypeScript, TYPES_PREFIX } from './declarations.js';
import { fetchRemoteTypes, HOST_TYPES_DIR, type RemoteTypes } from './remote-types.js';

/** One type error in the host's code. */
export interface BrokenUse {
  /** Relative to the host's root. */
  file: string;
  line: number;
  column: number;
  /** The remote module the failing code uses ('catalog/ProductList'), when it can be told. */
  remoteModule?: string;
  /** The compiler's explanation: what no longer fits. */
  message: string;
}

export interface CheckResult {
  remotes: RemoteTypes[];
  /** Host source files checked. */
  files: number;
  problems: BrokenUse[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Type-checks the host's own code (`src/`, tests aside) against the declarations its remotes
 * publish now (fetched as `tessera types` does), and lists each error with file, line, the
 * remote module the failing code uses, and the compiler's message. For CI before a deploy: a
 * remote that renamed a prop or removed an export shows up here, not in production.
 * Throws TESSERA_CONFIG_INVALID when TypeScript is not installed, and what `fetchRemoteTypes` throws.
 */
export async function checkHost(config: ResolvedConfig, sources: Record<string, string> = {}): Promise<CheckResult> {
  const ts = loadTypeScript(config.root);
  if (!ts) throw new FederationError('TESSERA_CONFIG_INVALID', 'tessera check needs TypeScript', { hint: 'npm install -D typescript' });
  const remotes = await fetchRemoteTypes(config, sources);
  const typesDir = join(config.root, HOST_TYPES_DIR, 'types');
  const files = sourceFiles(join(config.root, 'src'));
  const app = appCompilerOptions(ts, config.root);
  // The app's own path aliases stay ('@/*'); the remotes' declarations are found through one more.
  const options: TS.CompilerOptions = { ...app, noEmit: true, paths: { ...app.paths, [`${TYPES_PREFIX}/*`]: [`${typesDir}/*`] } };
  const program = ts.createProgram([...files, join(typesDir, 'remotes.d.ts')], options);
  const remoteIds = new Set(remotes.flatMap((r) => r.modules));
  const remoteNames = config.remotes.map((r) => r.name);
  const problems: BrokenUse[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file;
    if (!file || file.fileName.startsWith(typesDir)) continue;
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    problems.push({
      file: relative(config.root, file.fileName).split(sep).join('/'),
      line: line + 1,
      column: character + 1,
      remoteModule: remoteModuleAt(ts, file, diagnostic.start ?? 0, remoteIds, remoteNames),
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
    });
  }
  return { remotes, files: files.length, problems };
}

/** The remote module id named nearest around a position: in the enclosing JSX element, call or import. */
function remoteModuleAt(ts: typeof TS, file: TS.SourceFile, position: number, ids: Set<string>, remotes: string[]): string | undefined {
  const looksRemote = (text: string) => ids.has(text) || remotes.some((r) => text.startsWith(`${r}/`));
  let found: string | undefined;
  // Walk from the innermost node outwards, looking at the string literals each encloses.
  let node: TS.Node | undefined = findInnermost(ts, file, position);
  while (node && !found) {
    const literals: string[] = [];
    const collect = (n: TS.Node): void => {
      if (ts.isStringLiteralLike(n)) literals.push(n.text);
      ts.forEachChild(n, collect);
    };
    collect(node);
    found = literals.find(looksRemote);
    node = node.parent;
  }
  if (found) return found;
  // The name may come from an import of a remote module in the file.
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && looksRemote(statement.moduleSpecifier.text)) {
      return statement.moduleSpecifier.text;
    }
  }
  return undefined;
}

function findInnermost(ts: typeof TS, file: TS.SourceFile, position: number): TS.Node {
  let current: TS.Node = file;
  for (;;) {
    const child: TS.Node | undefined = current.getChildren(file).find((c) => c.getStart(file) <= position && position < c.getEnd());
    if (!child) return current;
    current = child;
  }
}
