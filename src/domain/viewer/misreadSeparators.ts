// Multi-valued attributes a source misread. A file whose SpecificCharacterSet names ISO 2022
// IR 13 (JIS X 0201) makes Orthanc read every byte 0x5C as `¥` instead of the DICOM value
// separator `\`, even in attributes whose repertoire is plain ASCII. What reaches the viewer:
// - strings (CS, UI, DA…) come as one value joined with `¥` ("ORIGINAL¥PRIMARY¥AXIAL");
// - numbers (DS, IS) are lost: the element is there with an empty Value, so pixel spacing,
//   position, orientation and window are gone, and only the file itself still has them.
// Both are mended here from what is known; nothing here throws on hostile input: a value
// that cannot be read back is left as the source sent it, and the readers of dicomJson.ts
// answer their neutral value for it as they would anyway.

export type MendableDataset = Record<string, unknown>;

/** VRs whose repertoire has no `¥`: in them it can only be a misread `\`. */
const ASCII_ONLY_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'TM', 'UI']);
const NUMBER_VRS = new Set(['DS', 'IS']);
const SEPARATORS = /[\\¥]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
/** More values than any image attribute has (a LUT is binary, not a DS): past it, garbage. */
export const MAX_VALUES = 1024;
/** DS is at most 16 characters a value; room for the separators and some padding. */
const MAX_TEXT = MAX_VALUES * 20;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TAG = /^[0-9A-Fa-f]{8}$/;

function elementOf(ds: MendableDataset, tag: string): Record<string, unknown> | null {
  if (!Object.hasOwn(ds, tag)) return null;
  const element = ds[tag];
  return isRecord(element) ? element : null;
}

/**
 * The values of one `\`-separated text as DICOM JSON values for `vr`: strings for text VRs,
 * finite numbers for DS/IS (an empty part is a null, as in DICOM JSON). Null when any part
 * is not what the VR allows, or when there are implausibly many.
 */
export function splitValues(text: string, vr: string): (string | number | null)[] | null {
  if (text.length > MAX_TEXT) return null;
  const parts = text.split(SEPARATORS);
  if (parts.length > MAX_VALUES) return null;
  const out: (string | number | null)[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!NUMBER_VRS.has(vr)) {
      out.push(part);
      continue;
    }
    if (part === '') {
      out.push(null);
      continue;
    }
    if (!(vr === 'IS' ? INTEGER : NUMBER).test(part)) return null;
    const n = Number(part);
    if (!Number.isFinite(n)) return null;
    out.push(n);
  }
  return out;
}

function hasYen(value: readonly unknown[]): boolean {
  for (const v of value) if (typeof v === 'string' && v.includes('¥')) return true;
  return false;
}

/** The values of an element with every `¥`-joined string split; null when nothing changes. */
function splitJoined(value: readonly unknown[], vr: string): unknown[] | null {
  const out: unknown[] = [];
  for (const v of value) {
    if (typeof v !== 'string' || !v.includes('¥')) {
      out.push(v);
      continue;
    }
    const parts = splitValues(v, vr);
    if (!parts) return null;
    out.push(...parts);
  }
  return out.length > MAX_VALUES ? null : out;
}

/**
 * The number elements (DS, IS) the source lost: present, with an empty Value — which valid
 * DICOM JSON never has (an empty attribute has no Value at all). Only these make the file
 * itself worth reading.
 */
export function lostNumberTags(ds: MendableDataset): string[] {
  const lost: string[] = [];
  for (const tag of Object.keys(ds)) {
    const element = elementOf(ds, tag);
    const value = element?.['Value'];
    if (!Array.isArray(value) || value.length > 0) continue;
    const vr = element?.['vr'];
    // Only DICOM tags: a key named like an Object property is never named back.
    if (typeof vr === 'string' && NUMBER_VRS.has(vr) && TAG.test(tag)) lost.push(tag);
  }
  return lost;
}

/**
 * The dataset with its misread separators mended: `¥`-joined strings of ASCII-only VRs
 * split into their values, and each lost number element given the values of its text in
 * the file (`fromFile`: tag → the file's text, `\`-separated), when that text reads as
 * numbers. Returns the same object when there is nothing to mend.
 */
export function mendSeparators(
  ds: MendableDataset,
  fromFile: ReadonlyMap<string, string> = new Map(),
): MendableDataset {
  let out: Record<string, unknown> | null = null;
  const set = (tag: string, element: Record<string, unknown>, value: unknown[]) => {
    out ??= { ...ds };
    out[tag] = { ...element, Value: value };
  };
  for (const tag of Object.keys(ds)) {
    const element = elementOf(ds, tag);
    const vr = element?.['vr'];
    const value = element?.['Value'];
    // The usual case, kept cheap (every instance of every series comes through here): a
    // value list with no `¥` that is not an empty number list.
    if (!element || typeof vr !== 'string' || !Array.isArray(value)) continue;
    if (value.length > 0 && !hasYen(value)) continue;
    // Only DICOM tags: a key named like an Object property is never written.
    if (!ASCII_ONLY_VRS.has(vr) || !TAG.test(tag)) continue;
    if (value.length === 0) {
      const text = fromFile.get(tag);
      const parts = NUMBER_VRS.has(vr) && text !== undefined ? splitValues(text, vr) : null;
      if (parts && parts.some((p) => p !== null)) set(tag, element, parts);
      continue;
    }
    const split = splitJoined(value, vr);
    if (split) set(tag, element, split);
  }
  return out ?? ds;
}
