import { describe, expect, it } from 'vitest';
import type { HangingProtocol } from '../../../domain/viewer/hangingProtocols';
import type { SeriesState } from '../session/seriesState';
import { protocolPlan } from './protocolPlan';
import { stackOf } from './testSeries';

const current = stackOf({ uid: 'cur', zs: [0, 1, 2, 3] });
const prior = stackOf({ uid: 'pri', zs: [0, 1, 2, 3] });
const contents = (s: typeof current): ReadonlyMap<string, SeriesState> =>
  new Map([[s.summary.seriesInstanceUID, { state: 'ready', series: s }]]);
const studies = [
  { studyInstanceUID: 'S0', contents: contents(current) },
  { studyInstanceUID: 'S1', contents: contents(prior) },
];

const pane = (
  row: number,
  column: number,
  role: 'current' | 'prior',
  label: string,
  image: number,
  flipHorizontal = false,
) => ({
  row,
  column,
  role,
  studyInstanceUID: role === 'current' ? 'S0' : 'S1',
  seriesInstanceUID: role === 'current' ? 'cur' : 'pri',
  sopInstanceUID: `${role === 'current' ? 'cur' : 'pri'}.${image + 1}`,
  frame: 1,
  flipHorizontal,
  label,
});

describe('protocolPlan', () => {
  it('places each image by its instance, hung as the protocol says, beside its match', () => {
    const protocol: HangingProtocol = {
      id: 'mammoCompareCC',
      name: 'x',
      rows: 2,
      columns: 2,
      panes: [
        pane(1, 1, 'prior', 'LCC', 1),
        pane(0, 0, 'current', 'RCC', 0),
        pane(0, 1, 'prior', 'RCC', 0, true),
        pane(1, 0, 'current', 'LCC', 1),
      ],
    };
    const plan = protocolPlan(protocol, studies);
    expect(
      plan?.panes.map((p) => [p.viewportId, p.label, p.image, p.flipHorizontal, p.comparedWith]),
    ).toEqual([
      ['drim-stack-0', 'RCC', 0, false, null],
      ['drim-prior1-stack-0', 'RCC', 0, true, 0],
      ['drim-stack-1', 'LCC', 1, false, null],
      ['drim-prior1-stack-1', 'LCC', 1, false, 2],
    ]);
  });

  it('pairs by label across rows (a chest: current PA/LAT above the prior’s)', () => {
    const protocol: HangingProtocol = {
      id: 'chestCompare',
      name: 'x',
      rows: 2,
      columns: 2,
      panes: [
        pane(0, 0, 'current', 'PA', 0),
        pane(0, 1, 'current', 'LAT', 1),
        pane(1, 0, 'prior', 'PA', 0),
        pane(1, 1, 'prior', 'LAT', 1),
      ],
    };
    expect(protocolPlan(protocol, studies)?.panes.map((p) => p.comparedWith)).toEqual([
      null,
      null,
      0,
      1,
    ]);
  });

  it('is no plan while an image it names is not loaded', () => {
    const protocol: HangingProtocol = {
      id: 'x',
      name: 'x',
      rows: 1,
      columns: 1,
      panes: [{ ...pane(0, 0, 'current', 'RCC', 0), sopInstanceUID: 'elsewhere' }],
    };
    expect(protocolPlan(protocol, studies)).toBeNull();
  });
});
