// Who may read what, in one place, decided before anything goes upstream. Later issues
// plug in here: consent gating of the regional archive (professionals), break-the-glass,
// confidentiality codes, and the access trace (FHIR AuditEvent) of each decision.
import type { Principal } from '../auth/principal';
import { forbidden } from '../errors';
import type { DicomwebTarget } from './allowedPaths';
import type { StudyOwnership } from './studyOwnership';
import type { UpstreamClient } from './upstreamClient';
import type { QidoQuery } from './upstreamQuery';

export interface AccessRequest {
  principal: Principal;
  upstream: UpstreamClient;
  target: DicomwebTarget;
  query: QidoQuery;
  signal?: AbortSignal;
}

export interface AccessPolicy {
  /** Throws a GatewayError (403) when the principal may not make this request. */
  authorize(req: AccessRequest): Promise<void>;
  /** Called once the answer's status is known; the access trace will be written here. */
  recordAccess?(req: AccessRequest, status: number): void;
}

const notYours = (): Error =>
  forbidden('Cet examen n’est pas accessible avec votre compte patient.');

export function defaultAccessPolicy(ownership: StudyOwnership): AccessPolicy {
  return {
    async authorize(req) {
      const { principal, target, query } = req;
      if (principal.kind === 'professional') {
        // Consent gating for `regional` sources goes here (source.kind === 'regional').
        return;
      }
      if (target.unscoped) {
        const id = query.get('PatientID');
        const issuer = query.get('IssuerOfPatientID');
        if (id?.[0] !== principal.ins || issuer?.[0] !== principal.insOid) {
          throw forbidden('Votre compte patient ne permet de rechercher que vos propres examens.');
        }
        return;
      }
      if (target.studyUid === undefined) throw notYours();
      const own = await ownership.isOwnStudy(principal, req.upstream, target.studyUid, req.signal);
      if (!own) throw notYours();
    },
  };
}
