import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Configuration } from 'webpack';
import { buildApp, resolveConfig, type SharedConfig } from '@tessera/build';
import { importConfig, runWebpack } from './webpack-build.js';

/** The webpack fixture: config generator, probe sources; generated apps go to its dist/ (git-ignored). */
export const fixtureDir = join(import.meta.dirname, '..', 'fixtures', 'webpack-negotiation');
const PACKAGE = 'versioned-lib';

export type App = 'host' | 'a' | 'b';

/** One app's `shared['versioned-lib']`: the same options for webpack and for Tessera. */
export interface Share extends SharedConfig {
  requiredVersion: string | false;
}

export interface Scenario {
  id: string;
  title: string;
  shares: Record<App, Share>;
  /** What each app gets in the all-webpack reference (normalised as `runSetup` does). */
  expected: Record<App, string>;
  /** What each app warns while consuming, in the reference (none when left out). */
  warns?: Partial<Record<App, string[]>>;
}

/**
 * Negotiation scenarios. Apps are named so that webpack's tie-break for equal versions (the
 * greater `from` wins) is visible: 'a' < 'b' < 'host'. The order of consumption is host, a, b.
 */
export const scenarios: Scenario[] = [
  {
    id: 'singleton-tessera-highest',
    title: 'singleton: the highest version wins, here the Tessera remote\'s; the webpack remote\'s lower one is left',
    shares: {
      host: { version: '1.0.0', requiredVersion: '^1.0.0', singleton: true },
      a: { version: '1.1.0', requiredVersion: '^1.0.0', singleton: true },
      b: { version: '1.2.0', requiredVersion: '^1.0.0', singleton: true },
    },
    expected: { host: '1.2.0 (copy of b)', a: '1.2.0 (copy of b)', b: '1.2.0 (copy of b)' },
  },
  {
    id: 'singleton-webpack-highest',
    title: 'singleton: the highest version wins, here the webpack remote\'s; the Tessera remote\'s lower one is left',
    shares: {
      host: { version: '1.0.0', requiredVersion: '^1.0.0', singleton: true },
      a: { version: '1.2.0', requiredVersion: '^1.0.0', singleton: true },
      b: { version: '1.1.0', requiredVersion: '^1.0.0', singleton: true },
    },
    expected: { host: '1.2.0 (copy of a)', a: '1.2.0 (copy of a)', b: '1.2.0 (copy of a)' },
  },
  {
    id: 'singleton-unsatisfied',
    title: 'singleton, requiredVersion unsatisfied, no strictVersion: warns, and everyone shares the highest',
    shares: {
      host: { version: '1.0.0', requiredVersion: '^1.0.0', singleton: true },
      a: { version: '2.0.0', requiredVersion: '^2.0.0', singleton: true },
      b: { version: '1.5.0', requiredVersion: '^1.0.0', singleton: true },
    },
    expected: { host: '2.0.0 (copy of a)', a: '2.0.0 (copy of a)', b: '2.0.0 (copy of a)' },
    warns: {
      host: ['unsatisfied singleton: 2.0.0 from a (required ^1.0.0)'],
      b: ['unsatisfied singleton: 2.0.0 from a (required ^1.0.0)'],
    },
  },
  {
    id: 'singleton-unsatisfied-strict',
    title: 'singleton, requiredVersion unsatisfied, strictVersion: that consumer fails',
    shares: {
      host: { version: '1.0.0', requiredVersion: '^1.0.0', singleton: true },
      a: { version: '2.0.0', requiredVersion: '^2.0.0', singleton: true },
      b: { version: '1.5.0', requiredVersion: '^1.0.0', singleton: true, strictVersion: true },
    },
    expected: { host: '2.0.0 (copy of a)', a: '2.0.0 (copy of a)', b: 'error: unsatisfied singleton: 2.0.0 from a (required ^1.0.0)' },
    warns: { host: ['unsatisfied singleton: 2.0.0 from a (required ^1.0.0)'] },
  },
  {
    id: 'unsatisfied',
    title: 'not singleton, requiredVersion unsatisfied, no strictVersion: warns and takes the highest version',
    shares: {
      host: { version: '1.0.0', requiredVersion: '~1.0.0' },
      a: { version: '2.0.0', requiredVersion: '^2.0.0' },
      b: { version: '1.4.0', requiredVersion: '^3.0.0', strictVersion: false },
    },
    expected: { host: '1.0.0 (copy of host)', a: '2.0.0 (copy of a)', b: '2.0.0 (copy of a)' },
    warns: { b: ['no satisfying version (^3.0.0); available: 1.0.0 from host, 1.4.0 from b, 2.0.0 from a'] },
  },
  {
    id: 'unsatisfied-strict-fallback',
    title: 'not singleton, requiredVersion unsatisfied, strictVersion: falls back to its own copy',
    shares: {
      host: { version: '1.0.0', requiredVersion: '~1.0.0' },
      a: { version: '2.0.0', requiredVersion: '^2.0.0' },
      b: { version: '1.4.0', requiredVersion: '^3.0.0', strictVersion: true },
    },
    expected: { host: '1.0.0 (copy of host)', a: '2.0.0 (copy of a)', b: '1.4.0 (copy of b)' },
  },
  {
    id: 'unsatisfied-strict-consume-only',
    title: 'not singleton, consume only (import: false), requiredVersion unsatisfied, strictVersion: that consumer fails',
    shares: {
      host: { version: '1.0.0', requiredVersion: '^1.0.0' },
      a: { version: '2.0.0', requiredVersion: '^2.0.0' },
      b: { import: false, requiredVersion: '^3.0.0', strictVersion: true },
    },
    expected: { host: '1.0.0 (copy of host)', a: '2.0.0 (copy of a)', b: 'error: no satisfying version (^3.0.0); available: 1.0.0 from host, 2.0.0 from a' },
  },
  {
    id: 'equal-versions',
    title: 'equal versions from two containers: the greater container name wins',
    shares: {
      host: { import: false, requiredVersion: '^1.0.0' },
      a: { version: '1.0.0', requiredVersion: '^1.0.0' },
      b: { version: '1.0.0', requiredVersion: '^1.0.0' },
    },
    expected: { host: '1.0.0 (copy of b)', a: '1.0.0 (copy of b)', b: '1.0.0 (copy of b)' },
  },
  {
    id: 'equal-versions-three',
    title: 'equal versions from three containers: the host\'s name is the greatest, so its copy wins over the Tessera remote\'s',
    shares: {
      host: { version: '1.0.0', requiredVersion: '^1.0.0' },
      a: { version: '1.0.0', requiredVersion: '^1.0.0' },
      b: { version: '1.0.0', requiredVersion: '^1.0.0' },
    },
    expected: { host: '1.0.0 (copy of host)', a: '1.0.0 (copy of host)', b: '1.0.0 (copy of host)' },
  },
  {
    id: 'equal-versions-eager',
    title: 'equal versions, one eager: the eager one wins over the greater name',
    shares: {
      host: { import: false, requiredVersion: '^1.0.0' },
      a: { version: '1.0.0', requiredVersion: '^1.0.0', eager: true },
      b: { version: '1.0.0', requiredVersion: '^1.0.0' },
    },
    expected: { host: '1.0.0 (copy of a)', a: '1.0.0 (copy of a)', b: '1.0.0 (copy of a)' },
  },
  {
    id: 'eager-consumer',
    title: 'eager vs lazy: an eager consumer chooses among eager versions only',
    shares: {
      host: { import: false, requiredVersion: '^1.0.0' },
      a: { version: '1.1.0', requiredVersion: '^1.0.0' },
      b: { version: '1.0.0', requiredVersion: '^1.0.0', eager: true },
    },
    expected: { host: '1.1.0 (copy of a)', a: '1.1.0 (copy of a)', b: '1.0.0 (copy of b)' },
  },
];

