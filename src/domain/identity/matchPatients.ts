// Which records, from which sources, denote the same patient. Getting this wrong either
// splits one patient's history (annoying) or merges two patients (dangerous), so the rules
// lean to splitting:
// - Two records are linked when they share an (issuer, id) pair with a non-empty issuer —
//   INS or a site namespace — as PatientID or in Other Patient IDs; links are transitive
//   (A shares an INS with B, B shares a site number with C → one patient).
// - A PatientID without issuer NEVER links records of different sources: sites reuse local
//   numbers. Within one source it does link records whose PatientID it is — that source
//   files them under one patient — but a bare entry of Other Patient IDs links nothing,
//   because nobody can say whose namespace it came from.
// - Demographics never link anything; they only raise `conflicts` when the records of one
//   patient disagree (compared without case, accents or punctuation).
import { foldText } from '../dicom/foldText';
import { date, personName, str } from '../dicom/dicomJson';
import type { DicomDataset } from '../dicom/dicomJson';
import { TAG } from '../dicom/tags';
import { identifiersOf } from './identifiersOf';
import { identifierKey, insRank, isIns } from './patientIdentifier';
import type { PatientIdentifier } from './patientIdentifier';

export interface PatientRecordInput {
  sourceId: string;
  dataset: DicomDataset;
}

export interface Demographics {
  sourceId: string;
  family: string;
  given: string;
  /** ISO date or '' */
  birthDate: string;
  sex: string;
}

export type DemographicField = 'family' | 'given' | 'birthDate' | 'sex' | 'ins';

export interface Conflict {
  field: DemographicField;
  /** Each distinct value (as first seen) with the sources that hold it. */
  values: { value: string; sourceIds: string[] }[];
}

export interface PatientCluster {
  /** Indexes into the input, in input order. */
  records: number[];
  sourceIds: string[];
  /** Every identifier of the patient with the sources that gave it; INS first. */
  identifiers: (PatientIdentifier & { sourceIds: string[] })[];
  /** The best INS (qualified NIR first), null for a patient without one. */
  ins: PatientIdentifier | null;
  /** Distinct demographics, one entry per source and variant. */
  demographics: Demographics[];
  conflicts: Conflict[];
}

class DisjointSets {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    this.parent[i] = root;
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index stays the root, so clusters come out in input order.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function demographicsOf(sourceId: string, ds: DicomDataset): Demographics {
  const name = personName(ds, TAG.PatientName);
  return {
    sourceId,
    family: name?.family ?? '',
    given: name?.given ?? '',
    birthDate: date(ds, TAG.PatientBirthDate) ?? '',
    sex: str(ds, TAG.PatientSex).toUpperCase(),
  };
}

function conflictOf(
  field: DemographicField,
  entries: { value: string; sourceId: string }[],
): Conflict | null {
  const byFolded = new Map<string, { value: string; sourceIds: string[] }>();
  for (const { value, sourceId } of entries) {
    const folded = foldText(value);
    // Missing is not different: a site that did not record a birth date does not disagree.
    if (folded === '') continue;
    const entry = byFolded.get(folded) ?? { value, sourceIds: [] };
    if (!entry.sourceIds.includes(sourceId)) entry.sourceIds.push(sourceId);
    byFolded.set(folded, entry);
  }
  return byFolded.size > 1 ? { field, values: [...byFolded.values()] } : null;
}

export function matchPatients(records: readonly PatientRecordInput[]): PatientCluster[] {
  const sets = new DisjointSets(records.length);
  const firstHolder = new Map<string, number>();
  const ids = records.map((r) => identifiersOf(r.dataset));

  ids.forEach((list, index) => {
    const sourceId = records[index]?.sourceId ?? '';
    for (const identifier of list) {
      let linkKey: string | null = null;
      if (identifier.issuer !== '') linkKey = `issuer:${identifierKey(identifier)}`;
      else if (identifier.origin === 'patientId') {
        linkKey = `bare:${JSON.stringify([sourceId, identifier.id])}`;
      }
      if (linkKey === null) continue;
      const holder = firstHolder.get(linkKey);
      if (holder === undefined) firstHolder.set(linkKey, index);
      else sets.union(holder, index);
    }
  });

  const groups = new Map<number, number[]>();
  records.forEach((_, i) => {
    const root = sets.find(i);
    const group = groups.get(root) ?? [];
    group.push(i);
    groups.set(root, group);
  });

  return [...groups.values()].map((members) => clusterOf(records, ids, members));
}

function clusterOf(
  records: readonly PatientRecordInput[],
  ids: ReturnType<typeof identifiersOf>[],
  members: number[],
): PatientCluster {
  const sourceIds: string[] = [];
  const identifiers = new Map<string, PatientIdentifier & { sourceIds: string[] }>();
  const demographics: Demographics[] = [];
  const seenDemographics = new Set<string>();

  for (const i of members) {
    const record = records[i];
    if (!record) continue;
    if (!sourceIds.includes(record.sourceId)) sourceIds.push(record.sourceId);
    for (const identifier of ids[i] ?? []) {
      const key = identifierKey(identifier);
      const entry = identifiers.get(key) ?? {
        issuer: identifier.issuer,
        id: identifier.id,
        sourceIds: [],
      };
      if (!entry.sourceIds.includes(record.sourceId)) entry.sourceIds.push(record.sourceId);
      identifiers.set(key, entry);
    }
    const d = demographicsOf(record.sourceId, record.dataset);
    const dKey = JSON.stringify(d);
    if (!seenDemographics.has(dKey)) {
      seenDemographics.add(dKey);
      demographics.push(d);
    }
  }

  const sortedIdentifiers = [...identifiers.values()].sort(
    (a, b) => insRank(a.issuer) - insRank(b.issuer),
  );
  const insList = sortedIdentifiers.filter((i) => isIns(i.issuer));
  const best = insList[0];

  const conflicts: Conflict[] = [];
  for (const field of ['family', 'given', 'birthDate', 'sex'] as const) {
    const c = conflictOf(
      field,
      demographics.map((d) => ({ value: d[field], sourceId: d.sourceId })),
    );
    if (c) conflicts.push(c);
  }
  // Two different INS of the same kind in one cluster: some site's cross-reference is wrong.
  for (const issuer of new Set(insList.map((i) => i.issuer))) {
    const c = conflictOf(
      'ins',
      insList
        .filter((i) => i.issuer === issuer)
        .flatMap((i) => i.sourceIds.map((sourceId) => ({ value: i.id, sourceId }))),
    );
    if (c) conflicts.push(c);
  }

  return {
    records: members,
    sourceIds,
    identifiers: sortedIdentifiers,
    ins: best ? { issuer: best.issuer, id: best.id } : null,
    demographics,
    conflicts,
  };
}

/**
 * What to ask a source for this patient: every identifier with an issuer (INS first), and
 * the bare PatientIDs that this very source gave — never another site's bare number.
 */
export function queryIdentifiersFor(
  cluster: PatientCluster,
  sourceId: string,
): PatientIdentifier[] {
  return cluster.identifiers
    .filter((i) => i.issuer !== '' || i.sourceIds.includes(sourceId))
    .map(({ issuer, id }) => ({ issuer, id }));
}
