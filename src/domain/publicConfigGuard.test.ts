import { describe, expect, it } from 'vitest';
import { ConfigShapeError, parsePublicConfig } from './publicConfigGuard';

const qido = {
  issuerOfPatientId: true,
  modalitiesInStudy: true,
  studyDateRange: true,
  bodyPartAtStudyLevel: false,
  maxResults: 200,
};

function validConfig(): Record<string, unknown> {
  return {
    region: { name: 'Grand Est (démonstration)' },
    idp: { issuer: 'http://localhost:8090', clientId: 'drim-viewer', scope: 'openid profile drim' },
    sources: [
      { id: 'drimbox-nancy', label: 'DRIMbox Nancy', kind: 'drimbox', qido, timeoutMs: 8000 },
      { id: 'archive', label: 'Archive', kind: 'regional', qido, timeoutMs: 15000 },
    ],
    demo: { insOid: '1.2.250.1.213.1.4.10' },
  };
}

function problem(value: unknown): { path: string; expected: string } {
  try {
    parsePublicConfig(value);
  } catch (error) {
    if (error instanceof ConfigShapeError) return { path: error.path, expected: error.expected };
    throw error;
  }
  throw new Error('expected a ConfigShapeError');
}

describe('parsePublicConfig', () => {
  it('accepts the local stack’s config and keeps only known fields', () => {
    const raw = validConfig();
    (raw.sources as Record<string, unknown>[])[0]!.upstream = { url: 'http://secret' };
    (raw.idp as Record<string, unknown>).audience = 'urn:x';
    const config = parsePublicConfig(raw);
    expect(config.sources).toHaveLength(2);
    expect(config.sources[0]).not.toHaveProperty('upstream');
    expect(config.idp).toEqual({
      issuer: 'http://localhost:8090',
      clientId: 'drim-viewer',
      scope: 'openid profile drim',
    });
    expect(config.demo?.insOid).toBe('1.2.250.1.213.1.4.10');
  });

  it('keeps acr_values when configured and accepts a config without demo', () => {
    const raw = validConfig();
    delete raw.demo;
    (raw.idp as Record<string, unknown>).acrValues = 'eidas1';
    const config = parsePublicConfig(raw);
    expect(config.idp.acrValues).toBe('eidas1');
    expect(config).not.toHaveProperty('demo');
  });

  it('keeps the IdP endpoints the gateway read, and drops them whole when any is off', () => {
    const withEndpoints = (endpoints: unknown) => {
      const raw = validConfig();
      (raw.idp as Record<string, unknown>).endpoints = endpoints;
      return parsePublicConfig(raw).idp.endpoints;
    };
    const good = {
      authorization: 'http://localhost:8090/auth',
      token: 'http://localhost:8090/token',
      endSession: 'http://localhost:8090/session/end',
    };
    expect(withEndpoints({ ...good, extra: 'x' })).toEqual(good);
    expect(withEndpoints({ ...good, endSession: undefined })).toEqual({
      authorization: good.authorization,
      token: good.token,
    });
    for (const bad of [
      'http://idp',
      null,
      { ...good, token: undefined },
      { ...good, authorization: 'javascript:alert(1)' },
      { ...good, endSession: 42 },
      { ...good, token: `http://x/${'a'.repeat(3000)}` },
    ]) {
      expect(withEndpoints(bad)).toBeUndefined();
    }
  });

  it.each([
    ['not an object', () => 'hello', 'config', 'object'],
    [
      'no region',
      (c: Record<string, unknown>) => ({ ...c, region: undefined }),
      'region',
      'object',
    ],
    [
      'an empty issuer',
      (c: Record<string, unknown>) => ({ ...c, idp: { ...(c.idp as object), issuer: ' ' } }),
      'idp.issuer',
      'nonEmptyString',
    ],
    [
      'sources not a list',
      (c: Record<string, unknown>) => ({ ...c, sources: {} }),
      'sources',
      'array',
    ],
    [
      'no source',
      (c: Record<string, unknown>) => ({ ...c, sources: [] }),
      'sources',
      'atLeastOneSource',
    ],
  ])('names the field when %s', (_label, change, path, expected) => {
    expect(problem(change(validConfig()))).toEqual({ path, expected });
  });

  it.each([
    ['kind', 'pacs', 'sources[1].kind', 'sourceKind'],
    ['timeoutMs', '8000', 'sources[1].timeoutMs', 'positiveInteger'],
    ['timeoutMs', -1, 'sources[1].timeoutMs', 'positiveInteger'],
    ['label', 42, 'sources[1].label', 'nonEmptyString'],
    ['qido', null, 'sources[1].qido', 'object'],
  ])('names the source field %s when it is %j', (field, value, path, expected) => {
    const raw = validConfig();
    (raw.sources as Record<string, unknown>[])[1]![field] = value;
    expect(problem(raw)).toEqual({ path, expected });
  });

  it('names a QIDO capability of the wrong type', () => {
    const raw = validConfig();
    (raw.sources as Record<string, unknown>[])[0]!.qido = { ...qido, maxResults: 1.5 };
    expect(problem(raw)).toEqual({
      path: 'sources[0].qido.maxResults',
      expected: 'positiveInteger',
    });
  });

  it('refuses two sources with the same id', () => {
    const raw = validConfig();
    (raw.sources as Record<string, unknown>[])[1]!.id = 'drimbox-nancy';
    expect(problem(raw)).toEqual({ path: 'sources[1].id', expected: 'uniqueId' });
  });

  it('names a broken demo INS OID', () => {
    const raw = validConfig();
    raw.demo = { insOid: '' };
    expect(problem(raw)).toEqual({ path: 'demo.insOid', expected: 'nonEmptyString' });
  });
});
