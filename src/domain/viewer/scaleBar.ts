// A scale bar whose length is a round number of millimetres (1, 2, 5 × 10ⁿ) and fits the
// room given on screen, so it reads at a glance whatever the zoom.

export interface ScaleBar {
  mm: number;
  px: number;
  label: string;
}

export function scaleBarFor(mmPerPixel: number, maxPx: number): ScaleBar | null {
  if (!(mmPerPixel > 0) || !Number.isFinite(mmPerPixel) || !(maxPx > 0)) return null;
  const maxMm = mmPerPixel * maxPx;
  const power = 10 ** Math.floor(Math.log10(maxMm));
  const mm = [5, 2, 1].map((f) => f * power).find((m) => m <= maxMm) ?? power;
  const px = mm / mmPerPixel;
  const label = mm >= 10 ? `${mm / 10} cm` : `${mm} mm`;
  return { mm, px, label };
}
