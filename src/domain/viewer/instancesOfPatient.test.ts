import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../dicom/dicomJson';
import { patient, type PatientSpec } from '../identity/testDatasets';
import { keepPatientInstances } from './instancesOfPatient';

const INS_OID = '1.2.250.1.213.1.4.10';
const MARIE = { issuer: INS_OID, id: '258037512345653' };
const JEAN = { issuer: INS_OID, id: '171115432101297' };
const NANCY_LOCAL = { issuer: '2.25.1', id: 'P000481' };

const instance = (sop: string, who: PatientSpec): DicomDataset => ({
  ...patient(who),
  '00080018': { vr: 'UI', Value: [sop] },
});
const sops = (list: readonly DicomDataset[]) =>
  list.map((ds) => (ds['00080018'] as { Value: string[] }).Value[0]);

describe('the images a series may show for the patient it was opened for', () => {
  it.each<[string, DicomDataset[], (typeof MARIE)[] | undefined, string[], number]>([
    [
      'all hers',
      [instance('1', { ...MARIE }), instance('2', { ...MARIE })],
      [MARIE],
      ['1', '2'],
      0,
    ],
    [
      'his slices under her series UID: only hers',
      [instance('1', { ...MARIE }), instance('2', { ...JEAN }), instance('3', { ...MARIE })],
      [MARIE],
      ['1', '3'],
      1,
    ],
    [
      'a whole series of his: nothing',
      [instance('1', { ...JEAN }), instance('2', { ...JEAN })],
      [MARIE],
      [],
      2,
    ],
    [
      'hers by the INS beside the site’s own number (Other Patient IDs)',
      [instance('1', { ...NANCY_LOCAL, others: [MARIE] })],
      [MARIE],
      ['1'],
      0,
    ],
    [
      'the INS number without its issuer is not hers for sure',
      [instance('1', { id: MARIE.id })],
      [MARIE],
      [],
      1,
    ],
    [
      'images naming nobody stay, as before',
      [instance('1', { ...MARIE }), instance('2', {})],
      [MARIE],
      ['1', '2'],
      0,
    ],
    [
      'images naming nobody beside another person’s: nobody can say whose, set aside',
      [instance('1', { ...MARIE }), instance('2', {}), instance('3', { ...JEAN })],
      [MARIE],
      ['1'],
      2,
    ],
    [
      'opened for nobody, one person named: all of it',
      [instance('1', { id: '1234' }), instance('2', {})],
      undefined,
      ['1', '2'],
      0,
    ],
    [
      'opened for nobody, two persons in one series: none of it',
      [instance('1', { ...MARIE }), instance('2', { ...JEAN })],
      undefined,
      [],
      2,
    ],
  ])('%s', (_, instances, who, kept, setAside) => {
    const result = keepPatientInstances(instances, who);
    expect(sops(result.kept)).toEqual(kept);
    expect(result.setAside).toBe(setAside);
  });
});
