// A series UID names one series (PS3.5 9.1), but a source may list it twice: Orthanc keys
// its series by patient + study + series, so two files with the same series UID and
// different PatientIDs (seen in public test files: a Siemens mosaic and its derived slice)
// become two series in its answers, and its series-level metadata then answers 404 for
// that UID. The viewer shows one series per UID, with every instance the source holds
// under it (fetched instance by instance when the series-level call fails).

interface Listed {
  seriesInstanceUID: string;
  numberOfInstances: number | null;
}

/** One entry per series UID, in first-seen order; instance counts are added up. */
export function mergeRepeatedSeries<T extends Listed>(series: readonly T[]): T[] {
  const byUid = new Map<string, T>();
  for (const s of series) {
    const seen = byUid.get(s.seriesInstanceUID);
    if (!seen) {
      byUid.set(s.seriesInstanceUID, s);
      continue;
    }
    const total =
      seen.numberOfInstances === null && s.numberOfInstances === null
        ? null
        : (seen.numberOfInstances ?? 0) + (s.numberOfInstances ?? 0);
    byUid.set(s.seriesInstanceUID, { ...seen, numberOfInstances: total });
  }
  return [...byUid.values()];
}
