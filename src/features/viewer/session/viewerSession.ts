// One opened study in the viewer, read by the route (the preview, when the viewer's code
// may run, when the report may start) and by the workspace (the series, Cornerstone, the
// background loading). It owns, for its study only:
// - the series' metadata: the first series' is asked once, as soon as the session begins,
//   and every later reader gets that same answer (api/seriesMetadataQuery.ts);
// - the first image's preview: the source's rendering, drawn before Cornerstone's code runs
//   (when a launch's claim named it — OpenedStudy.previewAhead — asked with the metadata
//   and shown as soon as it comes: the gateway named it with this viewer's own rule, on
//   the same metadata; should the metadata yield another request, the right one replaces it);
// - Cornerstone's start, through the one chunk that carries it (../prepareViewer.ts);
// - the series handed to Cornerstone and their background loading, only once a view shows
//   them (showImages, prefetchInBackground).
// Comparing studies is opening one session per study: nothing here is held per page.
//
// Its life: made when the study is open (nothing asked yet), begun when first retained,
// disposed once nothing retains it — its preview closed, its requests and loads cancelled.
import type { QueryClient } from '@tanstack/react-query';
import type { PreviewRequest } from '../../../domain/viewer/firstImagePreview';
import { previewOfInstances, samePreview } from '../../../domain/viewer/studySeries';
import { onLogout } from '../../../lib/auth/onLogout';
import { fetchPreview } from '../api/fetchPreview';
import type { OpenedStudy } from '../api/openStudy';
import { seriesMetadataQuery, type SeriesMetadata } from '../api/seriesMetadataQuery';
import { createSeriesProgressStore, type SeriesProgressStore } from '../hooks/seriesProgress';
import { BackgroundPrefetch } from './backgroundPrefetch';
import { loadImagingChunk } from './imagingChunk';
import { SeriesLoading } from './seriesLoading';
import type { SeriesState } from './seriesState';
import type { ImagingStart, ViewerImaging } from './viewerImaging';

export interface SessionState {
  /** The source's rendering of the first image, until a view draws it itself. */
  preview: ImageBitmap | null;
  /** Drawn, or known not to come: the viewer's code may run now. */
  previewSettled: boolean;
  /** The first series' metadata has come (or failed, or is not waited for). */
  metadataIn: boolean;
  /** A view has drawn the first image, or said it cannot: the rest may compete now. */
  firstImageShown: boolean;
  /** The first series is in the cache, or has nothing to load: a specialist's PDF may show. */
  imagesIn: boolean;
  /** Each series' state, in loading order. */
  contents: ReadonlyMap<string, SeriesState>;
}

export interface ViewerSessionOptions {
  study: OpenedStudy;
  /** The series the views open on (domain/viewer/firstSeries.ts). */
  firstSeriesUID: string;
  queryClient: QueryClient;
  /** The page's origin, which image ids are built on; the gateway serves both. */
  origin?: string;
  /** Cornerstone's side of the viewer (a test hands a stand-in). */
  loadImaging?: () => Promise<ImagingStart>;
}

/** Whom a session is for: another study, patient or first series is another session. */
export function sessionKeyOf(study: OpenedStudy, firstSeriesUID: string): string {
  return JSON.stringify([
    study.source.id,
    study.studyInstanceUID,
    study.patient ?? [],
    study.keyImagesOnly ?? false,
    firstSeriesUID,
  ]);
}

export class ViewerSession {
  readonly study: OpenedStudy;
  readonly firstSeriesUID: string;
  readonly key: string;
  /** Background-loading progress per series, read by the series panel's rows alone. */
  readonly progress: SeriesProgressStore = createSeriesProgressStore();

  private readonly options: ViewerSessionOptions;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();
  private readonly series: SeriesLoading;
  private readonly firstImageGate: { open: () => void; opened: Promise<void> };
  private readonly imagesInGate: { open: () => void; opened: Promise<void> };
  private state: SessionState;
  private holders = 0;
  private disposal: ReturnType<typeof setTimeout> | null = null;
  private begun = false;
  private disposed = false;
  private stopOnLogout: (() => void) | null = null;
  private imagingStart: Promise<ImagingStart> | null = null;
  private prefetch: BackgroundPrefetch | null = null;
  private prefetchBudget: number | null = null;
  /** The preview asked with the metadata, from the launch's claim: shown only if it matches. */
  private early: EarlyPreview | null = null;

