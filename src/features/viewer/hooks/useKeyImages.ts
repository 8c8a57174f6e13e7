// The study's key images (KO documents) as one more stack the viewer can show: the KO
// series' metadata is read through the gateway, the references are resolved against the
// frames of the image series as they arrive, and the result is a LoadedSeries made of
// those frames — so a pane shows it like any series, with the same image ids (and cache).
import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import {
  keyObjectSeries,
  readKeyObjects,
  selectKeyImages,
  seriesNeededFor,
  type KeyImageSelection,
  type KeyObjectDocument,
} from '../../../domain/viewer/keyObjects';
import type { LoadedSeries, SeriesState } from '../session/seriesState';
import type { ViewerSession } from '../session/viewerSession';

/** The pseudo-series id of the key images (never a DICOM UID: those are digits and dots). */
export const KEY_IMAGES_ID = 'key-images';

export type KeyImagesState =
  /** The study has no key object document. */
  | { kind: 'none' }
  | { kind: 'loading' }
  /** Documents exist, but none of their images could be shown (or they could not be read). */
  | { kind: 'unavailable'; missing: number }
  | { kind: 'ready'; content: SeriesState; selection: KeyImageSelection };

type Input = unknown;

function sameInputs(a: readonly Input[], b: readonly Input[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function buildKeyImages(
  docs: readonly KeyObjectDocument[],
  contents: ReadonlyMap<string, SeriesState>,
  label: string,
): KeyImagesState {
  const ready = new Map<string, LoadedSeries>();
  for (const [uid, state] of contents) if (state.state === 'ready') ready.set(uid, state.series);
  const selection = selectKeyImages(
    docs,
    [...ready.values()].map((s) => ({
      seriesInstanceUID: s.summary.seriesInstanceUID,
      frames: s.frames,
    })),
  );
  const frames: LoadedSeries['frames'] = [];
  const imageIds: string[] = [];
  const images: LoadedSeries['placement']['images'] = [];
  for (const image of selection.images) {
    const series = ready.get(image.seriesInstanceUID);
    const frame = series?.frames[image.indexInSeries];
    const imageId = series?.imageIds[image.indexInSeries];
    const placed = series?.placement.images[image.indexInSeries];
    if (!frame || !imageId || !placed) continue;
    frames.push(frame);
    imageIds.push(imageId);
    images.push(placed);
  }
  const first = selection.images[0] && ready.get(selection.images[0].seriesInstanceUID);
  if (!first || frames.length === 0) return { kind: 'unavailable', missing: selection.missing };
  const series: LoadedSeries = {
    frames,
    imageIds,
    // Images of several series: the study-wide facts hold, the series' own do not.
    facts: {
      ...first.facts,
      seriesDescription: '',
      seriesNumber: null,
      cineFps: null,
      isMultiFrame: false,
    },
    // Images of several series: no stack geometry to scroll another study by.
    placement: { frameOfReferenceUID: null, sliceThickness: null, bodyPartExamined: '', images },
    summary: {
      seriesInstanceUID: KEY_IMAGES_ID,
      modality: first.facts.modality,
      seriesNumber: null,
      description: label,
      numberOfInstances: frames.length,
    },
  };
  return { kind: 'ready', content: { state: 'ready', series }, selection };
}

export function useKeyImages(
  session: ViewerSession,
  contents: ReadonlyMap<string, SeriesState>,
  label: string,
): KeyImagesState {
  const koSeries = keyObjectSeries(session.study.series);
  const documents = useQueries({
    queries: koSeries.map((s) => {
      const base = session.metadataQuery(s.seriesInstanceUID);
      return {
        queryKey: ['viewer', 'keyObjects', ...base.queryKey.slice(2)] as const,
        queryFn: async ({ signal }: { signal: AbortSignal }) =>
          readKeyObjects((await base.queryFn({ signal })).instances),
        staleTime: Infinity,
        retry: 1,
      };
    }),
  });

  // Everything the result depends on, as stable references: a query's data, a ready
  // series' content (both kept as they are by TanStack Query), or a state name.
  const pending = documents.some((d) => d.isPending);
  // Rejection notes (IOCM) hide images: they are no selection to offer.
  const docs = documents.flatMap((d) => d.data ?? []).filter((d) => !d.isRejection);
  const needed = pending
    ? []
    : seriesNeededFor(docs, [...contents.keys()]).map((uid) => {
        const state = contents.get(uid);
        return state?.state === 'ready' ? state.series : (state?.state ?? 'loading');
      });
  const inputs: Input[] = [
    koSeries.length,
    pending,
    label,
    ...documents.map((d) => d.data ?? d.status),
    ...needed,
  ];

  // Memoised across renders by identity of the inputs (React's "state from the previous
  // render" pattern): a new object each render would make the pane reload its stack.
  const [memo, setMemo] = useState<{ inputs: Input[]; value: KeyImagesState } | null>(null);
  if (memo && sameInputs(memo.inputs, inputs)) return memo.value;

  let value: KeyImagesState;
  if (koSeries.length === 0) value = { kind: 'none' };
  else if (pending || needed.includes('loading')) value = { kind: 'loading' };
  else if (docs.length === 0) {
    value = documents.some((d) => d.isError)
      ? { kind: 'unavailable', missing: 0 }
      : { kind: 'none' };
  } else value = buildKeyImages(docs, contents, label);
  setMemo({ inputs, value });
  return value;
}
