// What a distance measured on an image means depends on which spacing the file gives
// (PS3.3 C.7.6.2.1.1 / C.8.11.7, IHE "Consistent Presentation of Images" calibration):
// PixelSpacing is in the patient; ImagerPixelSpacing alone (CR, DX, MG, XA) is at the
// detector, which magnifies by source-to-image / source-to-object distance; with neither,
// only pixels can be counted, and the user must be told.

export type MeasurementScale =
  | { kind: 'patient'; rowMm: number; columnMm: number }
  | { kind: 'detector'; rowMm: number; columnMm: number }
  | { kind: 'none' };

function pair(values: readonly number[] | null | undefined): [number, number] | null {
  if (!values || values.length < 2) return null;
  const [row, column] = values;
  if (row === undefined || column === undefined) return null;
  if (!(row > 0) || !(column > 0) || !Number.isFinite(row) || !Number.isFinite(column)) return null;
  return [row, column];
}

export function measurementScale(
  pixelSpacing: readonly number[] | null | undefined,
  imagerPixelSpacing: readonly number[] | null | undefined,
): MeasurementScale {
  const patient = pair(pixelSpacing);
  if (patient) return { kind: 'patient', rowMm: patient[0], columnMm: patient[1] };
  const detector = pair(imagerPixelSpacing);
  if (detector) return { kind: 'detector', rowMm: detector[0], columnMm: detector[1] };
  return { kind: 'none' };
}
