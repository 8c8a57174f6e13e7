// A valid RegionConfig for tests, pointed at fakes.
import type { RegionConfig, SourceConfig } from '../config/schema';

export function testSource(
  id: string,
  url: string,
  overrides: Partial<SourceConfig> = {},
): SourceConfig {
  return {
    id,
    label: `Source ${id}`,
    kind: 'drimbox',
    upstream: { url },
    qido: {
      issuerOfPatientId: true,
      modalitiesInStudy: true,
      studyDateRange: true,
      bodyPartAtStudyLevel: false,
      maxResults: 200,
      decodesUrl: false,
    },
    timeoutMs: 2000,
    ...overrides,
  };
}

export function testConfig(issuer: string, sources: SourceConfig[]): RegionConfig {
  return {
    region: { name: 'Région de test' },
    idp: {
      issuer,
      clientId: 'drim-viewer',
      scope: 'openid profile drim',
      audience: 'urn:drim-viewer:gateway',
    },
    sources,
  };
}
