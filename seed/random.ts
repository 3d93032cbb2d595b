/** A small deterministic PRNG (mulberry32): the same seed gives the same demo city on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * A generator of its own, seeded by values another one drew: a choice may then draw as often as it needs while
   * the other stream advances by exactly `draws.length`, as it did before the choice needed more.
   */
  static seededBy(draws: readonly number[]): Random {
    let seed = 0x9e3779b9;
    for (const d of draws) seed = Math.imul(seed ^ Math.floor(d * 4294967296), 0x85ebca6b) ^ (seed >>> 13);
    return new Random(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** One item, with probability proportional to its weight (weights > 0); one draw, whatever the list's length. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let x = this.next() * items.reduce((sum, item) => sum + weight(item), 0);
    for (const item of items) {
      x -= weight(item);
      if (x < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('pick from an empty list');
    return last;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** Log-uniform in [lo, hi): heavy-tailed within a band. */
  logUniform(lo: number, hi: number): number {
    return Math.exp(Math.log(lo) + this.next() * (Math.log(hi) - Math.log(lo)));
  }

  /**
   * Splits `total` into `parts` positive multiples of `unit` that add up to `total` exactly, with random sizes;
   * used where the letter gives an exact sum (project funding, rewards).
   */
  split(total: number, parts: number, unit: number): number[] {
    const units = Math.round(total / unit);
    if (units * unit !== total || units < parts) throw new Error(`cannot split ${total} into ${parts} × ${unit}`);
    const weights = Array.from({ length: parts }, () => 0.2 + this.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    const counts = weights.map((w) => Math.max(1, Math.floor((w / sum) * units)));
    let rest = units - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; rest !== 0; i = (i + 1) % parts) {
      const c = counts[i] as number;
      if (rest > 0) {
        counts[i] = c + 1;
        rest--;
      } else if (c > 1) {
        counts[i] = c - 1;
        rest++;
      }
    }
    return counts.map((c) => c * unit);
  }
}
