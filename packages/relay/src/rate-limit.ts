/**
 * A token bucket (the classic traffic-shaping algorithm): `perSecond` tokens a second, at most
 * `burst` saved. `take()` spends one and says whether there was one.
 */
export function createTokenBucket(perSecond: number, burst: number, now = () => performance.now()) {
  let tokens = burst;
  let at = now();
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - at) * perSecond) / 1000);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
