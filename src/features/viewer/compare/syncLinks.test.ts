import { describe, expect, it } from 'vitest';
import { sideBySidePlan } from './panePlan';
import { alignmentAt, sliceLinkOf, syncLinks, type SyncToggles } from './syncLinks';
import { stackOf } from './testSeries';

const ALL: SyncToggles = { slice: true, voi: true, zoomPan: true, presentation: true };
const zs = (from: number, count: number, step = 2.5) =>
  Array.from({ length: count }, (_, i) => from + i * step);

describe('sliceLinkOf', () => {
  it('links stacks of one frame of reference by position at once', () => {
    const a = stackOf({ uid: 'a', zs: zs(0, 10), frameOfReferenceUID: 'F' });
    const b = stackOf({ uid: 'b', zs: zs(0, 10), frameOfReferenceUID: 'F' });
    expect(sliceLinkOf(a, b, undefined)).toBe('linked');
  });

  it('waits for « Aligner » across frames of reference', () => {
    const a = stackOf({ uid: 'a', zs: zs(0, 10), frameOfReferenceUID: 'F1' });
    const b = stackOf({ uid: 'b', zs: zs(30, 10), frameOfReferenceUID: 'F2' });
    expect(sliceLinkOf(a, b, undefined)).toBe('needsAlignment');
    expect(sliceLinkOf(a, b, alignmentAt(a, 4, b, 1))).toBe('linked');
  });

  it('does not scroll a single image or another plane', () => {
    const a = stackOf({ uid: 'a', zs: zs(0, 10), frameOfReferenceUID: 'F' });
    expect(
      sliceLinkOf(a, stackOf({ uid: 'one', zs: [0], frameOfReferenceUID: 'F' }), undefined),
    ).toBe('unavailable');
    const sagittal = stackOf({
      uid: 's',
      zs: zs(0, 10),
      frameOfReferenceUID: 'F',
      orientation: [0, 1, 0, 0, 0, -1],
    });
    expect(sliceLinkOf(a, sagittal, undefined)).toBe('unavailable');
  });
});

describe('syncLinks', () => {
  const current = stackOf({ uid: 'c', zs: zs(0, 40), frameOfReferenceUID: 'F1' });
  // The prior's table put the body 37.5 mm further: its slice at z + 37.5 shows current z.
  const prior = stackOf({ uid: 'p', zs: zs(30, 40), frameOfReferenceUID: 'F2' });
  const plan = sideBySidePlan('c', ['p']);
  const seriesAt = (i: number) => [current, prior][i] ?? null;

  it('links the prior view with the current one both ways, the current leading', () => {
    const links = syncLinks(plan, seriesAt, ALL, {});
    expect(links.map((l) => [l.source, l.target, l.leads])).toEqual([
      ['drim-stack-0', 'drim-prior1-stack-0', true],
      ['drim-prior1-stack-0', 'drim-stack-0', false],
    ]);
    // Not lined up yet: window and views follow, slices do not.
    expect(links.every((l) => l.voi && l.zoomPan && l.presentation && l.slice === null)).toBe(true);
  });

  it('scrolls by the recorded offset once aligned, both ways, and stops past the ends', () => {
    // Current slice 20 (z 50) on the same anatomy as prior slice 23 (z 87.5).
    const alignment = alignmentAt(current, 20, prior, 23);
    expect(alignment.forward).toBeCloseTo(37.5);
    const [to, from] = syncLinks(plan, seriesAt, ALL, { 1: alignment });
    expect(to?.slice?.(20)).toBe(23);
    expect(to?.slice?.(21)).toBe(24);
    expect(from?.slice?.(24)).toBe(21);
    // The prior spans current z −7.5 to 90: beyond either end, nothing moves.
    expect(to?.slice?.(39)).toBeNull();
    expect(from?.slice?.(0)).toBeNull();
  });

  it('syncs nothing of the window between modalities, and only what is toggled on', () => {
    const mr = stackOf({ uid: 'p', zs: zs(30, 40), frameOfReferenceUID: 'F2', modality: 'MR' });
    const [link] = syncLinks(plan, (i) => [current, mr][i] ?? null, ALL, {});
    expect(link).toMatchObject({ voi: false, zoomPan: false, presentation: false });
    const [off] = syncLinks(plan, seriesAt, { ...ALL, voi: false, zoomPan: false }, {});
    expect(off).toMatchObject({ voi: false, zoomPan: false, presentation: true });
  });

  it('tells a flip relative to how each view hangs its image', () => {
    const mirrored = {
      ...plan,
      panes: plan.panes.map((p) => (p.study === 1 ? { ...p, flipHorizontal: true } : p)),
    };
    const [link] = syncLinks(mirrored, seriesAt, ALL, {});
    expect(link?.flipsDiffer).toEqual({ horizontal: true, vertical: false });
  });

  it('moves two priors together through the current view’s level', () => {
    const second = stackOf({ uid: 'q', zs: zs(0, 40), frameOfReferenceUID: 'F1' });
    const three = sideBySidePlan('c', ['p', 'q']);
    const links = syncLinks(three, (i) => [current, prior, second][i] ?? null, ALL, {
      1: alignmentAt(current, 20, prior, 23),
    });
    const p1ToP2 = links.find(
      (l) => l.source === 'drim-prior1-stack-0' && l.target === 'drim-prior2-stack-0',
    );
    expect(p1ToP2?.slice?.(23)).toBe(20);
  });
});
