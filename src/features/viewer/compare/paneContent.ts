// What one pane shows of a series: the whole stack, or one of its images (a protocol's
// mammography view). A one-image stack is made once per series and image, so a view keeps
// the same object across renders and does not reload it.
import type { LoadedSeries, SeriesState } from '../session/seriesState';

const oneImage = new WeakMap<LoadedSeries, Map<number, LoadedSeries>>();

function imageOf(series: LoadedSeries, image: number): LoadedSeries | null {
  const frame = series.frames[image];
  const imageId = series.imageIds[image];
  const placed = series.placement.images[image];
  if (!frame || !imageId || !placed) return null;
  let byImage = oneImage.get(series);
  if (!byImage) {
    byImage = new Map();
    oneImage.set(series, byImage);
  }
  let one = byImage.get(image);
  if (!one) {
    one = {
      ...series,
      frames: [frame],
      imageIds: [imageId],
      placement: { ...series.placement, images: [placed] },
    };
    byImage.set(image, one);
  }
  return one;
}

export function paneContent(
  state: SeriesState | undefined,
  image: number | null,
): SeriesState | undefined {
  if (image === null || state?.state !== 'ready') return state;
  const one = imageOf(state.series, image);
  return one ? { state: 'ready', series: one } : { state: 'empty' };
}

/** The index of an image (SOP instance and frame) in a loaded series, null if not there. */
export function imageIndexOf(
  series: LoadedSeries,
  sopInstanceUID: string,
  frame: number,
): number | null {
  const i = series.frames.findIndex(
    (f) => f.sopInstanceUID === sopInstanceUID && f.frame === frame,
  );
  return i >= 0 ? i : null;
}
