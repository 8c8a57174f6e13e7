// One row per StudyInstanceUID, whichever sources hold it: a study sent to two DRIMboxes,
// or also kept by the regional archive, is one exam for the GP — with a badge per source.
//
// Conflict rule, field by field (date, time, description, accession number):
// - an empty value never wins over a filled one;
// - among filled values, the preferred source wins: a DRIMbox before the regional archive
//   (the DRIMbox is the producing site's own copy; the archive may hold an older or
//   normalised one), then the source holding more instances (the more complete copy), then
//   the configured source order;
// - values that differ (without case/accents) are listed in `conflicts` so the UI can show
//   that the sites disagree.
// Counts take the MAX over sources, never the sum: each source holds a copy of the same
// study, and adding copies would double-count every instance. Where series are known, the
// union of distinct series (and the sum of each series' largest instance count) can raise
// that maximum — two partial copies together hold more than either.
// Modalities are the union: a copy lacking the SR series still has the same images.
import { foldText } from '../dicom/foldText';
import { isReportModality, splitModalities } from '../dicom/modalities';
import type { SeriesRecord, StudyRecord } from '../dicom/studyRecords';
import { regionsOfStudy } from '../anatomy/regionOf';
import type { RegionFinding } from '../anatomy/regionOf';
import type { SourceKind } from '../publicConfig';

export interface SourceStudies {
  sourceId: string;
  kind: SourceKind;
  studies: readonly StudyRecord[];
  /** The source's series for these studies (buildSeriesQuery), when fetched. */
  series?: readonly SeriesRecord[];
}

export type MergedField = 'date' | 'time' | 'description' | 'accessionNumber';

export interface MergedStudy {
  studyInstanceUID: string;
  /** Every source holding the study, in configured order. */
  sources: string[];
  /** The source whose values won: open the study from there. */
  preferredSource: string;
  date: string | null;
  time: string;
  description: string;
  accessionNumber: string;
  modalities: { images: string[]; others: string[] };
  numberOfSeries: number | null;
  numberOfInstances: number | null;
  hasReport: boolean;
  regions: RegionFinding[];
  conflicts: MergedField[];
  /** Each source's own record, for a detail view. */
  records: { sourceId: string; record: StudyRecord }[];
}

interface Copy {
  sourceId: string;
  kind: SourceKind;
  order: number;
  record: StudyRecord;
  series: SeriesRecord[];
}

function preference(a: Copy, b: Copy): number {
  if (a.kind !== b.kind) return a.kind === 'drimbox' ? -1 : 1;
  const ia = a.record.numberOfInstances ?? -1;
  const ib = b.record.numberOfInstances ?? -1;
  if (ia !== ib) return ib - ia;
  return a.order - b.order;
}

function pick<T>(
  copies: readonly Copy[],
  read: (r: StudyRecord) => T,
  filled: (v: T) => boolean,
  same: (a: T, b: T) => boolean,
): { value: T | undefined; conflict: boolean } {
  const values = copies.map((c) => read(c.record)).filter(filled);
  const [first] = values;
  return {
    value: first,
    conflict: first !== undefined && values.some((v) => !same(v, first)),
  };
}

const sameText = (a: string, b: string) => foldText(a) === foldText(b);
const nonEmpty = (s: string) => s.trim() !== '';

function maxOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.max(...known);
}

function mergeOne(uid: string, copies: Copy[]): MergedStudy {
  const inOrder = [...copies].sort((a, b) => a.order - b.order);
  const preferred = [...copies].sort(preference);
  const conflicts: MergedField[] = [];

  const date = pick(
    preferred,
    (r) => r.date,
    (v): v is string => v !== null,
    (a, b) => a === b,
  );
  if (date.conflict) conflicts.push('date');
  const time = pick(
    preferred,
    (r) => r.time,
    nonEmpty,
    (a, b) => a.slice(0, 4) === b.slice(0, 4),
  );
  if (time.conflict) conflicts.push('time');
  const description = pick(preferred, (r) => r.description, nonEmpty, sameText);
  if (description.conflict) conflicts.push('description');
  const accession = pick(
    preferred,
    (r) => r.accessionNumber,
    nonEmpty,
    (a, b) => a === b,
  );
  if (accession.conflict) conflicts.push('accessionNumber');

  const seriesByUid = new Map<string, SeriesRecord[]>();
  for (const c of preferred) {
    for (const s of c.series) {
      const list = seriesByUid.get(s.seriesInstanceUID) ?? [];
      list.push(s);
      seriesByUid.set(s.seriesInstanceUID, list);
    }
  }
  // One representative per series, from the preferred copy.
  const series = [...seriesByUid.values()].map((list) => list[0]).filter((s) => s !== undefined);

  const seriesInstances =
    seriesByUid.size === 0
      ? null
      : [...seriesByUid.values()].reduce(
          (sum, list) => sum + (maxOf(list.map((s) => s.numberOfInstances)) ?? 0),
          0,
        );

  const modalityNames = [
    ...copies.flatMap((c) => c.record.modalities),
    ...series.map((s) => s.modality).filter(nonEmpty),
  ];
  const modalities = splitModalities(modalityNames);
  const best = preferred[0];

  return {
    studyInstanceUID: uid,
    sources: inOrder.map((c) => c.sourceId),
    preferredSource: best?.sourceId ?? '',
    date: date.value ?? null,
    time: time.value ?? '',
    description: description.value ?? '',
    accessionNumber: accession.value ?? '',
    modalities,
    numberOfSeries: maxOf([
      ...copies.map((c) => c.record.numberOfSeries),
      seriesByUid.size || null,
    ]),
    numberOfInstances: maxOf([...copies.map((c) => c.record.numberOfInstances), seriesInstances]),
    hasReport: [...modalities.images, ...modalities.others].some(isReportModality),
    regions: regionsOfStudy(
      {
        description: description.value ?? '',
        modalities: [...modalities.images, ...modalities.others],
        bodyPartsExamined: copies.flatMap((c) => c.record.bodyPartsExamined),
        anatomicRegions: copies.flatMap((c) => c.record.anatomicRegions),
      },
      series,
    ),
    conflicts,
    records: inOrder.map((c) => ({ sourceId: c.sourceId, record: c.record })),
  };
}

export function mergeStudies(perSource: readonly SourceStudies[]): MergedStudy[] {
  const byUid = new Map<string, Copy[]>();
  perSource.forEach((source, order) => {
    const seriesOf = new Map<string, SeriesRecord[]>();
    for (const s of source.series ?? []) {
      const list = seriesOf.get(s.studyInstanceUID) ?? [];
      list.push(s);
      seriesOf.set(s.studyInstanceUID, list);
    }
    for (const record of source.studies) {
      const copies = byUid.get(record.studyInstanceUID) ?? [];
      // The same study twice in one source's answer (two queries merged): one copy.
      if (copies.some((c) => c.sourceId === source.sourceId)) continue;
      copies.push({
        sourceId: source.sourceId,
        kind: source.kind,
        order,
        record,
        series: seriesOf.get(record.studyInstanceUID) ?? [],
      });
      byUid.set(record.studyInstanceUID, copies);
    }
  });
  return [...byUid.entries()].map(([uid, copies]) => mergeOne(uid, copies));
}
