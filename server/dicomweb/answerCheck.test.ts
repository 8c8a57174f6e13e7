import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../../src/domain/dicom/dicomJson';
import { parseDicomwebPath } from './allowedPaths';
import { checkAnswer } from './answerCheck';
import { parseBrowserQuery } from './upstreamQuery';

const OID = '1.2.250.1.213.1.4.10';
const MARIE = '258037512345653';
const JEAN = '171115432101297';

function ds(fields: Record<string, string>): DicomDataset {
  return Object.fromEntries(
    Object.entries(fields).map(([tag, value]) => [tag, { vr: 'LO', Value: [value] }]),
  );
}
const study = (uid: string, ins: string, issuer = OID, accession = 'A1') =>
  ds({ '0020000D': uid, '00100020': ins, '00100021': issuer, '00080050': accession });

function check(path: string, query: string, answer: DicomDataset[], onlyFor?: string) {
  const target = parseDicomwebPath(path)!;
  return checkAnswer(answer, {
    target,
    query: parseBrowserQuery(query, target),
    ...(onlyFor ? { onlyFor: [{ issuer: OID, id: onlyFor }] } : {}),
  });
}

describe('checkAnswer', () => {
  it('drops what a source returned outside the exact patient it was asked for', () => {
    const out = check('studies', `PatientID=${MARIE}&IssuerOfPatientID=${OID}`, [
      study('1.1', MARIE),
      study('1.2', JEAN),
      study('1.3', MARIE, '1.2.250.1.213.1.4.8'),
      ds({ '0020000D': '1.4' }),
    ]);
    expect(out.kept.map((d) => (d['0020000D'] as { Value: string[] }).Value[0])).toEqual(['1.1']);
    expect(out.dropped).toBe(3);
  });

  it('reads the patient from Other Patient IDs as well', () => {
    const local = {
      ...ds({ '0020000D': '1.1', '00100020': 'P000481', '00100021': '2.25.1' }),
      '00101002': {
        vr: 'SQ',
        Value: [
          { '00100020': { vr: 'LO', Value: [MARIE] }, '00100021': { vr: 'LO', Value: [OID] } },
        ],
      },
    };
    expect(
      check('studies', `PatientID=${MARIE}&IssuerOfPatientID=${OID}`, [local]).kept,
    ).toHaveLength(1);
  });

  it('keeps to the UIDs and accession number asked for', () => {
    expect(
      check('studies', 'StudyInstanceUID=1.1,1.3', [
        study('1.1', MARIE),
        study('1.2', JEAN),
        study('1.3', JEAN),
      ]).kept,
    ).toHaveLength(2);
    expect(
      check('studies', 'AccessionNumber=A1', [study('1.1', MARIE), study('1.2', JEAN, OID, 'A2')])
        .dropped,
    ).toBe(1);
  });

  it('keeps a study-scoped answer inside its study', () => {
    const rows = [
      ds({ '0020000D': '1.1', '0020000E': '1.1.1' }),
      ds({ '0020000D': '9.9', '0020000E': '9.9.1' }),
      ds({ '0020000E': '1.1.2' }),
    ];
    expect(check('studies/1.1/series', '', rows).kept).toHaveLength(2);
  });

  it('keeps to the people the request is bound to, and says who the rest are about', () => {
    const rows = [
      ds({ '0020000D': '1.1', '00100020': MARIE, '00100021': OID }),
      ds({ '0020000D': '1.1', '00100020': JEAN, '00100021': OID }),
    ];
    const pro = check('studies/1.1/series', '', rows);
    expect(pro.kept).toHaveLength(2);
    expect(pro.persons).toHaveLength(2);
    const patient = check('studies/1.1/series', '', rows, MARIE);
    expect(patient.kept).toHaveLength(1);
    expect(patient.persons).toHaveLength(1);
    expect(JSON.stringify(patient.kept)).not.toContain(JEAN);
  });

  it('never forwards a dataset naming nobody to someone bound to a patient', () => {
    expect(check('studies/1.1/metadata', '', [ds({ '0020000D': '1.1' })], MARIE).kept).toEqual([]);
  });
});
