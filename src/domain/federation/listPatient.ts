// Whose list this is, as the sources say it: name, birth date, sex and INS read from the
// study records the list shows (each already checked to name the patient asked for), never
// from what was typed in a search or sent by a link. When sources disagree, every value is
// kept with the sources giving it — the reader decides, nothing is picked silently.
import type { PersonName } from '../dicom/dicomJson';
import { foldText } from '../dicom/foldText';
import type { StudyRecord } from '../dicom/studyRecords';
import { identifiersOf } from '../identity/identifiersOf';
import { insRank, isIns } from '../identity/patientIdentifier';
import { longDate } from '../dateText';
import { bornText, nameText, type TextLanguage } from '../identity/personText';

export interface Sourced<T> {
  value: T;
  sourceIds: string[];
}

export interface ListPatient {
  names: Sourced<PersonName>[];
  /** ISO dates. */
  birthDates: Sourced<string>[];
  /** DICOM PatientSex values given (`F`, `M`, `O`). */
  sexes: string[];
  /** The best INS kind the records carry (qualified NIR first), each id given. */
  ins: Sourced<string>[];
}

export type IdentityField = 'name' | 'birthDate' | 'ins';

function collect<T>(
  into: Sourced<T>[],
  value: T,
  sourceId: string,
  same: (a: T, b: T) => boolean,
): void {
  const entry = into.find((e) => same(e.value, value));
  if (!entry) into.push({ value, sourceIds: [sourceId] });
  else if (!entry.sourceIds.includes(sourceId)) entry.sourceIds.push(sourceId);
}

const sameName = (a: PersonName, b: PersonName) =>
  foldText(`${a.family} ${a.given}`) === foldText(`${b.family} ${b.given}`);

/** Null until a record is there to say who it is. */
export function listPatientOf(
  copies: ReadonlyArray<{ sourceId: string; record: StudyRecord }>,
): ListPatient | null {
  if (copies.length === 0) return null;
  const patient: ListPatient = { names: [], birthDates: [], sexes: [], ins: [] };
  const insFound: { issuer: string; id: string; sourceId: string }[] = [];
  for (const { sourceId, record } of copies) {
    if (record.patientName) collect(patient.names, record.patientName, sourceId, sameName);
    if (record.patientBirthDate) {
      collect(patient.birthDates, record.patientBirthDate, sourceId, (a, b) => a === b);
    }
    if (record.patientSex !== '' && !patient.sexes.includes(record.patientSex)) {
      patient.sexes.push(record.patientSex);
    }
    for (const i of identifiersOf(record.dataset)) {
      if (isIns(i.issuer)) insFound.push({ issuer: i.issuer.trim(), id: i.id.trim(), sourceId });
    }
  }
  // A NIA beside a NIR is the same person's temporary number, not a disagreement.
  const best = Math.min(...insFound.map((i) => insRank(i.issuer)));
  for (const i of insFound.filter((x) => insRank(x.issuer) === best)) {
    collect(patient.ins, i.id, i.sourceId, (a, b) => a === b);
  }
  return patient;
}

export function disagreements(patient: ListPatient): IdentityField[] {
  const out: IdentityField[] = [];
  if (patient.names.length > 1) out.push('name');
  if (patient.birthDates.length > 1) out.push('birthDate');
  if (patient.ins.length > 1) out.push('ins');
  return out;
}

/**
 * « DUBOIS Marie, née le 14 mars 1958 — INS 258037512345653 »; values the sources disagree
 * on are all written, separated by « / ». '' when the records name nobody.
 */
export function listPatientText(patient: ListPatient, lang: TextLanguage): string {
  const name = patient.names.map((n) => nameText(n.value)).join(' / ');
  const sex = patient.sexes.length === 1 ? (patient.sexes[0] ?? '') : '';
  const born =
    patient.birthDates.length > 0
      ? `${bornText(sex, lang)} ${patient.birthDates.map((d) => longDate(d.value, lang)).join(' / ')}`
      : '';
  const ins = patient.ins.length > 0 ? `INS ${patient.ins.map((i) => i.value).join(' / ')}` : '';
  const who = [name, born].filter((p) => p !== '').join(', ');
  return [who, ins].filter((p) => p !== '').join(' — ');
}
