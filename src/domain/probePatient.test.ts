import { describe, expect, it } from 'vitest';
import { probeFor } from './probePatient';
import type { PublicConfig } from './publicConfig';

const base: PublicConfig = {
  region: { name: 'R' },
  idp: { issuer: 'http://idp', clientId: 'c', scope: 'openid' },
  sources: [],
};
const withProbe: PublicConfig = {
  ...base,
  demo: { probePatient: { id: '258037512345653', issuer: '1.2.250.1.213.1.4.10' } },
};

describe('probeFor', () => {
  it('uses the region’s test patient for a professional', () => {
    expect(probeFor({ role: 'professional' }, withProbe)).toEqual({
      kind: 'probe',
      patient: { id: '258037512345653', issuer: '1.2.250.1.213.1.4.10' },
      whose: 'testPatient',
    });
    expect(probeFor({ role: 'professional' }, base)).toEqual({
      kind: 'none',
      why: 'noTestPatient',
    });
  });

  it('uses only the patient’s own INS for a patient, never the test patient', () => {
    expect(
      probeFor(
        { role: 'patient', ins: '171115432101297', insOid: '1.2.250.1.213.1.4.10' },
        withProbe,
      ),
    ).toEqual({
      kind: 'probe',
      patient: { id: '171115432101297', issuer: '1.2.250.1.213.1.4.10' },
      whose: 'self',
    });
    expect(probeFor({ role: 'patient', ins: '171115432101297' }, withProbe)).toEqual({
      kind: 'none',
      why: 'noIns',
    });
  });

  it('probes nothing for a user without a recognised role', () => {
    expect(probeFor({ role: 'unknown' }, withProbe)).toEqual({ kind: 'none', why: 'noRole' });
  });
});