type Builder = 'webpack' | 'tessera';

/** Which builds play host, a and b. `a` is always webpack's and `b` Tessera's in the mixed setups. */
export const setups = {
  'all webpack (reference)': { host: 'webpack/host', a: 'webpack/a', b: 'webpack/b' },
  'Tessera host, webpack remote a, Tessera remote b': { host: 'tessera/host-mixed', a: 'webpack/a', b: 'tessera/b' },
  'webpack host, webpack remote a, Tessera remote b': { host: 'webpack/host-mixed', a: 'webpack/a', b: 'tessera/b' },
  'all Tessera': { host: 'tessera/host', a: 'tessera/a', b: 'tessera/b' },
} as const satisfies Record<string, Record<App, `${Builder}/${string}`>>;
export type Setup = keyof typeof setups;

interface Build {
  builder: Builder;
  /** Folder name under the scenario: 'a', 'b', 'host', 'host-mixed'. */
  dir: string;
  app: App;
  remotes?: { a: string; b: string };
}

const scenarioDir = (scenario: Scenario) => join(fixtureDir, 'dist', scenario.id);
const entryOf = (scenario: Scenario, build: string) => join(scenarioDir(scenario), build, 'out', 'remoteEntry.js');
const entryUrl = (scenario: Scenario, build: string) => pathToFileURL(entryOf(scenario, build)).href;

function buildsOf(scenario: Scenario): Build[] {
  const remotes = (a: string, b: string) => ({ a: entryUrl(scenario, a), b: entryUrl(scenario, b) });
  return [
    { builder: 'webpack', dir: 'a', app: 'a' },
    { builder: 'webpack', dir: 'b', app: 'b' },
    { builder: 'webpack', dir: 'host', app: 'host', remotes: remotes('webpack/a', 'webpack/b') },
    { builder: 'webpack', dir: 'host-mixed', app: 'host', remotes: remotes('webpack/a', 'tessera/b') },
    { builder: 'tessera', dir: 'a', app: 'a' },
    { builder: 'tessera', dir: 'b', app: 'b' },
    { builder: 'tessera', dir: 'host', app: 'host', remotes: remotes('tessera/a', 'tessera/b') },
    { builder: 'tessera', dir: 'host-mixed', app: 'host', remotes: remotes('webpack/a', 'tessera/b') },
  ];
}

