// Which segments, structures and dose wash of a derived series are shown, and how opaque:
// chosen in the series panel, read by every view drawing that series. Memory only, per page;
// forgotten at logout with the rest of the session.
import { useSyncExternalStore } from 'react';
import { onLogout } from '../../../lib/auth/onLogout';

export interface SegmentDisplay {
  visible: boolean;
  /** 0–1. */
  opacity: number;
}

/** Opacity a label map or a dose wash starts at: the image stays readable under it. */
export const DEFAULT_OPACITY = 0.5;

const displays = new Map<string, SegmentDisplay>();
const listeners = new Set<() => void>();
let version = 0;

const keyOf = (seriesInstanceUID: string, item: number) => `${seriesInstanceUID}|${item}`;

export function segmentDisplay(seriesInstanceUID: string, item: number): SegmentDisplay {
  return (
    displays.get(keyOf(seriesInstanceUID, item)) ?? { visible: true, opacity: DEFAULT_OPACITY }
  );
}

export function setSegmentDisplay(
  seriesInstanceUID: string,
  item: number,
  change: Partial<SegmentDisplay>,
): void {
  displays.set(keyOf(seriesInstanceUID, item), {
    ...segmentDisplay(seriesInstanceUID, item),
    ...change,
  });
  version++;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders when any display choice changes; the number changes with them. */
export function useDisplayVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}

onLogout(() => {
  displays.clear();
  version++;
  for (const l of listeners) l();
});
