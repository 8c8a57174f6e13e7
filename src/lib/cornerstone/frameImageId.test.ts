import { describe, expect, it } from 'vitest';
import { frameImageId, instanceOfImageId } from './frameImageId';

describe('instanceOfImageId', () => {
  const address = {
    sourceId: 'drimbox-nancy',
    studyInstanceUID: '1.2.3',
    seriesInstanceUID: '1.2.3.4',
    sopInstanceUID: '1.2.3.4.5',
  };
  it('gives every frame of an instance the same instance', () => {
    const one = instanceOfImageId(frameImageId({ ...address, frame: 1 }, 'https://v.example'));
    const other = instanceOfImageId(frameImageId({ ...address, frame: 12 }, 'https://v.example'));
    expect(one).toBe(other);
    expect(one).toBe(
      'https://v.example/dicomweb/drimbox-nancy/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5',
    );
  });
  it('tells instances apart, and leaves an id without frames as it is', () => {
    const a = instanceOfImageId(frameImageId({ ...address, frame: 1 }, 'https://v.example'));
    const b = instanceOfImageId(
      frameImageId({ ...address, sopInstanceUID: '1.2.3.4.6', frame: 1 }, 'https://v.example'),
    );
    expect(a).not.toBe(b);
    expect(instanceOfImageId('wadors:https://v.example/x/bulk/7FE00010')).toBe(
      'https://v.example/x/bulk/7FE00010',
    );
  });
});
