// Whose data a source holds under a UID, asked of the source itself (the only authority on
// what it stores) and remembered briefly, so the hundreds of frame requests of one viewing
// cost one search. Sources are not trusted to keep one UID to one patient: a study UID can
// be held under two patients (Orthanc keys a study by PatientID + StudyInstanceUID), and
// so can a series UID, so identity is read at the deepest UID a request names — the
// instance for a frame, every instance of the series for a series, of the study for a study.
import { LRUCache } from 'lru-cache';
import { str, type DicomDataset } from '../../src/domain/dicom/dicomJson';
import { TAG } from '../../src/domain/dicom/tags';
import { identifiersOf } from '../../src/domain/identity/identifiersOf';
import type { PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import { personsIn, type Person } from '../../src/domain/identity/persons';
import type { DicomwebTarget } from './allowedPaths';
import type { UpstreamClient } from './upstreamClient';
import { searchUpstream } from './upstreamSearch';
import type { QidoQuery } from './upstreamQuery';

export interface HeldInstance {
  seriesUid: string;
  sopUid: string;
  identifiers: PatientIdentifier[];
}

/** The patient attributes every identity check needs, named: Orthanc omits the issuer unless asked. */
export const PATIENT_FIELDS = [
  TAG.PatientID,
  TAG.IssuerOfPatientID,
  TAG.IssuerOfPatientIDQualifiersSequence,
  TAG.OtherPatientIDsSequence,
] as const;

/** Short: a study gaining another patient’s series (an import) shows within a minute. */
const TTL_MS = 60_000;
/** A SOP UID missing from a remembered series is asked again, at most this often. */
const REFRESH_AFTER_MS = 10_000;
/** Rows remembered across all series: about 60 MB at worst. */
const MAX_ROWS = 300_000;
/** Instances one check may list; a larger series or study cannot be vouched for. */
export const MAX_INSTANCES_CHECKED = 20_000;
const MAX_STUDY_ANSWER_BYTES = 1024 * 1024;
const MAX_INSTANCE_ANSWER_BYTES = 48 * 1024 * 1024;

interface Remembered<T> {
  value: T;
  at: number;
}

export function heldInstancesOf(
  datasets: readonly DicomDataset[],
  seriesUid?: string,
): HeldInstance[] {
  return datasets.map((ds) => ({
    seriesUid: str(ds, TAG.SeriesInstanceUID) || (seriesUid ?? ''),
    sopUid: str(ds, '00080018'),
    identifiers: identifiersOf(ds).map(({ issuer, id }) => ({ issuer, id })),
  }));
}

export class Holdings {
  private readonly studies = new LRUCache<string, Remembered<Person[]>>({
    max: 20_000,
    ttl: TTL_MS,
  });
  private readonly instances = new LRUCache<string, Remembered<HeldInstance[]>>({
    maxSize: MAX_ROWS,
    sizeCalculation: (r) => Math.max(1, r.value.length),
    ttl: TTL_MS,
  });

  constructor(private readonly now: () => number = Date.now) {}

  /** Everyone the source holds this study UID under; one entry per person. */
  async studyPersons(
    upstream: UpstreamClient,
    studyUid: string,
    signal?: AbortSignal,
  ): Promise<Person[]> {
    const key = `${upstream.source.id}\n${studyUid}`;
    const known = this.studies.get(key);
    if (known) return known.value;
    const query: QidoQuery = new Map([
      ['StudyInstanceUID', [studyUid]],
      ['includefield', [PATIENT_FIELDS.join(',')]],
    ]);
    const found = await searchUpstream(upstream, 'studies', query, {
      maxBytes: MAX_STUDY_ANSWER_BYTES,
      ...(signal ? { signal } : {}),
    });
    // A source ignoring the filter must not make strangers owners of this study.
    const persons = personsIn(found.filter((ds) => str(ds, TAG.StudyInstanceUID) === studyUid));
    this.studies.set(key, { value: persons, at: this.now() });
    return persons;
  }

  /**
   * The instances at the deepest level `target` names (its instance, its series, or its
   * whole study), or `null` when the source cannot list them all.
   */
  async instancesFor(
    upstream: UpstreamClient,
    target: DicomwebTarget,
    signal?: AbortSignal,
  ): Promise<HeldInstance[] | null> {
    const { studyUid, seriesUid, instanceUid } = target;
    if (studyUid === undefined) return null;
    if (seriesUid === undefined) return this.listed(upstream, studyUid, undefined, signal);
    const series = await this.listed(upstream, studyUid, seriesUid, signal);
    if (series === null || instanceUid === undefined) return series;
    const rows = series.filter((r) => r.sopUid === instanceUid);
    if (rows.length > 0) return rows;
    // An instance stored since the series was listed: list it again, but not at every request.
    const key = this.key(upstream.source.id, studyUid, seriesUid);
    if (this.now() - (this.instances.get(key)?.at ?? 0) < REFRESH_AFTER_MS) return rows;
    this.instances.delete(key);
    const again = await this.listed(upstream, studyUid, seriesUid, signal);
    return again === null ? null : again.filter((r) => r.sopUid === instanceUid);
  }

  /** What a series metadata answer showed: the data itself, the best evidence there is. */
  learnSeries(
    sourceId: string,
    studyUid: string,
    seriesUid: string,
    instances: HeldInstance[],
  ): void {
    this.instances.set(this.key(sourceId, studyUid, seriesUid), {
      value: instances,
      at: this.now(),
    });
  }

  private key(sourceId: string, studyUid: string, seriesUid: string | undefined): string {
    return `${sourceId}\n${studyUid}\n${seriesUid ?? '*'}`;
  }

  private async listed(
    upstream: UpstreamClient,
    studyUid: string,
    seriesUid: string | undefined,
    signal?: AbortSignal,
  ): Promise<HeldInstance[] | null> {
    const key = this.key(upstream.source.id, studyUid, seriesUid);
    const known = this.instances.get(key);
    if (known) return known.value;
    const path =
      seriesUid === undefined
        ? `studies/${studyUid}/instances`
        : `studies/${studyUid}/series/${seriesUid}/instances`;
    const query: QidoQuery = new Map([
      [
        'includefield',
        [[TAG.StudyInstanceUID, TAG.SeriesInstanceUID, '00080018', ...PATIENT_FIELDS].join(',')],
      ],
    ]);
    const found = await searchUpstream(upstream, path, query, {
      maxBytes: MAX_INSTANCE_ANSWER_BYTES,
      limit: MAX_INSTANCES_CHECKED,
      ...(signal ? { signal } : {}),
    });
    if (found.length >= MAX_INSTANCES_CHECKED) return null;
    const rows = heldInstancesOf(
      found.filter(
        (ds) =>
          str(ds, TAG.StudyInstanceUID) === studyUid &&
          (seriesUid === undefined || str(ds, TAG.SeriesInstanceUID) === seriesUid),
      ),
    );
    this.instances.set(key, { value: rows, at: this.now() });
    return rows;
  }
}
