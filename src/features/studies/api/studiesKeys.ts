// The feature's query keys, made here only: each starts with 'studies'.
import type { PatientSearch } from '../../../domain/federation/buildStudyQuery';

export const studiesKeys = {
  /**
   * What one source is really asked: the patient, and the filters the source applies
   * itself — a filter applied in the browser changes no key, so it re-queries no one.
   */
  sourceStudies: (sourceId: string, patient: string, asked: unknown) =>
    ['studies', 'sourceStudies', sourceId, { patient, asked }] as const,
  patientSearch: (sourceId: string, search: PatientSearch | null) =>
    ['studies', 'patientSearch', sourceId, search] as const,
  /** A patient key's value, shared by the search that seals it and the list that opens it. */
  patientKey: (key: string) => ['studies', 'patientKey', key] as const,
};
