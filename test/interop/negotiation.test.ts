import { beforeAll, describe, expect, it } from 'vitest';
import { buildScenarios, runSetup, scenarios, setups, type App, type Outcome, type Setup } from './negotiation-apps.js';

// Issue #5, part 5: a webpack 5 remote and a Tessera remote provide different versions of one
// package; what every app gets must be what webpack's own runtime decides when all three apps
// are webpack builds. Each scenario runs in four setups (fresh Node processes), compared with
// the all-webpack reference: which copy each app got, what it warned, what the scope holds.
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  await buildScenarios(scenarios);
  const runs = scenarios.flatMap((scenario) => (Object.keys(setups) as Setup[]).map((setup) => ({ scenario, setup })));
  // Four short-lived Node processes at a time.
  for (let i = 0; i < runs.length; i += 4) {
    await Promise.all(
      runs.slice(i, i + 4).map(async ({ scenario, setup }) => outcomes.set(`${scenario.id}|${setup}`, await runSetup(scenario, setup))),
    );
  }
}, 120_000);

describe('version negotiation across webpack and Tessera builds matches webpack', () => {
  for (const scenario of scenarios) {
    describe(scenario.title, () => {
      it('all webpack (reference): what webpack decides', () => {
        const reference = outcomes.get(`${scenario.id}|all webpack (reference)`)!;
        expect(reference.initWarnings).toEqual([]);
        expect(Object.fromEntries(Object.entries(reference.consumers).map(([app, c]) => [app, c.got]))).toEqual(scenario.expected);
        for (const [app, c] of Object.entries(reference.consumers)) expect(c.warnings, app).toEqual(scenario.warns?.[app as App] ?? []);
      });
      for (const setup of Object.keys(setups).slice(1) as Setup[]) {
        it(`${setup}: the same as webpack`, () => {
          expect(outcomes.get(`${scenario.id}|${setup}`)).toEqual(outcomes.get(`${scenario.id}|all webpack (reference)`));
        });
      }
    });
  }
});
