import { describe, expect, it } from 'vitest';
import type { Principal } from '../principal';
import { reportTimingFor } from './reportTiming';

const doctor = (specialty?: string): Principal => ({
  role: 'professional',
  profession: { code: '10', label: 'Médecin' },
  ...(specialty ? { specialty: { code: specialty, label: specialty } } : {}),
});

describe('reportTimingFor', () => {
  it('shows the report at once to a GP, a patient, and whoever cannot be placed', () => {
    expect(reportTimingFor(doctor('SM54'))).toBe('at-once');
    expect(reportTimingFor({ role: 'patient' })).toBe('at-once');
    expect(reportTimingFor({ role: 'unknown' })).toBe('at-once');
    expect(reportTimingFor(null)).toBe('at-once');
    expect(reportTimingFor(doctor())).toBe('at-once');
    expect(
      reportTimingFor({
        role: 'professional',
        profession: { code: '60', label: 'Infirmier' },
        specialty: { code: 'SM44', label: '' },
      }),
    ).toBe('at-once');
  });

  it('lets a radiologist or another specialist have the images first', () => {
    expect(reportTimingFor(doctor('SM44'))).toBe('after-images');
    expect(reportTimingFor(doctor('SM04'))).toBe('after-images');
  });
});
