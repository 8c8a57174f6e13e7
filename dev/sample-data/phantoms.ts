// Synthetic images whose content is known exactly: each renderer returns the stored pixels
// and the truth the manifest publishes, so tests can check measurements and rendering
// against numbers rather than against another viewer.
import { noiseSource } from './determinism';
import type {
  CrossSectionTruth,
  MammoTruth,
  MovingDiscTruth,
  PhantomShape,
  RulerTruth,
} from './manifest';
import type { CineSeries, CrossSectionSeries, MammoSeries, ProjectionSeries } from './plan';

type Vec3 = [number, number, number];

export interface SliceGeometry {
  imagePositionPatient: Vec3;
  /** Direction along a row (increasing column), then along a column (increasing row). */
  imageOrientationPatient: [number, number, number, number, number, number];
  pixelSpacingMm: number;
}

export interface CrossSectionPhantom {
  truth: CrossSectionTruth;
  slices: SliceGeometry[];
  /** Signed when the stored values can be negative (CT with intercept 0). */
  signed: boolean;
  /** PET/CT's PET: each slice's own RescaleSlope (truth.rescaleSlopePerSlice). */
  sliceSlopes?: number[];
  bitsStored: number;
  windowCenter: number;
  windowWidth: number;
}

function crossSectionShapes(
  plan: CrossSectionSeries,
  zMid: number,
): {
  background: number;
  shapes: PhantomShape[];
  noise: number;
} {
  const ct = plan.modality === 'CT';
  const pt = plan.modality === 'PT';
  const t2 = /T2|DP/.test(plan.description);
  if (plan.petCtSpheres) {
    // PET/CT: uniform spheres in a uniform body (noise ≤ 0.5 % of the coldest sphere in the
    // PET, so a probe's SUVmax reads the truth within 1 %); the CT also shows the spine.
    const spheres = plan.petCtSpheres.map((x): PhantomShape => ({
      kind: 'sphere',
      label: x.label,
      centerMm: [...x.centerMm],
      radiusMm: x.radiusMm,
      value: pt ? x.bqml : x.ctHu,
    }));
    return pt
      ? {
          background: 0,
          noise: 20,
          shapes: [
            { kind: 'cylinder', label: 'body', centerMm: [0, 0], radiusMm: 150, value: 2000 },
            ...spheres,
          ],
        }
      : {
          background: -1000,
          noise: 5,
          shapes: [
            { kind: 'cylinder', label: 'body', centerMm: [0, 0], radiusMm: 150, value: 0 },
            { kind: 'cylinder', label: 'spine', centerMm: [0, 80], radiusMm: 18, value: 700 },
            ...spheres,
          ],
        };
  }
  if (pt) {
    return {
      background: 0,
      noise: 50,
      shapes: [
        { kind: 'cylinder', label: 'body', centerMm: [0, 0], radiusMm: 150, value: 2000 },
        {
          kind: 'sphere',
          label: 'hot lesion',
          centerMm: [-60, -10, zMid],
          radiusMm: 15,
          value: 20000,
        },
      ],
    };
  }
  if (plan.anatomy === 'head' || plan.anatomy === 'brain') {
    return ct
      ? {
          background: -1000,
          noise: 4,
          shapes: [
            { kind: 'cylinder', label: 'skull', centerMm: [0, 0], radiusMm: 90, value: 1000 },
            { kind: 'cylinder', label: 'brain', centerMm: [0, 0], radiusMm: 82, value: 40 },
            { kind: 'cylinder', label: 'ventricle', centerMm: [0, 5], radiusMm: 10, value: 5 },
            {
              kind: 'sphere',
              label: 'calcification',
              centerMm: [35, -30, zMid],
              radiusMm: 6,
              value: 300,
            },
          ],
        }
      : {
          background: 0,
          noise: 10,
          shapes: [
            {
              kind: 'cylinder',
              label: 'scalp',
              centerMm: [0, 0],
              radiusMm: 90,
              value: t2 ? 500 : 900,
            },
            {
              kind: 'cylinder',
              label: 'brain',
              centerMm: [0, 0],
              radiusMm: 80,
              value: t2 ? 700 : 500,
            },
            {
              kind: 'cylinder',
              label: 'ventricle',
              centerMm: [0, 5],
              radiusMm: 10,
              value: t2 ? 1800 : 150,
            },
            {
              kind: 'sphere',
              label: 'lesion',
              centerMm: [30, -25, zMid],
              radiusMm: 8,
              value: t2 ? 1400 : 300,
            },
          ],
        };
  }
  if (plan.anatomy === 'knee') {
    return {
      background: 0,
      noise: 10,
      shapes: [
        { kind: 'cylinder', label: 'leg', centerMm: [0, 0], radiusMm: 60, value: t2 ? 600 : 500 },
        { kind: 'cylinder', label: 'bone', centerMm: [0, 5], radiusMm: 25, value: 250 },
        { kind: 'sphere', label: 'effusion', centerMm: [0, -35, zMid], radiusMm: 10, value: 1600 },
        { kind: 'box', label: 'fat pad', minMm: [-20, -58], maxMm: [20, -48], value: 1200 },
      ],
    };
  }
  const spineValue = ct ? 700 : 300;
  const shapes: PhantomShape[] = [
    { kind: 'cylinder', label: 'body', centerMm: [0, 0], radiusMm: 150, value: ct ? 0 : 450 },
    { kind: 'cylinder', label: 'spine', centerMm: [0, 80], radiusMm: 18, value: spineValue },
    { kind: 'cylinder', label: 'air', centerMm: [-70, -20], radiusMm: 25, value: ct ? -1000 : 0 },
    { kind: 'box', label: 'fat', minMm: [40, -60], maxMm: [100, -20], value: ct ? -100 : 1100 },
    {
      kind: 'sphere',
      label: 'bone sphere',
      centerMm: [60, 40, zMid],
      radiusMm: 20,
      value: ct ? 1000 : 1500,
    },
  ];
  return { background: ct ? -1000 : 0, noise: ct ? 5 : 10, shapes };
}

