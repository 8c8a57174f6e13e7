import { describe, expect, it } from 'vitest';
import { nmFrameLabels } from './nmFrames';
import { nuclearSeriesOf } from './nuclearSeries';

const el = (vr: string, ...Value: unknown[]) => ({ vr, Value });

/** A static NM of two heads × two energy windows, as FrameIncrementPointer indexes it. */
const nm = {
  '00080018': el('UI', '1.2.3'),
  '00080060': el('CS', 'NM'),
  '00280008': el('IS', '4'),
  '00280009': el('AT', '00540010', '00540020'),
  '00540010': el('US', 1, 2, 1, 2),
  '00540020': el('US', 1, 1, 2, 2),
  '00540012': {
    vr: 'SQ',
    Value: [{ '00540018': el('SH', 'Tc99m') }, { '00540018': el('SH', 'Scatter') }],
  },
};

describe('NM frames', () => {
  it('names each frame’s detector and energy window from the vectors the pointer names', () => {
    expect(nmFrameLabels(nm)).toEqual([
      { detector: 1, energyWindow: 1, energyWindowName: 'Tc99m', startMs: null },
      { detector: 1, energyWindow: 2, energyWindowName: 'Scatter', startMs: null },
      { detector: 2, energyWindow: 1, energyWindowName: 'Tc99m', startMs: null },
      { detector: 2, energyWindow: 2, energyWindowName: 'Scatter', startMs: null },
    ]);
  });

  it('ignores a vector the pointer does not name, and short or malformed vectors', () => {
    const onlyDetector = { ...nm, '00280009': el('AT', '00540020') };
    expect(nmFrameLabels(onlyDetector).map((l) => [l.detector, l.energyWindow])).toEqual([
      [1, null],
      [1, null],
      [2, null],
      [2, null],
    ]);
    const short = { ...nm, '00540020': el('US', 1) };
    expect(nmFrameLabels(short).map((l) => l.detector)).toEqual([1, null, null, null]);
    const zero = { ...nm, '00540020': el('US', 0, 1, 1, 1) };
    expect(nmFrameLabels(zero)[0]?.detector).toBeNull();
  });

  it('times a dynamic frame from its phase and time slice, after earlier phases and delays', () => {
    const dynamic = {
      ...nm,
      '00280008': el('IS', '5'),
      '00280009': el('AT', '00540010', '00540020', '00540030', '00540100'),
      '00540010': el('US', 1, 1, 1, 1, 1),
      '00540020': el('US', 1, 1, 1, 1, 1),
      '00540030': el('US', 1, 1, 1, 2, 2),
      '00540100': el('US', 1, 2, 3, 1, 2),
      '00540032': {
        vr: 'SQ',
        Value: [
          { '00181242': el('IS', '3000'), '00540033': el('US', 3), '00540036': el('IS', '0') },
          {
            '00181242': el('IS', '60000'),
            '00540033': el('US', 2),
            '00540036': el('IS', '1000'),
            '00540038': el('IS', '500'),
          },
        ],
      },
    };
    // Phase 2 starts after phase 1's 3 × 3 s and its own 1 s delay; frames every 60.5 s.
    expect(nmFrameLabels(dynamic).map((l) => l.startMs)).toEqual([0, 3000, 6000, 10000, 70500]);
  });

  it('has nothing to say without a frame increment pointer', () => {
    const { '00280009': _pointer, ...without } = nm;
    expect(nmFrameLabels(without)).toEqual([]);
  });

  it('aligns the labels with the series’ frames in display order', () => {
    const frames = [3, 1].map((frame) => ({
      sopInstanceUID: '1.2.3',
      frame,
      instanceNumber: 1,
      imagePositionPatient: null,
      imageOrientationPatient: null,
    }));
    const series = nuclearSeriesOf('NM', [nm], frames, () => []);
    expect(series?.suv).toBeNull();
    expect(series?.frameLabels?.map((l) => l?.detector)).toEqual([2, 1]);
    expect(nuclearSeriesOf('CT', [nm], frames, () => [])).toBeNull();
  });
});
