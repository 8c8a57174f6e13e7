// RecommendedDisplayCIELabValue (0062,000D) → sRGB, as PS3.3 C.10.7.1.1 defines it: the
// three values are L*, a*, b* scaled to 0–65535 (L* 0–100, a* and b* −128–127), under the
// D50 white of ICC's PCS. The colour the segment's author chose is the one the user sees.

/** D50 white (ICC PCS), X Y Z. */
const D50: readonly [number, number, number] = [0.9642, 1.0, 0.8249];

/** The DICOM-scaled Lab (0–65535 each) as L* a* b*. */
export function dicomLabToLab(dicom: readonly [number, number, number]): [number, number, number] {
  const [l, a, b] = dicom;
  return [(l * 100) / 65535, (a * 255) / 65535 - 128, (b * 255) / 65535 - 128];
}

function labToXyzD50([l, a, b]: readonly [number, number, number]): [number, number, number] {
  const fy = (l + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  const eps = 216 / 24389;
  const kappa = 24389 / 27;
  const inv = (f: number) => (f ** 3 > eps ? f ** 3 : (116 * f - 16) / kappa);
  const yr = l > kappa * eps ? fy ** 3 : l / kappa;
  return [inv(fx) * D50[0], yr * D50[1], inv(fz) * D50[2]];
}

/** Bradford adaptation D50 → D65, then XYZ (D65) → linear sRGB (IEC 61966-2-1). */
function xyzD50ToLinearRgb([x, y, z]: readonly [number, number, number]): [number, number, number] {
  const x65 = 0.9555766 * x - 0.0230393 * y + 0.0631636 * z;
  const y65 = -0.0282895 * x + 1.0099416 * y + 0.0210077 * z;
  const z65 = 0.0122982 * x - 0.020483 * y + 1.3299098 * z;
  return [
    3.2404542 * x65 - 1.5371385 * y65 - 0.4985314 * z65,
    -0.969266 * x65 + 1.8760108 * y65 + 0.041556 * z65,
    0.0556434 * x65 - 0.2040259 * y65 + 1.0572252 * z65,
  ];
}

function encode(linear: number): number {
  const c = Math.min(1, Math.max(0, linear));
  const v = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(v * 255);
}

/** sRGB 0–255 of a RecommendedDisplayCIELabValue; out-of-gamut colours are clipped. */
export function dicomLabToRgb(dicom: readonly [number, number, number]): [number, number, number] {
  const [r, g, b] = xyzD50ToLinearRgb(labToXyzD50(dicomLabToLab(dicom)));
  return [encode(r), encode(g), encode(b)];
}
