// The feature's query keys, made here only: each starts with 'sources'.
import type { PatientKey } from '../../../domain/probePatient';

export const sourcesKeys = {
  studyCount: (sourceId: string, patient: PatientKey | null) =>
    ['sources', 'studyCount', sourceId, patient?.issuer ?? null, patient?.id ?? null] as const,
};