/**
 * Writes one app's folder: its probe source and its own copy of `versioned-lib` (a CommonJS
 * package whose exports say its version and whose copy it is), unless it only consumes.
 */
function writeApp(dir: string, app: App, share: Share, probe: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(fixtureDir, 'src', probe), join(dir, 'probe.js'));
  if (share.import === false) return;
  const pkg = join(dir, 'node_modules', PACKAGE);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: PACKAGE, version: share.version, main: 'index.js' }));
  writeFileSync(join(pkg, 'index.js'), `module.exports = ${JSON.stringify({ version: share.version, copy: app })};\n`);
}

/** webpack `shared` item options of a Share: the same keys, undefined ones left out. */
function webpackShare(share: Share): Record<string, unknown> {
  return Object.fromEntries(Object.entries(share).filter(([, value]) => value !== undefined));
}

/**
 * Generates every app of every scenario under test/fixtures/webpack-negotiation/dist, builds the
 * webpack ones in one webpack run and the Tessera ones with `buildApp`.
 */
export async function buildScenarios(list: Scenario[]): Promise<void> {
  type ContainerConfig = (options: { name: string; dir: string; shared: Record<string, unknown>; remotes?: Record<string, string> }) => Configuration;
  const { containerConfig } = await importConfig<{ containerConfig: ContainerConfig }>(join(fixtureDir, 'webpack.config.js'));
  const webpackConfigs: Configuration[] = [];
  const tesseraBuilds: Promise<unknown>[] = [];
  for (const scenario of list) {
    for (const build of buildsOf(scenario)) {
      const dir = join(scenarioDir(scenario), build.builder, build.dir);
      const share = scenario.shares[build.app];
      const webpackHost = build.builder === 'webpack' && build.remotes;
      writeApp(dir, build.app, share, webpackHost ? 'host-probe.js' : 'probe.js');
      if (build.builder === 'webpack') {
        webpackConfigs.push(containerConfig({ name: build.app, dir, shared: webpackShare(share), remotes: build.remotes }));
      } else {
        const config = resolveConfig(
          {
            name: build.app,
            exposes: { './probe': './probe.js' },
            ...(build.remotes ? { remotes: build.remotes } : {}),
            shared: { [PACKAGE]: share },
            outDir: 'out',
            minify: false,
          },
          dir,
        );
        tesseraBuilds.push(buildApp(config));
      }
    }
  }
  await Promise.all([runWebpack(webpackConfigs), ...tesseraBuilds]);
}

export interface Consumption {
  /** '1.2.0 (copy of b)' or 'error: …' (normalised). */
  got: string;
  /** Normalised warnings logged while this app consumed. */
  warnings: string[];
}

export interface Outcome {
  /** Warnings while the host initialised the share scope (a remote that failed to load, say). */
  initWarnings: string[];
  consumers: Record<App, Consumption>;
  /** The share scope's `versioned-lib` versions in the end: '1.2.0 from b, loaded'. */
  registered: string[];
}

/**
 * Runs the scenario's apps of one setup in a fresh Node process (negotiation-driver.js) and
 * returns what each app got, with webpack's and Tessera's messages reduced to what they say.
 */
export async function runSetup(scenario: Scenario, setup: Setup): Promise<Outcome> {
  const builds = setups[setup];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(import.meta.dirname, 'negotiation-driver.js'), entryUrl(scenario, builds.host), entryUrl(scenario, builds.a), entryUrl(scenario, builds.b)],
    { cwd: import.meta.dirname },
  );
  const raw = JSON.parse(stdout) as { initWarnings: string[]; consumers: Record<App, Consumption>; registered: string[] };
  const consumers = {} as Record<App, Consumption>;
  for (const app of ['host', 'a', 'b'] as const) {
    const c = raw.consumers[app];
    consumers[app] = { got: c.got.startsWith('error: ') ? `error: ${normalise(c.got.slice(7))}` : c.got, warnings: c.warnings.map(normalise) };
  }
  return { initWarnings: raw.initWarnings, consumers, registered: raw.registered.sort() };
}

/**
 * What a negotiation message says, without its wording: webpack's and Tessera's messages carry
 * the same facts (version, provider, range, available versions) in slightly different sentences.
 */
export function normalise(message: string): string {
  const singleton = /Unsatisfied version (\S+) from (\S+) of shared singleton module \S+ \(required ([^)]+)\)/.exec(message);
  if (singleton) return `unsatisfied singleton: ${singleton[1]} from ${singleton[2]} (required ${singleton[3]})`;
  const none = /No satisfying version \(([^)]+)\)( for eager consumption)? of shared module \S+ found in/.exec(message);
  if (none) {
    const listed = message.slice(message.indexOf('Available versions:'));
    const available = [...listed.matchAll(/(\S+) from ([^\s,()]+)/g)].map((m) => `${m[1]} from ${m[2]}`).sort().join(', ');
    return `no satisfying version (${none[1]})${none[2] ?? ''}; available: ${available}`;
  }
  const missing = /Shared module (\S+) doesn't exist in shared? scope/.exec(message);
  if (missing) return `not in share scope: ${missing[1]}`;
  return message;
}
