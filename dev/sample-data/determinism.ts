// Everything that would otherwise come from a clock or Math.random comes from here, derived
// from the seed and a stable path, so the same seed always yields byte-identical files.
import { createHash } from 'node:crypto';

/** UID rooted at 2.25 (UUID-derived arc): 128 bits of sha256(seed + path), in decimal. */
export function uidFor(seed: string, path: string): string {
  const digest = createHash('sha256').update(`${seed}\u0000${path}`).digest();
  const n = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
  return `2.25.${n.toString(10)}`;
}

export function seed32(seed: string, path: string): number {
  return createHash('sha256').update(`${seed}\u0000${path}`).digest().readUInt32LE(0);
}

/** mulberry32: tiny, fast, and good enough for image noise. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer noise in [-amplitude, +amplitude]. */
export function noiseSource(seed: number, amplitude: number): () => number {
  const next = prng(seed);
  const span = 2 * amplitude + 1;
  return () => Math.floor(next() * span) - amplitude;
}
