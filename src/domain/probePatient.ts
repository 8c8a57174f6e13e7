// Which patient's studies prove that a source answers for the logged-in user. A patient
// may only query their own INS (the gateway enforces it); a professional uses the
// region's demo test patient, never a real one picked by the SPA.
import type { Principal } from './principal';
import type { PublicConfig } from './publicConfig';

export interface PatientKey {
  id: string;
  issuer: string;
}

export type ProbeChoice =
  | { kind: 'probe'; patient: PatientKey; whose: 'testPatient' | 'self' }
  /** Nothing to ask: the sources are listed as configured only. */
  | { kind: 'none'; why: 'noTestPatient' | 'noIns' | 'noRole' };

export function probeFor(principal: Principal, config: PublicConfig): ProbeChoice {
  switch (principal.role) {
    case 'professional': {
      const probe = config.demo?.probePatient;
      return probe
        ? { kind: 'probe', patient: probe, whose: 'testPatient' }
        : { kind: 'none', why: 'noTestPatient' };
    }
    case 'patient':
      return principal.ins && principal.insOid
        ? { kind: 'probe', patient: { id: principal.ins, issuer: principal.insOid }, whose: 'self' }
        : { kind: 'none', why: 'noIns' };
    default:
      return { kind: 'none', why: 'noRole' };
  }
}
