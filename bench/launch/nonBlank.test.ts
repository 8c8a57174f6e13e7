import { describe, expect, it } from 'vitest';
import { changedShare, regionStats, type Rgba } from './nonBlank';

const W = 200;
const H = 160;

function image(paint: (x: number, y: number) => number | [number, number, number]): Rgba {
  const data = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = paint(x, y);
      const [r, g, b] = typeof v === 'number' ? [v, v, v] : v;
      const at = (y * W + x) * 4;
      data[at] = r;
      data[at + 1] = g;
      data[at + 2] = b;
      data[at + 3] = 255;
    }
  }
  return { width: W, height: H, data };
}

const whole = { x: 0, y: 0, width: W, height: H };

/** A CT-like slice: a body ellipse of soft tissue with graded structures, on black. */
const slice = (x: number, y: number): number => {
  const dx = (x - W / 2) / (W * 0.35);
  const dy = (y - H / 2) / (H * 0.4);
  const r = dx * dx + dy * dy;
  if (r > 1) return 0;
  return Math.round(60 + 150 * (1 - r) + 30 * Math.sin(x / 5) * Math.cos(y / 7));
};

describe('a screenshot region is non-blank', () => {
  it('when it shows a CT-like slice on black', () => {
    const stats = regionStats(image(slice), whole);
    expect(stats.nonBlank).toBe(true);
    expect(stats.background).toBeLessThan(8);
    expect(stats.apartFraction).toBeGreaterThan(0.2);
  });

  it('when the slice is on a grey background (the background is the dominant value, not black)', () => {
    const stats = regionStats(
      image((x, y) => {
        const v = slice(x, y);
        return v === 0 ? 90 : v;
      }),
      whole,
    );
    expect(stats.background).toBeGreaterThan(80);
    expect(stats.nonBlank).toBe(true);
  });

  it('only inside the region asked for: the same slice beside the region does not count', () => {
    const img = image((x, y) => (x < W / 2 ? 0 : slice((x - W / 2) * 2, y)));
    expect(regionStats(img, { x: 0, y: 0, width: W / 2, height: H }).nonBlank).toBe(false);
    expect(regionStats(img, { x: W / 2, y: 0, width: W / 2, height: H }).nonBlank).toBe(true);
  });
});

describe('a screenshot region stays blank', () => {
  it('when uniformly black, grey or coloured', () => {
    for (const v of [0, 128, 255, [20, 30, 60] as [number, number, number]]) {
      expect(
        regionStats(
          image(() => v),
          whole,
        ).nonBlank,
      ).toBe(false);
    }
  });

  it('when noise stays within the tolerance (a dithered or compressed flat box)', () => {
    const stats = regionStats(
      image((x, y) => 40 + ((x * 7 + y * 13) % 9)),
      whole,
    );
    expect(stats.apartFraction).toBe(0);
    expect(stats.nonBlank).toBe(false);
  });

  it('with a spinner and a line of anti-aliased text on it', () => {
    const stats = regionStats(
      image((x, y) => {
        const spinner = Math.hypot(x - W / 2, y - H / 2);
        if (spinner > 8 && spinner < 11) return 200;
        // A caption: 4 px high, grey ramps, across a third of the width.
        if (y >= 130 && y < 134 && x > 60 && x < 130) return 60 + ((x * 37) % 190);
        return 0;
      }),
      whole,
    );
    expect(stats.apartFraction).toBeLessThan(0.03);
    expect(stats.nonBlank).toBe(false);
  });

  it('with a tooltip of text over it (OHIF’s first-use tour: a box of ~5 % of the viewport)', () => {
    const stats = regionStats(
      image((x, y) => {
        if (x >= 120 && x < 160 && y >= 10 && y < 50) {
          // Text lines on a blue box: anti-aliased glyphs in many grey levels.
          return y % 6 < 2 ? [((x * 53) % 200) + 55, ((x * 53) % 200) + 55, 255] : [20, 60, 140];
        }
        return 0;
      }),
      whole,
    );
    expect(stats.apartFraction).toBeGreaterThan(0.04);
    expect(stats.levels).toBeGreaterThanOrEqual(6);
    expect(stats.nonBlank).toBe(false);
  });

  it('with a second flat box in it (a placeholder), however large', () => {
    const stats = regionStats(
      image((x, y) => (x > 20 && x < 180 && y > 20 && y < 140 ? 70 : 10)),
      whole,
    );
    // Much of the region is apart from the dominant value, but in one grey level only.
    expect(stats.apartFraction).toBeGreaterThan(0.2);
    expect(stats.levels).toBe(1);
    expect(stats.nonBlank).toBe(false);
  });

  it('when the region lies outside the image or is empty', () => {
    const img = image(slice);
    expect(regionStats(img, { x: W + 10, y: 0, width: 50, height: 50 }).nonBlank).toBe(false);
    expect(regionStats(img, { x: 10, y: 10, width: 0, height: 40 }).pixels).toBe(0);
  });
});

describe('how much of a region a frame changed', () => {
  it('nothing between two identical screenshots', () => {
    expect(changedShare(image(slice), image(slice), whole)).toBe(0);
  });

  it('the pixels that moved by more than the tolerance, and only inside the region', () => {
    // A caption box in the top left quarter: 50 × 40 of the 200 × 160 pixels.
    const captioned = image((x, y) => (x < 50 && y < 40 ? 255 : slice(x, y)));
    const share = changedShare(image(slice), captioned, whole);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual((50 * 40) / (W * H));
    expect(changedShare(image(slice), captioned, { x: 100, y: 80, width: 100, height: 80 })).toBe(
      0,
    );
  });

  it('grey levels within the tolerance are no change', () => {
    const brighter = image((x, y) => Math.min(255, slice(x, y) + 10));
    expect(changedShare(image(slice), brighter, whole)).toBe(0);
  });

  it('screenshots of different sizes are all change', () => {
    const small: Rgba = { width: 10, height: 10, data: new Uint8Array(400) };
    expect(changedShare(small, image(slice), whole)).toBe(1);
  });
});
