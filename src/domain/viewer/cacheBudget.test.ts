import { describe, expect, it } from 'vitest';
import { framesThatFit, imageCacheBytes } from './cacheBudget';

const MB = 1024 * 1024;

describe('image cache budget', () => {
  it('keeps a phone well below its memory and a workstation below a ceiling', () => {
    expect(imageCacheBytes({ deviceMemoryGb: 2 })).toBe(512 * MB);
    expect(imageCacheBytes({ deviceMemoryGb: 0.5 })).toBe(128 * MB);
    expect(imageCacheBytes({ deviceMemoryGb: 8 })).toBe(1536 * MB);
    expect(imageCacheBytes({})).toBe(1024 * MB);
  });
  it('honours an explicit configuration', () => {
    expect(imageCacheBytes({ deviceMemoryGb: 8, configuredMb: 64 })).toBe(64 * MB);
  });
  it('counts how many frames fit, at least the one shown', () => {
    expect(framesThatFit(100 * MB, 512 * 1024)).toBe(180);
    expect(framesThatFit(1, MB)).toBe(1);
  });
});
