// A person as a source names them, written the way a French identity check reads it:
// family name as the source spells it, given name with its capitals (« DUBOIS Marie »),
// « née le 14 mars 1958 ». Values are plain text: whoever shows them must render text, since
// a name from a source may hold anything, markup included.
import { longDate } from '../dateText';
import { personName, str, date, type DicomDataset, type PersonName } from '../dicom/dicomJson';
import { TAG } from '../dicom/tags';
import { isIns, type PatientIdentifier } from './patientIdentifier';

export type TextLanguage = 'fr' | 'en';

/** Who a dataset names, as the source gives it. */
export interface PersonFacts {
  name: PersonName | null;
  /** ISO YYYY-MM-DD, null when absent or not a date. */
  birthDate: string | null;
  /** DICOM PatientSex (`F`, `M`, `O`), upper case; '' when absent. */
  sex: string;
}

export function personFactsOf(ds: DicomDataset): PersonFacts {
  return {
    name: personName(ds, TAG.PatientName),
    birthDate: date(ds, TAG.PatientBirthDate),
    sex: str(ds, TAG.PatientSex).toUpperCase(),
  };
}

// A given name sent all in capitals is read back with its initials only; one the source
// already wrote in mixed case is left as it is (« McKenzie », « de La Tour »).
function givenAsWritten(given: string): string {
  if (given !== given.toUpperCase()) return given;
  return given
    .toLocaleLowerCase('fr')
    .replace(
      /(^|[\s'’-])(\p{L})/gu,
      (_, before: string, letter: string) => `${before}${letter.toLocaleUpperCase('fr')}`,
    );
}

export function nameText(name: PersonName | null): string {
  if (!name) return '';
  return [name.family, givenAsWritten(name.given)].filter((p) => p !== '').join(' ');
}

export function bornText(sex: string, lang: TextLanguage): string {
  if (lang === 'en') return 'born';
  // Agreement with the sex the source gives; without it, words that need none.
  return sex === 'F' ? 'née le' : sex === 'M' ? 'né le' : 'date de naissance :';
}

/** « née le 14 mars 1958 »; '' when the source gave no birth date. */
export function birthText(facts: PersonFacts, lang: TextLanguage): string {
  return facts.birthDate ? `${bornText(facts.sex, lang)} ${longDate(facts.birthDate, lang)}` : '';
}

/** « DUBOIS Marie, née le 14 mars 1958 »; whatever the source left out is left out. */
export function personSummary(facts: PersonFacts, lang: TextLanguage): string {
  return [nameText(facts.name), birthText(facts, lang)].filter((p) => p !== '').join(', ');
}

/** « INS 258037512345653 », else the first local number; '' when there is none. */
export function identifierText(
  identifiers: readonly PatientIdentifier[],
  lang: TextLanguage,
): string {
  const ins = identifiers.find((i) => isIns(i.issuer));
  if (ins) return `INS ${ins.id}`;
  const [first] = identifiers;
  if (!first) return '';
  return lang === 'en' ? `ID ${first.id}` : `identifiant ${first.id}`;
}
