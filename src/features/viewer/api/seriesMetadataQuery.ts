// One query per series' metadata, asked through the study's session (session/viewerSession.ts):
// the first series' while the viewer's code is still downloading, for the preview, then
// each series' for Cornerstone. What it gives is already held to the patient the study was
// opened for (instancesOfPatient.ts): no reader — preview, Cornerstone, key images,
// overlay — ever sees another person's image.
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { keepPatientInstances } from '../../../domain/viewer/instancesOfPatient';
import type { PublicSource } from '../../../domain/publicConfig';
import { markViewerPhase } from '../../../lib/viewerTimeline';
import { fetchSeriesMetadata } from './fetchSeriesMetadata';

export interface SeriesMetadata {
  instances: DicomDataset[];
  /** Instances of another person this series held, left out. */
  setAside: number;
}

export interface MetadataStudy {
  source: PublicSource;
  studyInstanceUID: string;
  patient?: readonly PatientIdentifier[];
}

export function seriesMetadataQuery(study: MetadataStudy, seriesInstanceUID: string) {
  const { source, studyInstanceUID, patient } = study;
  return {
    // The patient is part of what was asked: the same series read for someone else is
    // another answer. Memory only, like every query.
    queryKey: [
      'viewer',
      'metadata',
      source.id,
      studyInstanceUID,
      seriesInstanceUID,
      JSON.stringify(patient ?? []),
    ] as const,
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<SeriesMetadata> => {
      const metadata = await fetchSeriesMetadata({
        source,
        studyInstanceUID,
        seriesInstanceUID,
        signal,
      });
      markViewerPhase('metadata');
      const { kept, setAside } = keepPatientInstances(metadata, patient);
      return { instances: kept, setAside };
    },
    staleTime: Infinity,
  };
}
