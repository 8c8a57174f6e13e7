import { describe, expect, it } from 'vitest';
import { rewriteUpstreamUrls } from './rewriteUrls';

const UP = 'http://127.0.0.1:18100/dicom-web';
const PUB = 'https://viewer.example.fr/dicomweb/drimbox-nancy';

describe('absolute URL rewriting', () => {
  it('points RetrieveURL and nested BulkDataURI at the gateway', () => {
    const metadata = [
      {
        '00081190': { vr: 'UR', Value: [`${UP}/studies/1.2`] },
        '7FE00010': {
          vr: 'OW',
          BulkDataURI: `${UP}/studies/1.2/series/1.3/instances/1.4/bulk/7fe00010`,
        },
        '00540022': {
          vr: 'SQ',
          Value: [
            {
              '00281201': {
                vr: 'OW',
                BulkDataURI: `${UP}/studies/1.2/series/1.3/instances/1.4/bulk/00540022/0/00281201`,
              },
            },
          ],
        },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DUBOIS^MARIE' }] },
        '00280030': { vr: 'DS', Value: [0.5, 0.5] },
      },
    ];
    const out = rewriteUpstreamUrls(metadata, UP, PUB) as typeof metadata;
    expect(out[0]?.['00081190'].Value[0]).toBe(`${PUB}/studies/1.2`);
    expect(out[0]?.['7FE00010'].BulkDataURI).toBe(
      `${PUB}/studies/1.2/series/1.3/instances/1.4/bulk/7fe00010`,
    );
    expect(JSON.stringify(out)).toContain(
      `${PUB}/studies/1.2/series/1.3/instances/1.4/bulk/00540022/0/00281201`,
    );
    expect(JSON.stringify(out)).not.toContain('127.0.0.1:18100');
    expect(out[0]?.['00100010']).toEqual(metadata[0]?.['00100010']);
    expect(out[0]?.['00280030'].Value).toEqual([0.5, 0.5]);
  });

  it('leaves lookalikes alone', () => {
    const json = {
      a: `${UP}-other/studies`,
      b: 'http://127.0.0.1:18100/instances/x',
      c: `x${UP}/studies`,
    };
    expect(rewriteUpstreamUrls(json, UP, PUB)).toEqual(json);
  });

  it('accepts a base written with a trailing slash', () => {
    expect(rewriteUpstreamUrls([`${UP}/studies/9`], `${UP}/`, `${PUB}/`)).toEqual([
      `${PUB}/studies/9`,
    ]);
  });
});
