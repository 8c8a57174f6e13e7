// Runs inside `dev/stack.ts run`: the Orthancs of the stack named by DRIM_STACK_FILE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashTree } from './hashTree';
import { generateSample } from './generate';
import { isSourceLoaded } from './load';
import type { ManifestPatient } from './manifest';
import { readManifest, readStackInfo } from '../stack/stackInfo';

const stack = readStackInfo();
const manifest = readManifest(stack);

/** How a source knows the patient: the INS where there is one, else its own local number. */
function queryIdentity(
  p: ManifestPatient,
  sourceId: string,
): { id: string; issuer: string } | null {
  if (p.ins) return p.ins;
  const local = p.localIds.find((l) => l.sourceId === sourceId);
  return local ? { id: local.id, issuer: local.issuer } : null;
}

type DicomJson = Record<string, { Value?: unknown[] }>;
const first = (d: DicomJson, tag: string): unknown => d[tag]?.Value?.[0];

describe('sample data in the local Orthancs', () => {
  const m = manifest;
  const sources = stack.sources;

  it.each(sources.map((s) => [s.id, s] as const))(
    '%s holds exactly the manifest',
    async (_id, src) => {
      expect(await isSourceLoaded(src.orthancUrl, m.totals.instancesPerSource[src.id] ?? -1)).toBe(
        true,
      );
      for (const p of m.patients) {
        const expected = m.studies.filter(
          (s) => s.patientKey === p.key && s.sourceIds.includes(src.id as never),
        );
        const who = queryIdentity(p, src.id);
        if (!who) {
          expect(expected).toEqual([]);
          continue;
        }
        // Orthanc does not URL-decode QIDO values: the ids and OIDs are passed raw (they need no escaping).
        const url =
          `${src.dicomWebUrl}/studies?PatientID=${who.id}&IssuerOfPatientID=${who.issuer}` +
          '&includefield=ModalitiesInStudy&includefield=NumberOfStudyRelatedInstances&includefield=StudyDescription';
        const res = await fetch(url, { headers: { Accept: 'application/dicom+json' } });
        expect(res.status, url).toBeLessThan(300);
        const text = await res.text();
        const found = (text ? (JSON.parse(text) as DicomJson[]) : []).map((d) => ({
          uid: first(d, '0020000D'),
          modalities: [...((d['00080061']?.Value as string[] | undefined) ?? [])].sort(),
          instances: Number(first(d, '00201208')),
          description: first(d, '00081030'),
        }));
        const want = expected.map((s) => ({
          uid: s.studyInstanceUID,
          modalities: s.modalities,
          instances: s.numberOfInstances,
          description: s.description,
        }));
        const byUid = (a: { uid: unknown }, b: { uid: unknown }) =>
          String(a.uid).localeCompare(String(b.uid));
        expect(found.sort(byUid), `${p.key} at ${src.id}`).toEqual(want.sort(byUid));
      }
    },
  );

  it('regenerates byte for byte', async () => {
    const sampleDir = path.dirname(stack.manifestPath);
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-regen-'));
    try {
      const out = path.join(base, 'sample');
      await generateSample({ out, seed: m.seed, log: () => undefined });
      const a = hashTree(sampleDir);
      const b = hashTree(out);
      expect(b.size).toBe(a.size);
      for (const [file, hash] of a) expect(b.get(file), file).toBe(hash);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  }, 300_000);
});