/** Geometry is rounded as it will be written (DS), so pixels and header agree exactly. */
function r4(n: number): number {
  return Number(n.toFixed(4));
}

/** Where a series' spheres sit along z: the middle of an axial stack, 0 otherwise. */
function shapesZ(plan: CrossSectionSeries): number {
  const span = (plan.slices - 1) * plan.sliceSpacing;
  return plan.orientation === 'axial' ? r4(plan.firstPosition - span / 2) : 0;
}

function moved(s: PhantomShape, [dx, dy, dz]: Vec3): PhantomShape {
  switch (s.kind) {
    case 'cylinder':
      return { ...s, centerMm: [r4(s.centerMm[0] + dx), r4(s.centerMm[1] + dy)] };
    case 'sphere': {
      const [x, y, z] = s.centerMm;
      return { ...s, centerMm: [r4(x + dx), r4(y + dy), r4(z + dz)] };
    }
    case 'box':
      return {
        ...s,
        minMm: [r4(s.minMm[0] + dx), r4(s.minMm[1] + dy)],
        maxMm: [r4(s.maxMm[0] + dx), r4(s.maxMm[1] + dy)],
      };
  }
}

/** Another series' body, moved: the same patient on another table (plan.sameBodyAs). */
export interface SameBody {
  plan: CrossSectionSeries;
  shiftMm: Vec3;
}

