// A Node host for negotiation.test.ts: loads two built remotes over HTTP and prints what each got.
// Run as: node --import @tessera/runtime/node/register negotiation-host.js <alphaUrl> <betaUrl>
import { getFederationInfo, init, loadRemote, loadShare } from '@tessera/runtime';

const [alphaUrl, betaUrl] = process.argv.slice(2);
init({
  name: 'host',
  remotes: {
    alpha: new URL('remoteEntry.js', alphaUrl).href,
    beta: new URL('mf-manifest.json', betaUrl).href,
  },
  shared: { ms: { import: false, requiredVersion: '^2.0.0' } },
});

const alpha = await loadRemote('alpha/duration');
const beta = await loadRemote('beta/duration');
const hostMs = (await loadShare('ms'))();
const info = getFederationInfo();
console.log(
  JSON.stringify({
    // ms added weeks ("1w") in 2.1.0: the answer tells which copy ran.
    alphaWeek: alpha.parse('1w') ?? null,
    betaWeek: beta.parse('1w') ?? null,
    hostWeek: hostMs('1w') ?? null,
    hostUsesBetaCopy: hostMs === beta.ms,
    alphaUsesOwnCopy: alpha.ms !== beta.ms,
    ms: info.shared.find((s) => s.key === 'ms'),
    remotes: info.remotes,
  }),
);
