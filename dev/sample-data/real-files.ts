// The real third-party files (real/SOURCES.md) go to Nancy as they are; this reads what
// the manifest must say about them, tolerating their oddities (deflate, big endian, no
// Modality), and tells which ones Orthanc will keep as a single instance.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import dicomParser from 'dicom-parser';
import type { ManifestRealFile } from './manifest';

export const REAL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'real');

export function listRealFiles(dir = REAL_DIR): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(r);
      else if (entry.name.endsWith('.dcm')) out.push(r);
    }
  };
  walk('');
  // Byte order, not locale order: the listing (and so Orthanc's choice among duplicates) must not vary.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function inflater(arr: Uint8Array, position: number): Uint8Array {
  const inflated = zlib.inflateRawSync(arr.subarray(position));
  const full = new Uint8Array(position + inflated.length);
  full.set(arr.subarray(0, position));
  full.set(inflated, position);
  return full;
}

export function describeRealFile(
  dir: string,
  file: string,
): Omit<ManifestRealFile, 'duplicateOf' | 'notes'> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
  const ds = dicomParser.parseDicom(bytes, {
    untilTag: 'x7fe00010',
    inflater: inflater as unknown as (arr: Uint8Array, position: number) => void,
  });
  const str = (tag: string): string => (ds.string(tag) ?? '').trim();
  const modality = str('x00080060');
  return {
    file,
    studyInstanceUID: str('x0020000d'),
    seriesInstanceUID: str('x0020000e'),
    sopInstanceUID: str('x00080018'),
    patientID: str('x00100020'),
    modality: modality || null,
    transferSyntaxUID: str('x00020010'),
    numberOfFrames: Number(str('x00280008') || '1'),
    rows: ds.uint16('x00280010') ?? 0,
    columns: ds.uint16('x00280011') ?? 0,
    photometricInterpretation: str('x00280004'),
  };
}

/**
 * Orthanc identifies an instance by (PatientID, Study, Series, SOP Instance UID): a later
 * file with the same four is "AlreadyStored" and the first one uploaded is kept.
 */
export function describeRealFiles(dir = REAL_DIR): ManifestRealFile[] {
  const firstByKey = new Map<string, string>();
  const patientsByStudy = new Map<string, Set<string>>();
  const described = listRealFiles(dir).map((file) => {
    const d = describeRealFile(dir, file);
    const key = [d.patientID, d.studyInstanceUID, d.seriesInstanceUID, d.sopInstanceUID].join('|');
    const first = firstByKey.get(key);
    if (!first) firstByKey.set(key, file);
    const patients = patientsByStudy.get(d.studyInstanceUID) ?? new Set<string>();
    patients.add(d.patientID);
    patientsByStudy.set(d.studyInstanceUID, patients);
    return { ...d, duplicateOf: first ?? null };
  });
  return described.map((d) => {
    const notes: string[] = [];
    if ((patientsByStudy.get(d.studyInstanceUID)?.size ?? 0) > 1) {
      // Orthanc keys a study by PatientID + StudyInstanceUID: QIDO lists this UID twice.
      notes.push('study-uid-shared-with-other-patient-id');
    }
    if (!d.modality) notes.push('no-modality');
    if (!d.patientID) notes.push('empty-patient-id');
    return { ...d, notes };
  });
}
