// Module Federation 2.0 with type generation: bench/rspack/config.js's shop build with
// `@module-federation/enhanced/rspack`'s ModuleFederationPlugin in place of Rspack's built-in one,
// `dts` on for the remotes. Its type generation needs a tsconfig with a rootDir per app
// (bench/mf2/tsconfig.<app>.json; the examples have none). Used through bench/shop-builds.js.
import { join } from 'node:path';
import { appConfig, exposes } from './config.js';

const shared = { react: { singleton: true }, 'react-dom': { singleton: true } };

export async function mf2Configs(outDir) {
  const { ModuleFederationPlugin } = await import('@module-federation/enhanced/rspack');
  return ['catalog', 'cart', 'shell'].map((app) => {
    const config = appConfig(app, outDir);
    const host = app === 'shell';
    const index = config.plugins.findIndex((p) => p?.constructor?.name === 'ModuleFederationPlugin');
    config.plugins[index] = new ModuleFederationPlugin({
      name: app,
      ...(host ? {} : { filename: 'remoteEntry.js', library: { type: 'var', name: app }, exposes: exposes[app] }),
      shared,
      dts: host ? false : { generateTypes: { tsConfigPath: join(import.meta.dirname, '..', 'mf2', `tsconfig.${app}.json`) }, consumeTypes: false },
    });
    return config;
  });
}
