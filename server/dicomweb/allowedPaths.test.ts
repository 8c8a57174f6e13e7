import { describe, expect, it } from 'vitest';
import { parseDicomwebPath } from './allowedPaths';

const ST = '1.2.840.113619.2.55.3.604688119.868.1234567890.123';
const SE = '1.2.840.113619.2.55.3.604688119.868.1234567890.124';
const IN = '1.2.840.113619.2.55.3.604688119.868.1234567890.125';
const I = `studies/${ST}/series/${SE}/instances/${IN}`;

describe('DICOMweb path whitelist', () => {
  it.each([
    ['studies', 'search', true],
    ['series', 'search', true],
    ['instances', 'search', true],
    [`studies/${ST}`, 'retrieve', false],
    [`studies/${ST}/metadata`, 'retrieve', false],
    [`studies/${ST}/rendered`, 'retrieve', false],
    [`studies/${ST}/thumbnail`, 'retrieve', false],
    [`studies/${ST}/series`, 'search', false],
    [`studies/${ST}/instances`, 'search', false],
    [`studies/${ST}/series/${SE}`, 'retrieve', false],
    [`studies/${ST}/series/${SE}/metadata`, 'retrieve', false],
    [`studies/${ST}/series/${SE}/rendered`, 'retrieve', false],
    [`studies/${ST}/series/${SE}/instances`, 'search', false],
    [I, 'retrieve', false],
    [`${I}/metadata`, 'retrieve', false],
    [`${I}/rendered`, 'retrieve', false],
    [`${I}/thumbnail`, 'retrieve', false],
    [`${I}/frames/1`, 'retrieve', false],
    [`${I}/frames/1,2,30`, 'retrieve', false],
    [`${I}/frames/3/rendered`, 'retrieve', false],
    [`${I}/bulk/7fe00010`, 'retrieve', false],
    [`${I}/bulk/00281201`, 'retrieve', false],
    [`${I}/bulk/00540022/0/00281201`, 'retrieve', false],
  ])('allows %s', (path, kind, unscoped) => {
    expect(parseDicomwebPath(path)).toMatchObject({ kind, unscoped, path });
  });

  it('extracts the UIDs', () => {
    expect(parseDicomwebPath(`${I}/frames/1`)).toMatchObject({
      studyUid: ST,
      seriesUid: SE,
      instanceUid: IN,
      endpoint: 'frames',
    });
  });

  it.each([
    '',
    'patients',
    'system',
    'tools/find',
    'tools/execute-script',
    'instances/abc/file',
    'instances/0b1c2d3e-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd',
    'studies/',
    'studies//series',
    `studies/${ST}/`,
    `studies/${ST}/../../tools/find`,
    '../tools/find',
    `studies/${ST}/series/..`,
    'studies/%2e%2e/tools',
    `studies/${ST}%2Fseries`,
    `studies/${ST}%2fseries`,
    `studies\\${ST}`,
    'studies/1..2',
    'studies/.1',
    'studies/1.',
    `studies/${'1.'.repeat(32)}1`,
    `studies/abc`,
    `studies/${ST}/archive`,
    `studies/${ST}/media`,
    `studies/${ST}/series/${SE}/instances/${IN}/file`,
    `${I}/frames`,
    `${I}/frames/0`,
    `${I}/frames/1,`,
    `${I}/frames/1;2`,
    `${I}/frames/1/metadata`,
    `${I}/bulk`,
    `${I}/bulk/7fe0`,
    `${I}/bulk/00540022/0`,
    `${I}/bulk/7fe00010/../../../../../system`,
    `${I}/metadata/extra`,
    'studies?PatientID=1',
    'studies;jsessionid=1',
    'STUDIES',
    `studies/${ST}/series/${SE}/instances/${IN}/bulk/zzzzzzzz`,
  ])('refuses %s', (path) => {
    expect(parseDicomwebPath(path)).toBeNull();
  });
});
