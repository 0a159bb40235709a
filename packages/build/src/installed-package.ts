import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** 'react/jsx-runtime' → 'react'; '@scope/pkg/sub' → '@scope/pkg'. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function readPackageJson(dir: string): PackageJson | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PackageJson) : undefined;
}

/** The package Node would resolve from `fromDir` (node_modules lookup upwards), with its version. */
export function findInstalledPackage(name: string, fromDir: string): { dir: string; version: string } | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    const pkg = readPackageJson(candidate);
    if (pkg) return { dir: candidate, version: pkg.version ?? '0.0.0' };
    if (dirname(dir) === dir) return undefined;
  }
}
