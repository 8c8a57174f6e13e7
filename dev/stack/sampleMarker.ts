// Which sample set a source's Orthanc storage was loaded from. Orthanc keeps the first copy
// of an instance it is sent again, and the loader compares instance counts only: a
// regenerated sample whose files changed but whose counts did not (a header fixed, pixels
// redrawn) would otherwise be served from the old bytes. Storage loaded from another sample
// is emptied before its Orthanc starts, and loaded again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const MARKER = 'drim-sample.txt';

/** The manifest's bytes name the sample: its UIDs, truth and the generator's version. */
export function sampleFingerprint(manifestPath: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(manifestPath)).digest('hex');
}

/** Empties a storage folder loaded from another sample (or from an unknown one). */
export function forgetOtherSample(storageDir: string, fingerprint: string): boolean {
  if (!fs.existsSync(storageDir)) return false;
  let loadedFrom: string | null = null;
  try {
    loadedFrom = fs.readFileSync(path.join(storageDir, MARKER), 'utf8').trim();
  } catch {
    // No marker: storage from before markers existed, or an interrupted load.
  }
  const empty = fs.readdirSync(storageDir).length === 0;
  if (loadedFrom === fingerprint || empty) return false;
  fs.rmSync(storageDir, { recursive: true, force: true });
  fs.mkdirSync(storageDir, { recursive: true });
  return true;
}

/** Written once the source holds the whole sample. */
export function markSampleLoaded(storageDir: string, fingerprint: string): void {
  fs.writeFileSync(path.join(storageDir, MARKER), `${fingerprint}\n`);
}
