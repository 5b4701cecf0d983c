// A small seeded random source (mulberry32) with the few draws the demo simulation needs, so the
// same seed always plays out the same campaign.
import { mulberry32 } from '../core/mulberry32.js';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** A Poisson-distributed count with the given mean. */
  poisson(mean: number): number;
  /** exp(N(mu, sigma)): a heavy right tail, like engagement. */
  logNormal(mu: number, sigma: number): number;
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick(items) {
      if (items.length === 0) throw new Error('seededRandom.pick: no items to pick from');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted(items, weight) {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let left = next() * total;
      for (const item of items) {
        left -= weight(item);
        if (left < 0) return item;
      }
      return random.pick(items);
    },
    poisson(mean) {
      // Knuth's method is fine for the small means used here (a few posts per minute or hour).
      if (mean <= 0) return 0;
      const limit = Math.exp(-mean);
      let count = 0;
      let product = next();
      while (product > limit) {
        count += 1;
        product *= next();
      }
      return count;
    },
    logNormal(mu, sigma) {
      // Box–Muller; 1 - next() keeps the logarithm's argument above 0.
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return Math.exp(mu + sigma * normal);
    },
  };
  return random;
}
