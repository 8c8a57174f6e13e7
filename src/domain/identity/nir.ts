// The INS-NIR carries its own check: key = 97 − (13-digit number mod 97). Checking it
// catches a mistyped digit before a search is sent to every site of the region.
// Corsican départements (2A, 2B) are not numbers: by the INSEE rule they count as 19 and 18.

const NIR = /^([0-9]{5})([0-9]{2}|2A|2B)([0-9]{6})([0-9]{2})?$/;

function digits13(nir: string): number | null {
  const m = NIR.exec(nir.replace(/\s/g, '').toUpperCase());
  if (!m) return null;
  const dept = m[2] === '2A' ? '19' : m[2] === '2B' ? '18' : (m[2] ?? '');
  // 13 digits stay below 2^53: plain numbers are exact here.
  return Number(`${m[1]}${dept}${m[3]}`);
}

/** The key of a 13-character NIR (spaces allowed), or null if it is not one. */
export function nirKey(nir13: string): number | null {
  const compact = nir13.replace(/\s/g, '');
  if (compact.length !== 13) return null;
  const n = digits13(compact);
  return n === null ? null : 97 - (n % 97);
}

/** A 15-character NIR (13 + key, spaces allowed) whose key is right. */
export function isValidNir(nir15: string): boolean {
  const compact = nir15.replace(/\s/g, '').toUpperCase();
  if (compact.length !== 15) return false;
  const key = nirKey(compact.slice(0, 13));
  return key !== null && key === Number(compact.slice(13));
}
