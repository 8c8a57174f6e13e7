// Who the datasets of one answer are about. A source is not trusted to keep one UID to one
// patient (CD imports, faulty modalities), so whoever shows or forwards an answer sorts its
// datasets into persons first: datasets sharing any (issuer, id) pair are one person (a
// site's local number and the INS it lists beside it), datasets sharing none are two.
// Datasets naming nobody (an empty PatientID) form one "unidentified" person of their own:
// nothing links them to anyone, so they are never folded into a named patient.
import type { DicomDataset } from '../dicom/dicomJson';
import { identifiersOf } from './identifiersOf';
import { identifierKey, type PatientIdentifier } from './patientIdentifier';

export interface Person {
  /** Every (issuer, id) pair the person's datasets give; empty for the unidentified. */
  identifiers: PatientIdentifier[];
  /** Positions of the person's datasets in the answer. */
  datasets: number[];
}

/** Whether the dataset names one of these identifiers (PatientID or Other Patient IDs). */
export function namesAnyOf(
  dataset: DicomDataset,
  identifiers: readonly PatientIdentifier[],
): boolean {
  if (identifiers.length === 0) return false;
  const wanted = new Set(identifiers.map(identifierKey));
  return identifiersOf(dataset).some((i) => wanted.has(identifierKey(i)));
}

export function personsIn(datasets: readonly DicomDataset[]): Person[] {
  return groupPersons(datasets.map(identifiersOf));
}

/** The same grouping from each dataset's identifiers, already read. */
export function groupPersons(lists: ReadonlyArray<readonly PatientIdentifier[]>): Person[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    // Path compression keeps a long answer linear.
    let node = key;
    while (node !== root) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const ids = lists.map((list) => list.filter((i) => i.id.trim() !== ''));
  for (const list of ids) {
    for (const i of list) {
      const key = identifierKey(i);
      if (!parent.has(key)) parent.set(key, key);
    }
    const [first, ...rest] = list.map(identifierKey);
    if (first === undefined) continue;
    for (const key of rest) parent.set(find(key), find(first));
  }

  const byRoot = new Map<string, { person: Person; seen: Set<string> }>();
  const unidentified: Person = { identifiers: [], datasets: [] };
  ids.forEach((list, index) => {
    const [first] = list;
    if (!first) {
      unidentified.datasets.push(index);
      return;
    }
    const root = find(identifierKey(first));
    let group = byRoot.get(root);
    if (!group) {
      group = { person: { identifiers: [], datasets: [] }, seen: new Set() };
      byRoot.set(root, group);
    }
    group.person.datasets.push(index);
    for (const i of list) {
      const key = identifierKey(i);
      if (group.seen.has(key)) continue;
      group.seen.add(key);
      group.person.identifiers.push({ issuer: i.issuer, id: i.id });
    }
  });
  const persons = [...byRoot.values()].map((g) => g.person);
  if (unidentified.datasets.length > 0) persons.push(unidentified);
  return persons;
}
