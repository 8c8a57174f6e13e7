// The lengths and ROI areas on screen, each with the study it was drawn on (Cornerstone keeps
// every view's measurements in one state; the image each names tells whose it is).
import { useEffect, useState } from 'react';
import { readMeasurements, watchMeasurements } from '../../../lib/cornerstone/measurementRecords';
import type { StudyMeasurement } from './measurementPairs';

export function useStudyMeasurements(
  /** Is the engine up (Cornerstone started)? Nothing is read before. */
  active: boolean,
  /** The study (0 current, 1–2 priors) an image id belongs to, null if none shown. */
  studyOfImage: (imageId: string) => number | null,
): StudyMeasurement[] {
  const [records, setRecords] = useState<StudyMeasurement[]>([]);
  useEffect(() => {
    if (!active) return;
    const read = () =>
      setRecords(
        readMeasurements().flatMap((r) => {
          const study = studyOfImage(r.imageId);
          return study === null ? [] : [{ ...r, study }];
        }),
      );
    read();
    return watchMeasurements(read);
  }, [active, studyOfImage]);
  return records;
}