  constructor(options: ViewerSessionOptions) {
    this.options = options;
    this.study = options.study;
    this.firstSeriesUID = options.firstSeriesUID;
    this.key = sessionKeyOf(options.study, options.firstSeriesUID);
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    this.firstImageGate = { open, opened };
    let imagesIn: () => void = () => undefined;
    const imagesInOpened = new Promise<void>((resolve) => (imagesIn = resolve));
    this.imagesInGate = { open: imagesIn, opened: imagesInOpened };
    this.series = new SeriesLoading({
      study: options.study,
      firstSeriesUID: options.firstSeriesUID,
      origin: options.origin ?? globalThis.location?.origin ?? '',
      metadata: (uid) => this.metadata(uid),
      imaging: () => this.imaging(),
      signal: this.abort.signal,
      firstSeriesIn: this.imagesInGate.opened,
      changed: (contents) => {
        this.update({ contents });
        this.prefetch?.next();
      },
    });
    this.state = {
      preview: null,
      previewSettled: false,
      metadataIn: false,
      firstImageShown: false,
      imagesIn: false,
      contents: this.series.contents,
    };
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Keeps the session alive while held; the first hold begins it. Released by every
   * holder, it is disposed a task later — not at once, so that a component unmounted and
   * mounted again in one commit (React's StrictMode, a moved subtree) keeps it.
   */
  retain(): () => void {
    this.holders++;
    if (this.disposal !== null) clearTimeout(this.disposal);
    this.disposal = null;
    this.begin();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      if (this.holders === 0) this.disposal = setTimeout(() => this.dispose(), 0);
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getState = (): SessionState => this.state;

  /** A series' metadata, held to the study's patient: one request per series, whoever asks. */
  metadata(seriesInstanceUID: string): Promise<SeriesMetadata> {
    return this.options.queryClient.fetchQuery(this.metadataQuery(seriesInstanceUID));
  }

  /** The query behind metadata(), for readers that observe it (the key images). */
  metadataQuery(seriesInstanceUID: string) {
    return seriesMetadataQuery(this.study, seriesInstanceUID);
  }

  /**
   * Runs Cornerstone's code and starts it: the page's one way to do so. Asked by the route
   * once the preview is on screen, and by every reader that needs it; started once.
   */
  startCornerstone(): Promise<void> {
    // Only the study on screen is started so (the route's, its workspace's): its first series
    // is read and its first image asked for as soon as Cornerstone's code has run, not once
    // the workspace has rendered (~0.1 s later).
    this.showImages();
    return this.loadImaging().then((start) => start.started);
  }

  /** A view shows this study: its series are read and handed to Cornerstone. */
  showImages(): void {
    if (!this.disposed) this.series.begin();
  }

  /**
   * A view can draw now (its rendering engine exists): the series' frames are loaded in the
   * background, within this many bytes of decoded images.
   */
  prefetchInBackground(budgetBytes: number): void {
    if (this.prefetch || this.disposed) return;
    this.prefetchBudget ??= budgetBytes;
    void this.imaging().then(
      (imaging) => {
        if (this.prefetch || this.disposed) return;
        this.prefetch = new BackgroundPrefetch({
          imaging,
          firstSeriesUID: this.firstSeriesUID,
          budgetBytes: this.prefetchBudget ?? budgetBytes,
          contents: () => this.series.contents,
          progress: this.progress,
          decodeWhen: this.firstImageGate.opened,
          firstSeriesIn: () => this.imagesAreIn(),
        });
        this.prefetch.next();
      },
      // Cornerstone's code did not come: the workspace says so where the views would be.
      () => undefined,
    );
  }

  /** The share of the image cache this study may fill from now on (studies compared). */
  setPrefetchBudget(budgetBytes: number): void {
    this.prefetchBudget = budgetBytes;
    this.prefetch?.setBudget(budgetBytes);
  }

  /** The first view has drawn its image, or said it cannot. */
  firstImageSettled(): void {
    this.firstImageGate.open();
    this.update({ firstImageShown: true });
  }

  /** Nothing more of the first series will come: the report may stop waiting for it. */
  imagesAreIn(): void {
    this.imagesInGate.open();
    this.update({ imagesIn: true });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.disposal !== null) clearTimeout(this.disposal);
    this.abort.abort();
    this.early?.discard();
    this.prefetch?.cancel();
    this.stopOnLogout?.();
    // It holds patient pixels: closed now, not when the garbage collector gets to it.
    this.state.preview?.close();
    this.update({ preview: null });
  }

  private begin(): void {
    if (this.begun || this.disposed) return;
    this.begun = true;
    // A session's pixels and requests do not outlive the user's session.
    this.stopOnLogout = onLogout(() => this.dispose());
    const wantsPreview = !this.study.keyImagesOnly;
    // Opened on the key images, the view does not open on the first series' first image.
    if (!wantsPreview) this.update({ metadataIn: true, previewSettled: true });
    const ahead = this.study.previewAhead;
    if (wantsPreview && ahead?.seriesInstanceUID === this.firstSeriesUID) {
      // Asked before the metadata rather than after it: one round trip less before the first
      // pixels (and, on a launch's way in, already answered: features/launch askClaimAhead).
      const early = new EarlyPreview(
        ahead.request,
        (request, signal) => fetchPreview(this.previewAddress(), request, signal),
        this.abort.signal,
      );
      this.early = early;
      // Shown at once: the metadata, a larger answer, confirms it when it comes (loadPreview).
      void early.result.then((bitmap) => {
        if (bitmap && this.early === early && !this.disposed) {
          this.update({ preview: bitmap, previewSettled: true });
        }
      });
    }
    // With a preview shown ahead, the metadata — on its way already when the launch asked
    // it ahead — is read once that preview is drawn: reading a large series' answer holds
    // the page's thread for about 0.1 s here, which the first pixels need not wait for.
    const early = this.early;
    const firstPixels = early
      ? Promise.race([early.result.then(nextFrame), delay(PREVIEW_HEAD_START_MS)])
      : Promise.resolve();
    void firstPixels
      .then(() => this.metadata(this.firstSeriesUID))
      .then(
        (metadata) => {
          if (!wantsPreview || this.disposed) return;
          this.update({ metadataIn: true });
          void this.loadPreview(metadata);
        },
        () => {
          const early = this.early;
          this.early = null;
          // A preview that cannot be had is no error: the viewer draws the image a moment later.
          // One shown ahead goes too: nothing confirms it is the image the viewer draws.
          if (wantsPreview && !this.disposed) {
            this.update({
              metadataIn: true,
              previewSettled: true,
              ...(early && this.state.preview ? { preview: null } : {}),
            });
          }
          early?.discard();
        },
      );
  }

  private previewAddress() {
    return {
      sourceId: this.study.source.id,
      studyInstanceUID: this.study.studyInstanceUID,
      seriesInstanceUID: this.firstSeriesUID,
    };
  }

  private async loadPreview({ instances }: SeriesMetadata): Promise<void> {
    const request = previewOfInstances(instances);
    const early = this.early;
    this.early = null;
    if (early && request && samePreview(early.request, request)) {
      const bitmap = await early.result;
      if (bitmap) {
        if (this.disposed) bitmap.close();
        else this.update({ preview: bitmap, previewSettled: true });
        return;
      }
    }
    // Not the image Cornerstone draws next (or none to draw): the right one, then the early
    // one let go of — after, as it may be on screen until then.
    let preview: ImageBitmap | null = null;
    if (request && !this.disposed) {
      try {
        preview = await fetchPreview(this.previewAddress(), request, this.abort.signal);
      } catch {
        // As above: the viewer draws it a moment later.
      }
    }
    if (this.disposed) {
      preview?.close();
      early?.discard();
      return;
    }
    this.update({ preview, previewSettled: true });
    early?.discard();
  }

  private loadImaging(): Promise<ImagingStart> {
    this.imagingStart ??= (this.options.loadImaging ?? loadImagingChunk)();
    return this.imagingStart;
  }

  private imaging(): Promise<ViewerImaging> {
    return this.loadImaging().then((start) => start.imaging);
  }

  private update(change: Partial<SessionState>): void {
    const keys = Object.keys(change) as (keyof SessionState)[];
    if (keys.every((k) => Object.is(this.state[k], change[k]))) return;
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * A preview asked before the metadata that says which image the viewer draws first. Its
 * bitmap holds patient pixels: closed as soon as it is known not to be shown.
 */
class EarlyPreview {
  readonly result: Promise<ImageBitmap | null>;
  private readonly abort = new AbortController();
  private discarded = false;

  constructor(
    readonly request: PreviewRequest,
    fetch: (request: PreviewRequest, signal: AbortSignal) => Promise<ImageBitmap>,
    /** The session's: disposed, it stops this request too, taken or not. */
    sessionSignal: AbortSignal,
  ) {
    sessionSignal.addEventListener('abort', () => this.abort.abort(), { once: true });
    this.result = fetch(request, this.abort.signal).then(
      (bitmap) => {
        if (!this.discarded) return bitmap;
        bitmap.close();
        return null;
      },
      // Not had now: the preview is asked again once the metadata is in.
      () => null,
    );
  }

  discard(): void {
    if (this.discarded) return;
    this.discarded = true;
    this.abort.abort();
    void this.result.then((bitmap) => bitmap?.close());
  }
}

/** How long the metadata waits for a preview asked ahead before it is read anyway. */
const PREVIEW_HEAD_START_MS = 500;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** After the next frame has been drawn (at once where no frame is drawn, as in tests). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') {
      resolve();
      return;
    }
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}
