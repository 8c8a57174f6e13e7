// Does a region of a screenshot show an image, or still an empty box? Pure logic on RGBA
// pixels, so the pixel clock (pixelClock.ts) decides the same way for both viewers and
// the rule is tested on synthetic buffers (nonBlank.test.ts).
//
// A viewport before its image is one flat colour (black, a grey, a theme's background),
// perhaps with a spinner or a line of text on it. A CT slice is a large area of many grey
// levels. So: take the region's dominant luminance as its background; the region is
// non-blank when enough of its pixels stand apart from it AND those pixels spread over
// enough distinct grey levels. A spinner or a caption is too small for the first test; a
// second flat colour (a placeholder box) fails the second.

export interface Rgba {
  width: number;
  height: number;
  /** 4 bytes a pixel, row after row (what pngjs decodes). */
  data: Uint8Array;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface NonBlankRule {
  /** How far (0–255 luminance) a pixel must be from the background to count. */
  tolerance: number;
  /** Share of the region's pixels that must stand apart from the background. */
  minFraction: number;
  /** Distinct 8-level luminance bins (of 32) those pixels must fill. */
  minLevels: number;
}

/**
 * A CT slice fitted in a viewport covers a quarter of it or more, in dozens of grey
 * levels; the loading text and spinners of either viewer cover well under 1 %, and OHIF's
 * first-use tour tooltip (a text box over the viewport) about 5 %.
 */
export const DEFAULT_RULE: NonBlankRule = { tolerance: 16, minFraction: 0.1, minLevels: 6 };

export interface RegionStats {
  pixels: number;
  /** Luminance (0–255) of the most frequent 4-level bin's centre. */
  background: number;
  /** Share of pixels further than the tolerance from the background. */
  apartFraction: number;
  /** Distinct 8-level luminance bins among the pixels apart from the background. */
  levels: number;
  nonBlank: boolean;
}

function luminance(r: number, g: number, b: number): number {
  // Rec. 601 weights in integers: grey images give their own value back.
  return (r * 299 + g * 587 + b * 114) / 1000;
}

/** Clamps the region to the image; an empty intersection gives zero pixels (blank). */
function clamp(image: Rgba, region: Region): Region {
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(image.width, Math.floor(region.x + region.width));
  const y1 = Math.min(image.height, Math.floor(region.y + region.height));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

export function regionStats(
  image: Rgba,
  region: Region,
  rule: NonBlankRule = DEFAULT_RULE,
): RegionStats {
  const r = clamp(image, region);
  const pixels = r.width * r.height;
  if (pixels === 0) {
    return { pixels: 0, background: 0, apartFraction: 0, levels: 0, nonBlank: false };
  }
  const lum = new Float32Array(pixels);
  const coarse = new Uint32Array(64);
  let i = 0;
  for (let y = r.y; y < r.y + r.height; y++) {
    let at = (y * image.width + r.x) * 4;
    for (let x = 0; x < r.width; x++, at += 4, i++) {
      const l = luminance(image.data[at] ?? 0, image.data[at + 1] ?? 0, image.data[at + 2] ?? 0);
      lum[i] = l;
      coarse[Math.min(63, Math.floor(l / 4))]! += 1;
    }
  }
  let mode = 0;
  for (let b = 1; b < 64; b++) if (coarse[b]! > coarse[mode]!) mode = b;
  const background = mode * 4 + 2;
  let apart = 0;
  const bins = new Uint8Array(32);
  for (const l of lum) {
    if (Math.abs(l - background) > rule.tolerance) {
      apart += 1;
      bins[Math.min(31, Math.floor(l / 8))] = 1;
    }
  }
  const levels = bins.reduce((n, b) => n + b, 0);
  const apartFraction = apart / pixels;
  return {
    pixels,
    background,
    apartFraction,
    levels,
    nonBlank: apartFraction >= rule.minFraction && levels >= rule.minLevels,
  };
}

/**
 * The share of a region's pixels whose luminance differs between two screenshots of the
 * same size by more than the tolerance: how much of it a frame changed.
 */
export function changedShare(
  before: Rgba,
  after: Rgba,
  region: Region,
  tolerance: number = DEFAULT_RULE.tolerance,
): number {
  if (before.width !== after.width || before.height !== after.height) return 1;
  const r = clamp(after, region);
  const pixels = r.width * r.height;
  if (pixels === 0) return 0;
  let changed = 0;
  for (let y = r.y; y < r.y + r.height; y++) {
    let at = (y * after.width + r.x) * 4;
    for (let x = 0; x < r.width; x++, at += 4) {
      const was = luminance(
        before.data[at] ?? 0,
        before.data[at + 1] ?? 0,
        before.data[at + 2] ?? 0,
      );
      const now = luminance(after.data[at] ?? 0, after.data[at + 1] ?? 0, after.data[at + 2] ?? 0);
      if (Math.abs(now - was) > tolerance) changed += 1;
    }
  }
  return changed / pixels;
}
