/**
 * Seeded pseudo-random numbers for tests and benchmarks, so every generated scene is reproducible.
 * One copy for the whole repository (packages' tests and tools/bench import it); library code that needs
 * its own generator keeps a private copy (a src/ module must not import test-support).
 */

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a small, fast, seeded PRNG.
 *
 * @param seed - any number; only its low 32 bits are used
 * @returns a function giving the next uniform number in [0, 1) on each call
 */
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
