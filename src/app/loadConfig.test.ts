import { describe, expect, it, vi } from 'vitest';
import { ConfigLoadError, loadConfig, readInlineConfig } from './loadConfig';

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

describe('readInlineConfig', () => {
  const pageWith = (element: { tagName: string; type: string | null; text: string } | null) => ({
    getElementById: (id: string) =>
      id === 'drim-config' && element
        ? ({
            tagName: element.tagName,
            getAttribute: (name: string) => (name === 'type' ? element.type : null),
            textContent: element.text,
          } as unknown as HTMLElement)
        : null,
  });

  it('reads the settings the gateway wrote into index.html', () => {
    const config = readInlineConfig(
      pageWith({ tagName: 'SCRIPT', type: 'application/json', text: JSON.stringify(valid) }),
    );
    expect(config?.sources[0]?.id).toBe('a');
  });

  it('leaves it to /config.json when they are missing, not data, or invalid', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(readInlineConfig(pageWith(null))).toBeNull();
      const json = JSON.stringify(valid);
      expect(
        readInlineConfig(pageWith({ tagName: 'DIV', type: 'application/json', text: json })),
      ).toBeNull();
      expect(readInlineConfig(pageWith({ tagName: 'SCRIPT', type: null, text: json }))).toBeNull();
      expect(
        readInlineConfig(pageWith({ tagName: 'SCRIPT', type: 'application/json', text: '{' })),
      ).toBeNull();
      const noSources = JSON.stringify({ ...valid, sources: [] });
      expect(
        readInlineConfig(
          pageWith({ tagName: 'SCRIPT', type: 'application/json', text: noSources }),
        ),
      ).toBeNull();
    } finally {
      warn.mockRestore();
    }
  });
});
