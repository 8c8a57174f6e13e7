import { describe, expect, it } from 'vitest';
import { layoutPlan, planOf, sideBySidePlan } from './panePlan';

describe('layoutPlan', () => {
  it('keeps the views the tests and the overlay know: drim-stack-N, viewport-N', () => {
    const plan = layoutPlan('2x2', ['a', 'b', null]);
    expect(plan.rows).toBe(2);
    expect(plan.columns).toBe(2);
    expect(plan.panes.map((p) => [p.viewportId, p.testId, p.seriesUID])).toEqual([
      ['drim-stack-0', 'viewport-0', 'a'],
      ['drim-stack-1', 'viewport-1', 'b'],
      ['drim-stack-2', 'viewport-2', null],
      ['drim-stack-3', 'viewport-3', null],
    ]);
  });
});

describe('sideBySidePlan', () => {
  it('puts the current left and each prior after it, paired with the current pane', () => {
    const plan = sideBySidePlan('cur', ['p1', null]);
    expect(plan.rows).toBe(1);
    expect(plan.columns).toBe(3);
    expect(plan.panes.map((p) => [p.viewportId, p.testId, p.seriesUID, p.comparedWith])).toEqual([
      ['drim-stack-0', 'viewport-0', 'cur', null],
      ['drim-prior1-stack-0', 'prior1-viewport-0', 'p1', 0],
      ['drim-prior2-stack-0', 'prior2-viewport-0', null, 0],
    ]);
  });
});

describe('planOf', () => {
  it('numbers each study’s panes on their own, in plan order', () => {
    const spec = (study: number) => ({
      study,
      seriesUID: 's',
      image: null,
      flipHorizontal: false,
      flipVertical: false,
      label: null,
      comparedWith: null,
    });
    const plan = planOf(2, 2, [spec(0), spec(1), spec(0), spec(1)]);
    expect(plan.panes.map((p) => p.viewportId)).toEqual([
      'drim-stack-0',
      'drim-prior1-stack-0',
      'drim-stack-1',
      'drim-prior1-stack-1',
    ]);
  });
});
