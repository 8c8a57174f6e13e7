// What travels when a prior's series is dragged onto a view (PriorSeriesList.tsx → StackPane):
// which prior and which of its series. Read back defensively: anything may be dropped.
/** What travels in a drag: which prior (1, 2) and which of its series. */
export interface DraggedSeries {
  prior: number;
  seriesInstanceUID: string;
}

export function readDraggedSeries(payload: string): DraggedSeries | null {
  try {
    const value = JSON.parse(payload) as Partial<DraggedSeries>;
    return typeof value.prior === 'number' && typeof value.seriesInstanceUID === 'string'
      ? { prior: value.prior, seriesInstanceUID: value.seriesInstanceUID }
      : null;
  } catch {
    return null;
  }
}
