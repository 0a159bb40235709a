// Plays the page for negotiation.test.ts, in Node: initialises the host container with a fresh
// share scope (which makes the host initialise its remotes `a` and `b`, each registering its
// versions), then asks each container for its `./probe` in the order host, a, b, and prints
// which copy of `versioned-lib` each one got, the warnings each consumption logged, and what the
// share scope holds in the end.
// Run as: node negotiation-driver.js <host remoteEntry URL> <a remoteEntry URL> <b remoteEntry URL>
const [hostUrl, aUrl, bUrl] = process.argv.slice(2);
const warnings = [];
console.warn = (...args) => warnings.push(args.map(String).join(' '));

const scope = {};
const host = await import(hostUrl);
await host.init(scope, []);
const initWarnings = warnings.splice(0);

const consumers = {};
for (const [app, url] of [['host', hostUrl], ['a', aUrl], ['b', bUrl]]) {
  const container = await import(url);
  let got;
  try {
    const lib = (await container.get('./probe'))().default;
    got = `${lib.version} (copy of ${lib.copy})`;
  } catch (error) {
    got = `error: ${error.message}`;
  }
  consumers[app] = { got, warnings: warnings.splice(0) };
}
const registered = Object.entries(scope['versioned-lib'] ?? {}).map(
  ([version, entry]) => `${version} from ${entry.from}${entry.eager ? ', eager' : ''}${entry.loaded ? ', loaded' : ''}`,
);
process.stdout.write(JSON.stringify({ initWarnings, consumers, registered }));
