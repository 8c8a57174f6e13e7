import { describe, expect, it } from 'vitest';
import { rewriteUpstreamUrls } from './rewriteUrls';

const UP = 'http://127.0.0.1:18100/dicom-web';
const PUB = 'https://viewer.example.fr/dicomweb/drimbox-nancy';

const rewrite = (json: unknown, up = UP, pub = PUB): unknown =>
  JSON.parse(rewriteUpstreamUrls(JSON.stringify(json), up, pub));

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
    const out = rewrite(metadata) as typeof metadata;
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

  it('rewrites the base itself and a base followed by a query', () => {
    expect(rewrite([UP, `${UP}?a=1`])).toEqual([PUB, `${PUB}?a=1`]);
  });

  it('leaves lookalikes alone, including the base quoted inside another string', () => {
    const json = {
      a: `${UP}-other/studies`,
      b: 'http://127.0.0.1:18100/instances/x',
      c: `x${UP}/studies`,
      d: `say "${UP}/studies"`,
      e: `\\"${UP}/studies`,
    };
    expect(rewrite(json)).toEqual(json);
  });

  it('rewrites a value that follows an escaped backslash', () => {
    expect(rewrite({ a: 'x\\', b: `${UP}/studies` })).toEqual({ a: 'x\\', b: `${PUB}/studies` });
  });

  it('accepts a base written with a trailing slash', () => {
    expect(rewrite([`${UP}/studies/9`], `${UP}/`, `${PUB}/`)).toEqual([`${PUB}/studies/9`]);
  });

  it('handles an answer far larger than any stack', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => `${UP}/studies/${i}`);
    const out = rewrite(many) as string[];
    expect(out[199_999]).toBe(`${PUB}/studies/199999`);
  });
});
