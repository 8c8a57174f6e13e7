import { describe, expect, it } from 'vitest';
import { ConfigLoadError, loadConfig } from './loadConfig';

const valid = {
  region: { name: 'R' },
  idp: { issuer: 'http://idp', clientId: 'drim-viewer', scope: 'openid' },
  sources: [
    {
      id: 'a',
      label: 'A',
      kind: 'drimbox',
      timeoutMs: 8000,
      qido: {
        issuerOfPatientId: true,
        modalitiesInStudy: true,
        studyDateRange: true,
        bodyPartAtStudyLevel: false,
        maxResults: 200,
      },
    },
  ],
};

async function problemOf(fetchImpl: () => Promise<Response>) {
  try {
    await loadConfig(fetchImpl as typeof fetch);
  } catch (error) {
    if (error instanceof ConfigLoadError) return error.problem;
    throw error;
  }
  throw new Error('expected a ConfigLoadError');
}

describe('loadConfig', () => {
  it('returns a valid config', async () => {
    const config = await loadConfig((async () => Response.json(valid)) as typeof fetch);
    expect(config.sources[0]?.id).toBe('a');
  });

  it('names each kind of problem', async () => {
    expect(
      await problemOf(async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toEqual({ kind: 'network' });
    expect(await problemOf(async () => new Response('nope', { status: 500 }))).toEqual({
      kind: 'http',
      status: 500,
    });
    expect(await problemOf(async () => new Response('{', { status: 200 }))).toEqual({
      kind: 'json',
    });
    expect(await problemOf(async () => Response.json({ ...valid, sources: 'x' }))).toEqual({
      kind: 'shape',
      path: 'sources',
      expected: 'array',
    });
  });
});
