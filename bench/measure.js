// Small timing helpers: every figure is the median of several runs, reported as a ratio to an
// anchor measured in the same run (absolute timings on a shared 2-core machine are noisy).

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Operations per second of `run(n)` (which performs n operations), median of `rounds` runs after a warm-up. */
export function opsPerSecond(run, { n, rounds }) {
  run(Math.min(n, 10_000));
  const results = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    run(n);
    results.push(n / ((performance.now() - started) / 1000));
  }
  return median(results);
}

/** Like opsPerSecond for an async `run(n)`. */
export async function opsPerSecondAsync(run, { n, rounds }) {
  await run(Math.min(n, 1_000));
  const results = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run(n);
    results.push(n / ((performance.now() - started) / 1000));
  }
  return median(results);
}

/** Median wall time in ms of `rounds` calls of async `run()`. */
export async function medianMs(run, rounds) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return median(times);
}
