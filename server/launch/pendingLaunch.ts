// What the gateway keeps of a launch until someone logs in and claims it: the parameters
// exactly as received (the SPA parses them again with the same domain code, so nothing is
// lost or reinterpreted in between), who the launch is for, and the patient it names.
import { parseContextualCall } from '../../src/domain/launch/contextualCall';
import { parseIidRequest } from '../../src/domain/launch/iid';
import { launchError, type LaunchError } from '../../src/domain/launch/launchError';
import { isIns, type PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import type { LaunchSignInSecrets } from './launchSignIn';

/**
 * `professional`: a DPI, a RIS or a CDA report opened it. `patient`: a Mon Espace Santé
 * link. One never opens in the other's mode (CONTRACTS.md § Context launch).
 */
export type LaunchAudience = 'professional' | 'patient';

export type LaunchKind = 'iid' | 'contextualCall';

export interface PendingLaunch {
  kind: LaunchKind;
  audience: LaunchAudience;
  params: Array<[string, string]>;
  /** The patient the launch is about, when it names one. */
  patient?: PatientIdentifier;
  /** Sent through the IdP on its way in: what its code is exchanged with (launchSignIn.ts). */
  signIn?: LaunchSignInSecrets;
}

export type LaunchParse =
  | { ok: true; launch: PendingLaunch; warnings: Array<{ code: string; parameter: string }> }
  | { ok: false; errors: LaunchError[] };

const patientLinkNeedsIns = (): LaunchError =>
  launchError(
    'missing_parameter',
    'patientID',
    'Un lien patient doit désigner le patient par son INS (paramètre « patientID » au format ID^^^&OID&ISO, OID de l’INS) : sans lui, la visionneuse ne peut pas vérifier que le lien vous concerne. Redemandez le lien depuis Mon Espace Santé.',
    'A patient link must name the patient by INS (patientID as ID^^^&OID&ISO with an INS OID).',
  );

export function readIidLaunch(
  params: Array<[string, string]>,
  audience: LaunchAudience,
): LaunchParse {
  const parsed = parseIidRequest(params);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const cx = parsed.request.patient;
  const patient = cx ? { id: cx.id, issuer: cx.issuer } : undefined;
  // A patient's account is bound to an INS: a link that names none cannot be checked.
  if (audience === 'patient' && (!patient || !isIns(patient.issuer))) {
    return { ok: false, errors: [patientLinkNeedsIns()] };
  }
  return {
    ok: true,
    launch: { kind: 'iid', audience, params, ...(patient ? { patient } : {}) },
    warnings: parsed.warnings.map((w) => ({ code: w.code, parameter: w.parameter })),
  };
}

export function readContextualCall(params: Array<[string, string]>): LaunchParse {
  const parsed = parseContextualCall(params);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { value, system } = parsed.launch.ins;
  return {
    ok: true,
    launch: {
      kind: 'contextualCall',
      audience: 'professional',
      params,
      patient: { id: value, issuer: system },
    },
    warnings: [],
  };
}
