// Objects that carry pixel data but are not pictures to read on their own: a segmentation
// (a label map meant to be laid over the images it was drawn on) and a radiotherapy dose
// grid (doses in Gy over a coarse grid, meant as isodoses over the planning CT). Drawn as
// a plain grey stack they would look like a broken image; the viewer says what they are
// instead, in the viewport, and the rest of the study works as usual.
//
// Decided from the series' Modality, which the list (QIDO) gives before any metadata:
// the Segmentation IOD fixes it to SEG and the RT Dose IOD to RTDOSE (PS3.3 C.8.20.1,
// C.8.8.1), so no instance needs to be fetched to know.

export type DeclinedKind = 'segmentation' | 'radiotherapyDose';

const BY_MODALITY: Readonly<Record<string, DeclinedKind>> = {
  SEG: 'segmentation',
  RTDOSE: 'radiotherapyDose',
};

/** What kind of object a series is when the viewer explains it instead of drawing it. */
export function declinedKind(modality: string): DeclinedKind | null {
  return BY_MODALITY[modality.trim().toUpperCase()] ?? null;
}
