// What the browser may know of the region: everything upstream (URLs, credentials, how a
// source's URL quirks are handled) stays here.
import type { IdpEndpoints, PublicConfig } from '../../src/domain/publicConfig';
import type { RegionConfig } from './schema';

export function toPublicConfig(config: RegionConfig, endpoints?: IdpEndpoints): PublicConfig {
  return {
    region: { name: config.region.name },
    idp: {
      issuer: config.idp.issuer,
      clientId: config.idp.clientId,
      scope: config.idp.scope,
      ...(config.idp.acrValues ? { acrValues: config.idp.acrValues } : {}),
      ...(endpoints ? { endpoints: { ...endpoints } } : {}),
    },
    sources: config.sources.map((s) => ({
      id: s.id,
      label: s.label,
      kind: s.kind,
      qido: {
        issuerOfPatientId: s.qido.issuerOfPatientId,
        modalitiesInStudy: s.qido.modalitiesInStudy,
        studyDateRange: s.qido.studyDateRange,
        bodyPartAtStudyLevel: s.qido.bodyPartAtStudyLevel,
        maxResults: s.qido.maxResults,
      },
      timeoutMs: s.timeoutMs,
    })),
    ...(config.demo ? { demo: { insOid: config.demo.insOid } } : {}),
  };
}
