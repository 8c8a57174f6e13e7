// Readers for DICOM JSON (PS3.18 F.2) coming from sources we do not control: any element may
// be missing, null, of the wrong type, an InlineBinary instead of a Value, or a hostile
// string. Every reader answers a neutral value ('' / [] / null) instead of throwing, so one
// bad attribute costs one cell of the list, never a source's whole answer.

export type DicomDataset = Readonly<Record<string, unknown>>;

export interface PersonName {
  family: string;
  given: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `Value` array of an element, or [] for anything else (absent, InlineBinary, BulkDataURI…). */
function values(ds: unknown, tag: string): readonly unknown[] {
  if (!isRecord(ds)) return [];
  // Own-property read: a tag named like "constructor" must not reach the prototype.
  if (!Object.hasOwn(ds, tag)) return [];
  const element = ds[tag];
  if (!isRecord(element)) return [];
  const value = element['Value'];
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // A PN value read as text: its alphabetic form is what a person would recognise.
  if (isRecord(value) && typeof value['Alphabetic'] === 'string') return value['Alphabetic'].trim();
  return '';
}

/** The first value as text, '' when there is none. */
export function str(ds: unknown, tag: string): string {
  for (const v of values(ds, tag)) {
    const t = text(v);
    if (t !== '') return t;
  }
  return '';
}

/**
 * Every non-empty value as text. Some servers send a multi-valued CS as one string joined
 * with the DICOM separator `\`, so it is split here too.
 */
export function strs(ds: unknown, tag: string): string[] {
  const out: string[] = [];
  for (const v of values(ds, tag)) {
    for (const part of text(v).split('\\')) {
      const t = part.trim();
      if (t !== '') out.push(t);
    }
  }
  return out;
}

/** The first value as a finite number (IS/DS may come as strings), null otherwise. */
export function num(ds: unknown, tag: string): number | null {
  const [first] = values(ds, tag);
  if (typeof first === 'number') return Number.isFinite(first) ? first : null;
  if (typeof first === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(first)) {
    const n = Number(first);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A PN's alphabetic group split at `^`; null when it has neither family nor given name. */
export function personName(ds: unknown, tag: string): PersonName | null {
  const [first] = values(ds, tag);
  let alphabetic = '';
  if (isRecord(first) && typeof first['Alphabetic'] === 'string') alphabetic = first['Alphabetic'];
  // Some servers flatten PN to a plain string, ideographic and phonetic groups after `=`.
  else if (typeof first === 'string') alphabetic = first.split('=')[0] ?? '';
  const [family = '', given = ''] = alphabetic.split('^');
  const name = { family: family.trim(), given: given.trim() };
  return name.family === '' && name.given === '' ? null : name;
}

/** A calendar date YYYY-MM-DD from integers, or null if no such day exists. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth) return null;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** DA `YYYYMMDD` (or the ACR-NEMA `YYYY.MM.DD` older archives still hold) → ISO, else null. */
export function parseDicomDate(value: string): string | null {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (!m) return null;
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function date(ds: unknown, tag: string): string | null {
  return parseDicomDate(str(ds, tag));
}

/** The items of a sequence that are datasets; anything else in it is dropped. */
export function seq(ds: unknown, tag: string): DicomDataset[] {
  return values(ds, tag).filter(isRecord);
}

export function isDataset(value: unknown): value is DicomDataset {
  return isRecord(value);
}
