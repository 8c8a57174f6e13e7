// Whose series a study holds at one source. A StudyInstanceUID is meant to be one exam of
// one patient, yet a source may file series of two people under it (a CD imported under the
// wrong UID, a faulty modality), and the viewer must never show them as one study. The
// source's series rows are asked with the patient's attributes and sorted into persons
// (identity/matchPatients.ts: rows sharing an (issuer, id) pair are one person; at one source,
// rows sharing none are two — distinctPersons.ts).
//
// Rules (why):
// - Opened for a patient, several persons: only the series naming that patient are shown;
//   the others are set aside and counted, the other person never named.
// - Opened for nobody (a link naming only the exam), several persons: nothing is shown
//   until the professional chooses whose series to open; a patient user never chooses.
// - One person, or rows that name nobody: the series open as they always did — a source
//   may say nothing of the patient at series level. Unless that one person surely is
//   someone else than the patient asked for (both with an INS, none shared): nothing shows.
// - Rows that name nobody beside several persons belong to no one that can be told: set
//   aside with the other person's.
// Each image is checked again against the same patient (instancesOfPatient.ts).
import type { DicomDataset } from '../dicom/dicomJson';
import {
  holdsSeveralPersons,
  namesSomeone,
  sharesIdentifier,
  surelyAnotherPerson,
} from '../identity/distinctPersons';
import { matchPatients, type PatientCluster } from '../identity/matchPatients';
import type { PatientIdentifier } from '../identity/patientIdentifier';
import type { PersonFacts } from '../identity/personText';

export interface SeriesRow<T> {
  series: T;
  /** The series row as the source answered it, patient attributes included. */
  dataset: DicomDataset;
}

export interface PatientGroup<T> {
  identifiers: PatientIdentifier[];
  facts: PersonFacts;
  series: T[];
}

export type SeriesSplit<T> =
  | {
      kind: 'open';
      series: T[];
      /** Whom every image is held to: the patient asked for, else the one person named. */
      patient?: PatientIdentifier[];
      /** Series of another person set aside (distinct series UIDs). */
      setAside: number;
      /** Who the kept series name, when others were set aside. */
      shown?: PersonFacts;
      /** Who the kept series name, when they name someone (the viewer's header says it). */
      person?: PersonFacts;
    }
  | { kind: 'choose'; groups: PatientGroup<T>[] }
  /** Nothing here is the patient's. */
  | { kind: 'none'; setAside: number };

type Listed = { seriesInstanceUID: string };

function factsOf(cluster: PatientCluster): PersonFacts {
  const d = cluster.demographics.find((x) => x.family !== '' || x.given !== '');
  const born = cluster.demographics.find((x) => x.birthDate !== '');
  const sex = cluster.demographics.find((x) => x.sex !== '');
  return {
    name: d ? { family: d.family, given: d.given } : null,
    birthDate: born ? born.birthDate : null,
    sex: sex?.sex ?? '',
  };
}

function distinctUids<T extends Listed>(series: readonly T[], except: ReadonlySet<string>): number {
  return new Set(series.map((s) => s.seriesInstanceUID).filter((uid) => !except.has(uid))).size;
}

export function seriesByPatient<T extends Listed>(
  rows: readonly SeriesRow<T>[],
  opts: { patient?: readonly PatientIdentifier[]; mayChoose: boolean },
): SeriesSplit<T> {
  // One source: the source id only has to be the same for every row.
  const clusters = matchPatients(rows.map((r) => ({ sourceId: 'source', dataset: r.dataset })));
  const named = clusters.filter(namesSomeone);
  const seriesOf = (members: readonly PatientCluster[]) =>
    members.flatMap((c) => c.records.flatMap((i) => (rows[i] ? [rows[i].series] : [])));
  const all = rows.map((r) => r.series);
  const patient = opts.patient && opts.patient.length > 0 ? [...opts.patient] : undefined;

  if (!holdsSeveralPersons(named)) {
    const [only] = named;
    if (patient && only && surelyAnotherPerson(only.identifiers, patient)) {
      return { kind: 'none', setAside: distinctUids(all, new Set()) };
    }
    const heldTo =
      patient ?? (only ? only.identifiers.map(({ issuer, id }) => ({ issuer, id })) : undefined);
    return {
      kind: 'open',
      series: all,
      setAside: 0,
      ...(heldTo ? { patient: heldTo } : {}),
      ...(only ? { person: factsOf(only) } : {}),
    };
  }

  const theirs = patient ? named.filter((c) => sharesIdentifier(c.identifiers, patient)) : [];
  if (patient && theirs.length > 0) {
    const kept = seriesOf(theirs);
    const keptUids = new Set(kept.map((s) => s.seriesInstanceUID));
    const [first] = theirs;
    return {
      kind: 'open',
      series: kept,
      patient,
      setAside: distinctUids(all, keptUids),
      ...(first ? { shown: factsOf(first), person: factsOf(first) } : {}),
    };
  }
  if (!opts.mayChoose) return { kind: 'none', setAside: distinctUids(all, new Set()) };
  return {
    kind: 'choose',
    groups: named.map((c) => ({
      identifiers: c.identifiers.map(({ issuer, id }) => ({ issuer, id })),
      facts: factsOf(c),
      series: seriesOf([c]),
    })),
  };
}
