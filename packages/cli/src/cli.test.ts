import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', 'bin', 'tessera.js');
const repo = join(import.meta.dirname, '..', '..', '..');
const tessera = (args: string[], cwd = repo) =>
  promisify(execFile)(process.execPath, [bin, ...args], { cwd }).catch((error: { code: number; stdout: string; stderr: string }) => error);

describe('tessera command', () => {
  it('prints help for itself and for each command', async () => {
    const { stdout } = await tessera(['--help']);
    expect(stdout).toContain('build [...roots]');
    expect(stdout).toContain('serve [dir]');
    expect((await tessera(['build', '--help'])).stdout).toContain('--watch');
    expect((await tessera(['serve', '--help'])).stdout).toContain('--port');
  });

  it('docs/cli.md documents every command and every option that --help lists', async () => {
    const doc = readFileSync(join(repo, 'docs', 'cli.md'), 'utf8');
    const commands = [...(await tessera(['--help'])).stdout.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['build', 'serve', 'types', 'check', 'dev', 'relay']));
    for (const command of commands) {
      const section = doc.split(/^## /m).find((s) => s.startsWith(`\`tessera ${command}`));
      expect(section, `a "## \`tessera ${command}\`" section in docs/cli.md`).toBeDefined();
      const options = [...(await tessera([command, '--help'])).stdout.matchAll(/^ {2}(--[\w-]+)/gm)].map((m) => m[1]!);
      for (const option of options) expect(section, `tessera ${command} ${option} in docs/cli.md`).toContain(`\`${option}`);
    }
  });

  it('builds an app and prints files with gzipped sizes, the runtime size and the time', async () => {
    const { stdout } = await tessera(['build', join('test', 'fixtures', 'beta')]);
    expect(stdout).toMatch(/^beta → test\/fixtures\/beta\/dist\//);
    expect(stdout).toMatch(/remoteEntry\.js\s+[\d.]+ kB\s+│ gzip\s+[\d.]+ kB/);
    expect(stdout).toMatch(/runtime \(@tessera\/runtime, minified\): \d+ bytes gzipped/);
    expect(stdout).toMatch(/built in \d+ ms/);
  });

  it('exits non-zero with the config error when there is no config', async () => {
    const result = (await tessera(['build', 'docs'])) as { code: number; stderr: string };
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TESSERA_CONFIG_NOT_FOUND');
  });
});
