// A small seeded PRNG so that bootstrap intervals and property tests give the same numbers on every run
// (a confidence interval that changes on reload would look like a bug). Not for anything secret.

/** mulberry32: 32-bit state, period 2^32, uniform floats in [0, 1). Same seed → same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller from a uniform source (used by tests to make lognormal latencies). */
export function normalSampler(uniform: () => number): () => number {
  return () => {
    const u1 = 1 - uniform(); // (0, 1]: log(0) is impossible
    const u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
}
