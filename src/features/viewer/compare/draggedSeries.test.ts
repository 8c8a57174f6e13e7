import { describe, expect, it } from 'vitest';
import { readDraggedSeries } from './draggedSeries';

describe('readDraggedSeries', () => {
  it('reads what a prior’s series list put in the drag', () => {
    expect(readDraggedSeries('{"prior":1,"seriesInstanceUID":"1.2.3"}')).toEqual({
      prior: 1,
      seriesInstanceUID: '1.2.3',
    });
  });

  it('drops anything else dropped on a view', () => {
    expect(readDraggedSeries('not json')).toBeNull();
    expect(readDraggedSeries('{"prior":"1","seriesInstanceUID":"1.2.3"}')).toBeNull();
    expect(readDraggedSeries('null')).toBeNull();
  });
});