export function crossSectionPhantom(
  plan: CrossSectionSeries,
  sameBody?: SameBody,
): CrossSectionPhantom {
  const ps = r4(plan.fovMm / plan.size);
  const half = r4(plan.fovMm / 2 - ps / 2);
  const slices: SliceGeometry[] = [];
  // Axial series go head to feet (z decreasing); sagittal ones right to left (x increasing).
  for (let k = 0; k < plan.slices; k++) {
    slices.push(
      plan.orientation === 'axial'
        ? {
            imagePositionPatient: [-half, -half, r4(plan.firstPosition - k * plan.sliceSpacing)],
            imageOrientationPatient: [1, 0, 0, 0, 1, 0],
            pixelSpacingMm: ps,
          }
        : {
            imagePositionPatient: [r4(plan.firstPosition + k * plan.sliceSpacing), -half, half],
            imageOrientationPatient: [0, 1, 0, 0, 0, -1],
            pixelSpacingMm: ps,
          },
    );
  }
  const body = sameBody?.plan ?? plan;
  const drawn = crossSectionShapes(body, shapesZ(body));
  const { background, noise } = drawn;
  const shapes = sameBody ? drawn.shapes.map((x) => moved(x, sameBody.shiftMm)) : drawn.shapes;
  const ct = plan.modality === 'CT';
  const unsignedCt = ct && plan.unsignedCt === true;
  const slope = plan.modality === 'PT' ? 2.5 : 1;
  const intercept = unsignedCt ? -1024 : 0;
  const truth: CrossSectionTruth = {
    kind: 'cross-section',
    units: ct ? 'HU' : plan.modality === 'PT' ? 'BQML' : 'AU',
    background,
    shapes,
    noiseAmplitude: noise,
    firstSliceZ: plan.orientation === 'axial' ? plan.firstPosition : half,
    sliceStepZ: plan.orientation === 'axial' ? -plan.sliceSpacing : 0,
    rescaleSlope: slope,
    rescaleIntercept: intercept,
  };
  const windows: Record<string, [number, number]> = {
    CT: plan.anatomy === 'head' ? [40, 80] : plan.anatomy === 'spine' ? [400, 1800] : [40, 400],
    MR: [700, 1400],
    PT: [5000, 10000],
  };
  const [windowCenter, windowWidth] = windows[plan.modality] ?? [0, 1];
  // As PET scanners write it: each slice's slope spreads that slice's largest value (noise
  // included) over 15 bits, so slopes differ from slice to slice and every value fits.
  const sliceSlopes =
    plan.modality === 'PT' && plan.petCtSpheres
      ? slices.map((g) =>
          Number(((sliceMaxValue(truth, g, plan.size) + noise) / 32000).toPrecision(6)),
        )
      : undefined;
  if (sliceSlopes) {
    truth.rescaleSlopePerSlice = sliceSlopes;
    truth.rescaleSlope = Math.max(...sliceSlopes);
  }
  return {
    truth,
    ...(sliceSlopes ? { sliceSlopes } : {}),
    slices,
    signed: ct && !unsignedCt,
    bitsStored: (ct && !unsignedCt) || plan.modality === 'PT' ? 16 : 12,
    windowCenter,
    windowWidth,
  };
}

function pixelCenter(g: SliceGeometry, col: number, row: number, p: Vec3): Vec3 {
  const [ox, oy, oz] = g.imagePositionPatient;
  const [rx, ry, rz, cx, cy, cz] = g.imageOrientationPatient;
  const ps = g.pixelSpacingMm;
  p[0] = ox + col * ps * rx + row * ps * cx;
  p[1] = oy + col * ps * ry + row * ps * cy;
  p[2] = oz + col * ps * rz + row * ps * cz;
  return p;
}

function sliceMaxValue(truth: CrossSectionTruth, g: SliceGeometry, size: number): number {
  let max = truth.background;
  const p: Vec3 = [0, 0, 0];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      max = Math.max(max, crossSectionValueAt(truth, pixelCenter(g, col, row, p)));
    }
  }
  return max;
}

/**
 * The shape a pixel shows (the last one containing it, as drawn), or null for background:
 * what a SEG over the series must mark.
 */
export function shapeAt(truth: CrossSectionTruth, p: Vec3): PhantomShape | null {
  let found: PhantomShape | null = null;
  for (const s of truth.shapes) {
    if (inside(s, p)) found = s;
  }
  return found;
}

/** Patient coordinates of pixel (col, row) of slice k. */
export function slicePixelCenter(
  phantom: CrossSectionPhantom,
  k: number,
  col: number,
  row: number,
): Vec3 {
  const g = phantom.slices[k];
  if (!g) throw new Error(`no slice ${k}`);
  return pixelCenter(g, col, row, [0, 0, 0]);
}

/** Value of the phantom at a patient point, before noise and rescale. */
export function crossSectionValueAt(truth: CrossSectionTruth, p: Vec3): number {
  let value = truth.background;
  for (const s of truth.shapes) {
    if (inside(s, p)) value = s.value;
  }
  return value;
}

