// Which series each view of the user's own layout (1×1, 1×2, 2×2) shows. Which view is
// active is the workspace's: a hanging protocol or a comparison has views of its own.
import { useState } from 'react';
import type { LayoutId } from '../components/toolbarChoices';
import type { SeriesState } from '../session/seriesState';

const SLOTS: Readonly<Record<LayoutId, number>> = { '1x1': 1, '1x2': 2, '2x2': 4 };

export interface ViewLayout {
  layout: LayoutId;
  /** How many views the layout shows. */
  slots: number;
  /** Series (or key images) per view, for the four views a layout may show. */
  assigned: readonly (string | null)[];
  changeLayout: (next: LayoutId) => void;
  /** Shows the series in that view. */
  show: (index: number, seriesInstanceUID: string) => void;
}

export function useViewLayout(
  opensOn: string,
  contents: ReadonlyMap<string, SeriesState>,
): ViewLayout {
  const [layout, setLayout] = useState<LayoutId>('1x1');
  const [assigned, setAssigned] = useState<(string | null)[]>([opensOn, null, null, null]);

  const changeLayout = (next: LayoutId) => {
    setLayout(next);
    // Fill newly shown views with the next image series, as a radiologist would compare.
    setAssigned((prev) => {
      const out = [...prev];
      const shown = new Set(out.slice(0, SLOTS[next]).filter(Boolean));
      const candidates = [...contents.entries()]
        .filter(([uid, s]) => s.state === 'ready' && !shown.has(uid))
        .map(([uid]) => uid);
      for (let i = 0; i < SLOTS[next]; i++) {
        if (!out[i]) out[i] = candidates.shift() ?? null;
      }
      return out;
    });
  };

  const show = (index: number, uid: string) =>
    setAssigned((prev) => prev.map((u, i) => (i === index ? uid : u)));

  return { layout, slots: SLOTS[layout], assigned, changeLayout, show };
}
