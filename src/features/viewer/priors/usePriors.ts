// The patient's other studies, from every source, ranked for comparison with the one open
// (domain/viewer/priors.ts). Asked through the federated patient query the study list uses
// (lib/federation): the same keys, so a list opened before has already answered, and the
// same guarantees — every row checked against the patient's (issuer, id) pairs, the regional
// archive only under a consent or break-the-glass (« consent needed » otherwise, its rows
// withdrawn). Only the sources' study lists are asked: no prior's metadata or pixels.
import { useMemo } from 'react';
import { regionsOfStudy } from '../../../domain/anatomy/regionOf';
import { splitModalities } from '../../../domain/dicom/modalities';
import type { MergedStudy } from '../../../domain/federation/mergeStudies';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import { rankPriors, type RankedPrior } from '../../../domain/viewer/priors';
import { useFederatedStudies, type SourceState } from '../../../lib/federation/useFederatedStudies';
import type { OpenedStudy } from '../api/openStudy';

export interface Priors {
  /** Best first; empty while the sources answer. */
  ranked: RankedPrior[];
  sources: SourceState[];
  /** Every source has answered, failed or waits for consent. */
  settled: boolean;
  /** The study open, as the sources list it (or as its series say, until one does). */
  current: MergedStudy;
}

const NO_IDENTIFIERS: readonly PatientIdentifier[] = [];

/**
 * The open study as a list row would show it, from its own series: what ranks the others
 * when no answering source lists it (its source down since it opened).
 */
export function studyAsRow(study: OpenedStudy, date: string | null): MergedStudy {
  const modalities = splitModalities(study.series.map((s) => s.modality));
  return {
    studyInstanceUID: study.studyInstanceUID,
    sources: [study.source.id],
    preferredSource: study.source.id,
    date,
    time: '',
    description: '',
    accessionNumber: '',
    modalities,
    numberOfSeries: study.series.length,
    numberOfInstances: null,
    hasReport: false,
    regions: regionsOfStudy(
      { description: '', modalities: [...modalities.images, ...modalities.others] },
      study.series.map((s) => ({
        modality: s.modality,
        bodyPartExamined: '',
        description: s.description,
        anatomicRegions: [],
      })),
    ),
    conflicts: [],
    records: [],
  };
}

export function usePriors(options: {
  study: OpenedStudy;
  sources: readonly PublicSource[];
  /** The study's date from its images, once in (for the fallback row). */
  studyDate: string | null;
  /** Held back until the current study's first image is on screen. */
  enabled: boolean;
}): Priors {
  const { study, sources, studyDate, enabled } = options;
  const federated = useFederatedStudies({
    sources,
    identifiers: study.patient ?? NO_IDENTIFIERS,
    enabled,
  });
  const { rows } = federated;
  const listed = rows.find((r) => r.studyInstanceUID === study.studyInstanceUID);
  const current = useMemo(() => listed ?? studyAsRow(study, studyDate), [listed, study, studyDate]);
  const ranked = useMemo(
    () =>
      rankPriors(
        current,
        rows.filter((r) => r.studyInstanceUID !== study.studyInstanceUID),
      ),
    [current, rows, study.studyInstanceUID],
  );
  const settled = federated.sources.every(
    (s) => s.status.kind !== 'loading' && s.status.kind !== 'idle',
  );
  return { ranked, sources: federated.sources, settled, current };
}