function inside(s: PhantomShape, p: Vec3): boolean {
  switch (s.kind) {
    case 'cylinder': {
      const dx = p[0] - s.centerMm[0];
      const dy = p[1] - s.centerMm[1];
      return dx * dx + dy * dy <= s.radiusMm * s.radiusMm;
    }
    case 'sphere': {
      const dx = p[0] - s.centerMm[0];
      const dy = p[1] - s.centerMm[1];
      const dz = p[2] - s.centerMm[2];
      return dx * dx + dy * dy + dz * dz <= s.radiusMm * s.radiusMm;
    }
    case 'box':
      return p[0] >= s.minMm[0] && p[0] <= s.maxMm[0] && p[1] >= s.minMm[1] && p[1] <= s.maxMm[1];
  }
}

export function renderCrossSectionSlice(
  phantom: CrossSectionPhantom,
  size: number,
  k: number,
  noiseSeed: number,
): Int16Array | Uint16Array {
  const g = phantom.slices[k];
  if (!g) throw new Error(`no slice ${k}`);
  const { truth } = phantom;
  const out = phantom.signed ? new Int16Array(size * size) : new Uint16Array(size * size);
  const slope = phantom.sliceSlopes?.[k] ?? truth.rescaleSlope;
  // Per-slice slopes: floor keeps the rescaled noise within the stated amplitude.
  const noiseStored = phantom.sliceSlopes
    ? Math.floor(truth.noiseAmplitude / slope)
    : Math.round(truth.noiseAmplitude / slope);
  const noise = noiseSource(noiseSeed, noiseStored);
  const [ox, oy, oz] = g.imagePositionPatient;
  const [rx, ry, rz, cx, cy, cz] = g.imageOrientationPatient;
  const ps = g.pixelSpacingMm;
  const p: Vec3 = [0, 0, 0];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      p[0] = ox + col * ps * rx + row * ps * cx;
      p[1] = oy + col * ps * ry + row * ps * cy;
      p[2] = oz + col * ps * rz + row * ps * cz;
      const value = crossSectionValueAt(truth, p);
      let stored = Math.round((value - truth.rescaleIntercept) / slope);
      // Noise only where there is tissue, so air and background stay exact.
      if (value !== truth.background) stored += noise();
      out[row * size + col] = Math.max(phantom.signed ? -32768 : 0, stored);
    }
  }
  return out;
}

export interface ProjectionPhantom {
  truth: RulerTruth;
  pixels: Uint16Array;
  windowCenter: number;
  windowWidth: number;
}

export function renderProjection(plan: ProjectionSeries, noiseSeed: number): ProjectionPhantom {
  const { rows, columns, spacingMm } = plan;
  const max = (1 << plan.bitsStored) - 1;
  const mono1 = plan.photometric === 'MONOCHROME1';
  // Dense things are bright as seen: with MONOCHROME1 that means low stored values.
  const dense = Math.round(max * 0.85);
  const soft = Math.round(max * 0.2);
  const barValue = mono1 ? max - dense : dense;
  const background = mono1 ? max - soft : soft;
  const lengthPx = Math.round(plan.barLengthMm / spacingMm);
  const widthPx = Math.round(10 / spacingMm);
  const startCol = Math.floor((columns - lengthPx) / 2);
  const endCol = startCol + lengthPx - 1;
  const centerRow = Math.floor(rows / 2);
  const top = centerRow - Math.floor(widthPx / 2);
  const amplitude = plan.bitsStored === 12 ? 8 : 64;
  const noise = noiseSource(noiseSeed, amplitude);
  const pixels = new Uint16Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const inRows = r >= top && r < top + widthPx;
    for (let c = 0; c < columns; c++) {
      const v = inRows && c >= startCol && c <= endCol ? barValue : background;
      pixels[r * columns + c] = v + noise();
    }
  }
  return {
    truth: {
      kind: 'ruler',
      lengthMm: lengthPx * spacingMm,
      widthMm: widthPx * spacingMm,
      startPx: [startCol, centerRow],
      endPx: [endCol, centerRow],
      drawnSpacingMm: [spacingMm, spacingMm],
      barValue,
      background,
      noiseAmplitude: amplitude,
      photometricInterpretation: plan.photometric,
    },
    pixels,
    windowCenter: Math.round(max / 2),
    windowWidth: max,
  };
}

