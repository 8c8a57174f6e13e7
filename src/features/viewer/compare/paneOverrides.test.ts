import { describe, expect, it } from 'vitest';
import { sideBySidePlan } from './panePlan';
import { withOverrides } from './paneOverrides';

const pairs: Record<string, string> = { c2: 'p2' };
const pairOf = (_study: number, uid: string) => pairs[uid] ?? null;

describe('withOverrides', () => {
  const plan = sideBySidePlan('c1', ['p1']);

  it('leaves the plan as it is without a choice', () => {
    expect(withOverrides(plan, {}, pairOf)).toEqual(plan);
  });

  it('makes a prior view follow the current view it is compared with', () => {
    const out = withOverrides(plan, { 'drim-stack-0': 'c2' }, pairOf);
    expect(out.panes.map((p) => p.seriesUID)).toEqual(['c2', 'p2']);
  });

  it('keeps a prior view the user re-paired', () => {
    const out = withOverrides(plan, { 'drim-stack-0': 'c2', 'drim-prior1-stack-0': 'p9' }, pairOf);
    expect(out.panes.map((p) => p.seriesUID)).toEqual(['c2', 'p9']);
  });

  it('says there is nothing to pair rather than keeping a series of another kind', () => {
    const out = withOverrides(plan, { 'drim-stack-0': 'c3' }, pairOf);
    expect(out.panes.map((p) => p.seriesUID)).toEqual(['c3', null]);
  });

  it('shows a chosen series whole and as stored, whatever the protocol hung there', () => {
    const mirrored = {
      ...plan,
      panes: plan.panes.map((p) => ({ ...p, image: 2, flipHorizontal: true })),
    };
    const out = withOverrides(mirrored, { 'drim-prior1-stack-0': 'p9' }, pairOf);
    expect(out.panes[1]).toMatchObject({ seriesUID: 'p9', image: null, flipHorizontal: false });
    expect(out.panes[0]).toMatchObject({ image: 2, flipHorizontal: true });
  });
});
