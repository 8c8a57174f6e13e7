// A study row tells a GP two different things: what was imaged (CT, MR…) and which
// documents come with it (a report, key images). Mixing them in one badge list makes
// "SR" look like an exam, so they are kept apart here.

/**
 * Objects that are not images to look at (PS3.3 C.7.3.1.1.1). Everything else — including
 * OT, usually secondary-capture images — counts as an image modality.
 */
const NON_IMAGE = new Set([
  'SR',
  'DOC',
  'KO',
  'PR',
  'SEG',
  'REG',
  'FID',
  'RTSTRUCT',
  'RTPLAN',
  'RTRECORD',
  'RTDOSE',
  'PLAN',
  'AU',
  'ECG',
  'HD',
  'RWV',
  'SMR',
]);

/** A report the viewer can open: structured report, encapsulated PDF or CDA. */
const REPORT = new Set(['SR', 'DOC']);

/** CS value syntax (PS3.5 6.2): hostile or garbled values never become a filter option. */
const CS = /^[A-Z0-9_ ]{1,16}$/;

export function normalizeModality(value: string): string | null {
  const m = value.trim().toUpperCase();
  return CS.test(m) ? m : null;
}

export function isImageModality(modality: string): boolean {
  return !NON_IMAGE.has(modality);
}

export function isReportModality(modality: string): boolean {
  return REPORT.has(modality);
}

/** Distinct normalised modalities, split into images and other objects, each sorted. */
export function splitModalities(modalities: Iterable<string>): {
  images: string[];
  others: string[];
} {
  const all = new Set<string>();
  for (const m of modalities) {
    const n = normalizeModality(m);
    if (n) all.add(n);
  }
  const sorted = [...all].sort();
  return {
    images: sorted.filter(isImageModality),
    others: sorted.filter((m) => !isImageModality(m)),
  };
}
