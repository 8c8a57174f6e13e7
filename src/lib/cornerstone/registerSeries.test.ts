import { wadors } from '@cornerstonejs/dicom-image-loader';
import { describe, expect, it } from 'vitest';
import { frameImageId } from './frameImageId';
import { forgetRegisteredSeries, registerSeries } from './registerSeries';

const ORIGIN = 'http://localhost:8080';
const ADDRESS = {
  sourceId: 'drimbox-nancy',
  studyInstanceUID: '1.2.3',
  seriesInstanceUID: '1.2.3.4',
};
const instance = (sop: string) => ({
  '00080018': { vr: 'UI', Value: [sop] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DUBOIS^MARIE' }] },
  '00280010': { vr: 'US', Value: [2] },
  '00280011': { vr: 'US', Value: [2] },
});
const idOf = (sop: string) => frameImageId({ ...ADDRESS, sopInstanceUID: sop, frame: 1 }, ORIGIN);

describe('metadata handed to the image loader', () => {
  it('is found under each frame’s image id, then forgotten at the end of the session', async () => {
    await registerSeries(ADDRESS, [instance('1.2.3.4.1'), instance('1.2.3.4.2')], {
      origin: ORIGIN,
      accessToken: 'token',
    });
    expect(wadors.metaDataManager.get(idOf('1.2.3.4.1'))).toBeDefined();
    expect(wadors.metaDataManager.get(idOf('1.2.3.4.2'))).toBeDefined();

    forgetRegisteredSeries();

    expect(wadors.metaDataManager.get(idOf('1.2.3.4.1'))).toBeUndefined();
    expect(wadors.metaDataManager.get(idOf('1.2.3.4.2'))).toBeUndefined();
  });
});
