import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { recordTypeOf, writeDicomdir, type DicomdirPatient } from './dicomdir';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const PDF = '1.2.840.10008.5.1.4.1.1.104.1';
const JLS = '1.2.840.10008.1.2.4.80';

const patients: DicomdirPatient[] = [
  {
    patientName: 'DUBOIS^MARIE',
    patientId: '258037512345653',
    issuerOfPatientId: '1.2.250.1.213.1.4.10',
    birthDate: '19580314',
    sex: 'F',
    studies: [
      {
        studyInstanceUid: '2.25.1',
        studyDate: '20260914',
        studyTime: '091500',
        studyId: '1',
        accessionNumber: 'NCY2600001',
        studyDescription: 'SCANNER THORAX — évaluation\\ligne',
        series: [
          {
            seriesInstanceUid: '2.25.11',
            modality: 'CT',
            seriesNumber: '1',
            instances: [1, 2, 3].map((n) => ({
              fileId: ['DICOM', 'ST000001', 'SE000001', `IM00000${n}`],
              sopClassUid: CT,
              sopInstanceUid: `2.25.11${n}`,
              transferSyntaxUid: JLS,
              instanceNumber: String(n),
            })),
          },
          {
            seriesInstanceUid: '2.25.12',
            modality: 'DOC',
            seriesNumber: '99',
            instances: [
              {
                fileId: ['DICOM', 'ST000001', 'SE000002', 'IM000004'],
                sopClassUid: PDF,
                sopInstanceUid: '2.25.121',
                transferSyntaxUid: '1.2.840.10008.1.2.1',
                instanceNumber: '1',
                documentTitle: 'Compte rendu',
                mimeType: 'application/pdf',
              },
            ],
          },
        ],
      },
    ],
  },
];

describe('writeDicomdir', () => {
  const file = writeDicomdir(patients, { fileSetId: 'drim viewer', sopInstanceUid: '2.25.99' });

  it('links every record to its next sibling and its first child by file offset', () => {
    const ds = dicomParser.parseDicom(new Uint8Array(file));
    expect(ds.string('x00020002')).toBe('1.2.840.10008.1.3.10');
    const items = ds.elements['x00041220']!.items!;
    expect(items.map((i) => i.dataSet!.string('x00041430'))).toEqual([
      'PATIENT',
      'STUDY',
      'SERIES',
      'IMAGE',
      'IMAGE',
      'IMAGE',
      'SERIES',
      'ENCAP DOC',
    ]);
    // An item's offset is that of its tag: 8 bytes before its content.
    const at = items.map((i) => i.dataOffset - 8);
    const link = (i: number, tag: string) => items[i]!.dataSet!.uint32(tag);
    const next = (i: number) => link(i, 'x00041400');
    const lower = (i: number) => link(i, 'x00041420');
    expect(ds.uint32('x00041200')).toBe(at[0]);
    expect(ds.uint32('x00041202')).toBe(at[0]);
    expect([lower(0), lower(1), lower(2), lower(6)]).toEqual([at[1], at[2], at[3], at[7]]);
    expect([next(2), next(3), next(4), next(5), next(6)]).toEqual([at[6], at[4], at[5], 0, 0]);
    expect([next(0), next(1), lower(3), lower(7)]).toEqual([0, 0, 0, 0]);
    expect(items[3]!.dataSet!.string('x00041500')).toBe('DICOM\\ST000001\\SE000001\\IM000001');
    expect(items[3]!.dataSet!.string('x00041512')).toBe(JLS);
    expect(items[7]!.dataSet!.string('x00420012')).toBe('application/pdf');
    // A backslash in a text value would split it into several values.
    const description = items[1]!.dataSet!.elements['x00081030']!;
    expect(
      file
        .toString('utf8', description.dataOffset, description.dataOffset + description.length)
        .trimEnd(),
    ).toBe('SCANNER THORAX — évaluation ligne');
  });

  it('is read by dcmtk’s dcmdump as a Media Storage Directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dicomdir-'));
    try {
      const at = path.join(dir, 'DICOMDIR');
      fs.writeFileSync(at, file);
      const dump = execFileSync('dcmdump', ['-E', at], { encoding: 'utf8' });
      expect(dump).toContain('MediaStorageDirectoryStorage');
      expect(dump.match(/"Directory Record" IMAGE/g)).toHaveLength(3);
      expect(dump).toMatch(/offset=\$\d+ +refFileID="DICOM\\ST000001\\SE000002\\IM000004"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses file IDs a file-set cannot hold', () => {
    const image = { ...patients[0]!.studies[0]!.series[0]!.instances[0]! };
    image.fileId = ['DICOM', 'image-1.dcm'];
    const series = { ...patients[0]!.studies[0]!.series[0]!, instances: [image] };
    const study = { ...patients[0]!.studies[0]!, series: [series] };
    const bad = [{ ...patients[0]!, studies: [study] }];
    expect(() => writeDicomdir(bad, { fileSetId: 'X' })).toThrow(/file ID/);
  });

  it('names each kind of object with its directory record type', () => {
    expect(recordTypeOf(CT)).toBe('IMAGE');
    expect(recordTypeOf(PDF)).toBe('ENCAP DOC');
    expect(recordTypeOf('1.2.840.10008.5.1.4.1.1.88.33')).toBe('SR DOCUMENT');
    expect(recordTypeOf('1.2.840.10008.5.1.4.1.1.88.59')).toBe('KEY OBJECT DOC');
    expect(recordTypeOf('1.2.840.10008.5.1.4.1.1.11.1')).toBe('PRESENTATION');
  });
});
