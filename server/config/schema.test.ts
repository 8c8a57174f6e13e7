import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadRegionConfig, parseRegionConfig } from './loadConfig';
import { toPublicConfig } from './publicConfig';

const here = path.dirname(fileURLToPath(import.meta.url));
const examplePath = path.join(here, 'region.example.json');
// Tests poke at arbitrary fields of the parsed file, hence JSON.parse's own loose type.
type LooseJson = ReturnType<typeof JSON.parse>;
const example = (): LooseJson => JSON.parse(fs.readFileSync(examplePath, 'utf8'));

function messageFor(mutate: (c: LooseJson) => void): string {
  const config = example();
  mutate(config);
  try {
    parseRegionConfig(config, 'region.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('config was accepted');
}

describe('region config', () => {
  it('accepts the example region', () => {
    const config = loadRegionConfig(examplePath);
    expect(config.sources.map((s) => s.kind)).toEqual(['drimbox', 'drimbox', 'regional']);
    expect(config.idp.acrValues).toBe('eidas1');
  });

  it.each([
    [
      (c: LooseJson) => (c.sources[1].upstream.url = 'ftp://pacs'),
      'Configuration invalide (region.json) : sources.1.upstream.url — URL http(s) attendue',
    ],
    [(c: LooseJson) => (c.idp.issuer = 'pas une url'), 'idp.issuer — URL http(s) attendue'],
    [(c: LooseJson) => delete c.idp.audience, 'idp.audience — champ obligatoire'],
    [
      (c: LooseJson) => (c.sources[0].id = 'DRIMBOX Nancy'),
      'sources.0.id — identifiant en minuscules',
    ],
    [
      (c: LooseJson) => (c.sources[2].id = c.sources[0].id),
      'sources.2.id — identifiant déjà utilisé',
    ],
    [
      (c: LooseJson) => (c.sources[0].kind = 'pacs'),
      'sources.0.kind — « drimbox » ou « regional » attendu',
    ],
    [(c: LooseJson) => (c.sources[0].timeoutMs = 1.5), 'sources.0.timeoutMs'],
    [(c: LooseJson) => (c.sources[0].qido.decodesUrl = 'non'), 'sources.0.qido.decodesUrl'],
    [(c: LooseJson) => (c.sources[0].timeoutMS = 8000), 'sources.0.timeoutMS — champ inconnu'],
    [
      (c: LooseJson) => delete c.sources[0].upstream.password,
      'sources.0.upstream.password — username et password vont ensemble',
    ],
    [(c: LooseJson) => (c.sources = []), 'sources — au moins une source'],
    [
      (c: LooseJson) => (c.gateway.metadataCacheMegabytes = -1),
      'gateway.metadataCacheMegabytes — au moins 0',
    ],
    [(c: LooseJson) => (c.gateway.metadataCacheMegabytes = '64'), 'gateway.metadataCacheMegabytes'],
    [(c: LooseJson) => (c.region.name = '  '), 'region.name — texte non vide attendu'],
    [(c: LooseJson) => (c.storage = { kind: 'oracle' }), 'storage.kind'],
    [(c: LooseJson) => (c.sources[0].maxConnections = 0), 'sources.0.maxConnections — au moins 1'],
    [
      (c: LooseJson) => (c.storage.url = 'mysql://db/drim'),
      'storage.url — adresse postgresql:// attendue',
    ],
    [(c: LooseJson) => (c.storage.password = 'x'), 'storage.password — champ inconnu'],
    [(c: LooseJson) => (c.gateway.metricsPort = 70000), 'gateway.metricsPort — port invalide'],
  ])('names the bad field (%#)', (mutate, expected) => {
    expect(messageFor(mutate)).toContain(expected);
  });

  it('stops on unreadable JSON and on a missing file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-config-'));
    const file = path.join(dir, 'region.json');
    fs.writeFileSync(file, '{ "region": ');
    expect(() => loadRegionConfig(file)).toThrow(
      /Configuration invalide \(region.json\) : JSON illisible/,
    );
    expect(() => loadRegionConfig(path.join(dir, 'absent.json'))).toThrow(
      /Configuration introuvable/,
    );
    fs.rmSync(dir, { recursive: true });
  });

  it('publishes no upstream detail in /config.json', () => {
    const pub = toPublicConfig(loadRegionConfig(examplePath));
    const text = JSON.stringify(pub);
    expect(text).not.toMatch(/upstream|password|change-me|decodesUrl|X-Api-Key|example\.fr\/dicom/);
    expect(pub.idp).toEqual({
      issuer: 'https://auth.drim-grandest.example.fr/realms/drim',
      clientId: 'drim-viewer',
      scope: 'openid profile drim',
      acrValues: 'eidas1',
    });
    expect(pub.sources[0]).toMatchObject({
      id: 'drimbox-chru-nancy',
      kind: 'drimbox',
      timeoutMs: 8000,
    });
  });
});
