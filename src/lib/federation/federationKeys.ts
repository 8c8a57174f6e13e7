// The federated patient query's keys, made here only: each starts with 'federation'. The
// study list and the viewer's priors both ask through these keys, so a patient's studies a
// source already gave the list are the viewer's too, without asking the source again.
export const federationKeys = {
  all: ['federation'] as const,
  /**
   * What one source is really asked: the patient (the (issuer, id) pairs sent), and the
   * filters the source applies itself — a filter applied in the browser changes no key, so
   * it re-queries no one.
   */
  sourceStudies: (sourceId: string, patient: string, asked: unknown) =>
    ['federation', 'sourceStudies', sourceId, { patient, asked }] as const,
};
