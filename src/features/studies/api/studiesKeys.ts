// The feature's query keys, made here only: each starts with 'studies'.
import type { PatientSearch } from '../../../domain/federation/buildStudyQuery';

// A patient's studies at each source are not here: the viewer asks them too, through
// src/lib/federation/federationKeys.ts.
export const studiesKeys = {
  patientSearch: (sourceId: string, search: PatientSearch | null) =>
    ['studies', 'patientSearch', sourceId, search] as const,
  /** A patient key's value, shared by the search that seals it and the list that opens it. */
  patientKey: (key: string) => ['studies', 'patientKey', key] as const,
};