export const MAMMO_VIEWS = [
  { code: 'RCC', laterality: 'R', viewPosition: 'CC' },
  { code: 'LCC', laterality: 'L', viewPosition: 'CC' },
  { code: 'RMLO', laterality: 'R', viewPosition: 'MLO' },
  { code: 'LMLO', laterality: 'L', viewPosition: 'MLO' },
] as const;

/** The chest wall's edge comes from views.ts (mammoOrientation), with the header it matches. */
export function renderMammo(
  plan: MammoSeries,
  chestWallSide: 'left' | 'right',
  noiseSeed: number,
): {
  view: Pick<MammoTruth['views'][number], 'chestWallSide' | 'breastRadiusPx' | 'denseDisc'>;
  pixels: Uint16Array;
  common: Omit<MammoTruth, 'kind' | 'views'>;
} {
  const { rows, columns, spacingMm } = plan;
  const wallCol = chestWallSide === 'right' ? columns - 1 : 0;
  const centerRow = Math.floor(rows / 2);
  const breastRadiusPx = Math.floor(Math.min(rows / 2, columns) * 0.9);
  const discRadiusMm = 8;
  const discRadiusPx = Math.round(discRadiusMm / spacingMm);
  const discCol = chestWallSide === 'right' ? wallCol - 300 : wallCol + 300;
  const discRow = centerRow - 100;
  const background = 40;
  const breastValue = 1500;
  const discValue = 3200;
  const amplitude = 10;
  const noise = noiseSource(noiseSeed, amplitude);
  const pixels = new Uint16Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const dr = r - centerRow;
      const dc = c - wallCol;
      let v = background;
      if (dr * dr + dc * dc <= breastRadiusPx * breastRadiusPx) v = breastValue;
      const er = r - discRow;
      const ec = c - discCol;
      if (er * er + ec * ec <= discRadiusPx * discRadiusPx) v = discValue;
      pixels[r * columns + c] = v === background ? v : v + noise();
    }
  }
  return {
    view: {
      chestWallSide,
      breastRadiusPx,
      denseDisc: {
        centerPx: [discCol, discRow],
        radiusPx: discRadiusPx,
        radiusMm: discRadiusPx * spacingMm,
        value: discValue,
      },
    },
    common: { breastValue, background, noiseAmplitude: amplitude },
    pixels,
  };
}

export function renderCine(
  plan: CineSeries,
  noiseSeed: number,
): { truth: MovingDiscTruth; pixels: Uint8Array } {
  const { rows, columns, frames } = plan;
  const xa = plan.modality === 'XA';
  // XA shows contrast as dark on a bright field; US shows echoes as bright on dark.
  const background = xa ? 180 : 20;
  const discValue = xa ? 40 : 220;
  const radiusPx = xa ? 30 : 20;
  const amplitude = 4;
  const noise = noiseSource(noiseSeed, amplitude);
  const from: [number, number] = [radiusPx + 20, Math.floor(rows / 2)];
  const to: [number, number] = [
    columns - radiusPx - 20,
    xa ? rows - radiusPx - 20 : Math.floor(rows / 2),
  ];
  const centersPx: [number, number][] = [];
  for (let f = 0; f < frames; f++) {
    const t = frames === 1 ? 0 : f / (frames - 1);
    centersPx.push([
      Math.round(from[0] + (to[0] - from[0]) * t),
      Math.round(from[1] + (to[1] - from[1]) * t),
    ]);
  }
  const frameSize = rows * columns;
  const pixels = new Uint8Array(frameSize * frames);
  for (let f = 0; f < frames; f++) {
    const [cx, cy] = centersPx[f] ?? [0, 0];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const dx = c - cx;
        const dy = r - cy;
        const v = dx * dx + dy * dy <= radiusPx * radiusPx ? discValue : background;
        pixels[f * frameSize + r * columns + c] = v + noise();
      }
    }
  }
  return {
    truth: {
      kind: 'moving-disc',
      radiusPx,
      discValue,
      background,
      centersPx,
      noiseAmplitude: amplitude,
    },
    pixels,
  };
}
