import type { Sample } from "../../../vnfs/fault-detector/detection/flags.js";

/** Deterministic pseudo-random numbers (mulberry32) so every run sees the same series. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface SeriesOptions {
  count: number;
  stepMs: number;
  amplitude: number;
  periodSamples: number;
  noise: number;
  seed: number;
  start?: number;
}

/** A daily-cycle-like signal: sinusoid plus Gaussian sensor noise, evenly spaced. */
export function sinusoid(options: SeriesOptions): Sample[] {
  const random = seededRandom(options.seed);
  const start = options.start ?? Date.UTC(2026, 10, 1);
  return Array.from({ length: options.count }, (_, index) => ({
    t: start + index * options.stepMs,
    v:
      20 +
      options.amplitude * Math.sin((2 * Math.PI * index) / options.periodSamples) +
      options.noise * gaussian(random),
  }));
}

/** Picks `count` indices at least `gap` apart within [from, to). */
export function spacedIndices(count: number, from: number, to: number, gap: number, seed: number): number[] {
  const random = seededRandom(seed);
  const chosen: number[] = [];
  while (chosen.length < count) {
    const index = from + Math.floor(random() * (to - from));
    if (chosen.every((other) => Math.abs(other - index) >= gap)) chosen.push(index);
  }
  return chosen.sort((a, b) => a - b);
}

export function precisionRecall(
  predicted: Set<number>,
  truth: Set<number>,
): { precision: number; recall: number } {
  let hits = 0;
  for (const index of predicted) if (truth.has(index)) hits++;
  return {
    precision: predicted.size === 0 ? 1 : hits / predicted.size,
    recall: truth.size === 0 ? 1 : hits / truth.size,
  };
}
