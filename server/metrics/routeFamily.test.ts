import { describe, expect, it } from 'vitest';
import { ROUTE_FAMILIES } from './gatewayMetrics';
import { DICOMWEB_ROUTE, routeFamily, routeSource } from './routeFamily';

const ST = '1.2.826.0.1.3680043.8.498.1';
const SE = `${ST}.1`;
const IN = `${ST}.1.1`;

const dicomweb = (path: string): string => routeFamily(DICOMWEB_ROUTE, path, 200);

describe('routeFamily', () => {
  it('tells the DICOMweb requests apart by their shape, whatever the UIDs', () => {
    expect(dicomweb('studies')).toBe('dicomweb-qido');
    expect(dicomweb(`studies/${ST}/series`)).toBe('dicomweb-qido');
    expect(dicomweb(`studies/${ST}/series/${SE}/instances`)).toBe('dicomweb-qido');
    expect(dicomweb(`studies/${ST}/metadata`)).toBe('dicomweb-metadata');
    expect(dicomweb(`studies/${ST}/series/${SE}/metadata`)).toBe('dicomweb-metadata');
    expect(dicomweb(`studies/${ST}/series/${SE}/instances/${IN}/metadata`)).toBe(
      'dicomweb-metadata',
    );
    expect(dicomweb(`studies/${ST}/series/${SE}/instances/${IN}/frames/1`)).toBe('dicomweb-frames');
    expect(dicomweb(`studies/${ST}/series/${SE}/instances/${IN}/frames/1,2,3`)).toBe(
      'dicomweb-frames',
    );
    expect(dicomweb(`studies/${ST}/series/${SE}/instances/${IN}/bulk/7FE00010`)).toBe(
      'dicomweb-bulk',
    );
    expect(dicomweb(`studies/${ST}/series/${SE}/instances/${IN}/frames/1/rendered`)).toBe(
      'dicomweb-rendered',
    );
    expect(dicomweb(`studies/${ST}/series/${SE}/thumbnail`)).toBe('dicomweb-rendered');
    expect(dicomweb(`studies/${ST}/rendered`)).toBe('dicomweb-rendered');
    expect(dicomweb(`studies/${ST}/series/${SE}`)).toBe('dicomweb-other');
    expect(dicomweb(`studies/${ST}/series/${SE}/instances/${IN}`)).toBe('dicomweb-other');
  });

  it('puts what is not a DICOMweb read path under dicomweb-other', () => {
    for (const path of ['', 'patients', 'studies/%2e%2e/x', `studies/${ST}/../..`, 'tools/find']) {
      expect(dicomweb(path), path).toBe('dicomweb-other');
    }
    expect(routeFamily(DICOMWEB_ROUTE, undefined, 404)).toBe('dicomweb-other');
    // The refusal of writes (POST, DELETE…) on any DICOMweb path.
    expect(routeFamily('/dicomweb/*', 'studies', 405)).toBe('dicomweb-other');
  });

  it('reads the other families from the matched route pattern', () => {
    const cases: Array<[string, string]> = [
      ['/config.json', 'config'],
      ['/', 'spa'],
      ['/*', 'spa'],
      ['/IHEInvokeImageDisplay', 'launch'],
      ['/lien-patient/IHEInvokeImageDisplay', 'launch'],
      ['/api/conso/parameters', 'launch'],
      ['/ouverture-impossible/:key', 'launch'],
      ['/api/keys', 'keys'],
      ['/api/keys/:key', 'keys'],
      ['/api/fhir/Consent', 'fhir'],
      ['/api/fhir/Consent/:id', 'fhir'],
      ['/api/fhir/AuditEvent', 'fhir'],
      ['/api/break-glass', 'fhir'],
      ['/api/studies/:key/download.zip', 'download'],
      ['/api/studies/:key/download-ticket', 'download'],
      ['/api/studies/:key/exports', 'download'],
      ['/api/downloads/:ticket/:name', 'download'],
      ['/api/me', 'other'],
      ['/healthz', 'other'],
      ['/api/sources/:id/status', 'other'],
      ['/api/*', 'other'],
    ];
    for (const [url, family] of cases) expect(routeFamily(url, undefined, 200), url).toBe(family);
  });

  it('counts a client route answered with index.html as the SPA, other unmatched URLs not', () => {
    expect(routeFamily(undefined, undefined, 200)).toBe('spa');
    expect(routeFamily(undefined, undefined, 404)).toBe('other');
    expect(routeFamily(undefined, undefined, 401)).toBe('other');
  });

  it('only ever answers a member of the closed set', () => {
    const families = new Set<string>(ROUTE_FAMILIES);
    for (const url of [undefined, '/x/:y', '/dicomweb/:sourceId/*', '/api/fhir/Patient'])
      for (const wildcard of [undefined, 'studies', `${ST}?PatientID=1`])
        for (const status of [200, 302, 404, 500])
          expect(families.has(routeFamily(url, wildcard, status))).toBe(true);
  });
});

describe('routeSource', () => {
  it('takes the source from the proxy and status routes only', () => {
    expect(routeSource(DICOMWEB_ROUTE, { sourceId: 'drimbox-a', '*': 'studies' })).toBe(
      'drimbox-a',
    );
    expect(routeSource('/api/sources/:id/status', { id: 'drimbox-b' })).toBe('drimbox-b');
    expect(routeSource('/api/keys/:key', { key: 'drimbox-a' })).toBeUndefined();
    expect(routeSource(undefined, {})).toBeUndefined();
  });
});
