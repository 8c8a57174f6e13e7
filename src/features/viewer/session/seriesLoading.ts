// Every image series of a study read and handed to Cornerstone: the first one at once, the
// others only once the first is in (or has failed), so they never compete with the first
// image. Segmentations, structure sets and dose grids come last, once the series they lie
// over are in (derived/derivedLoading.ts).
import { str } from '../../../domain/dicom/dicomJson';
import { derivedKind, type DerivedKind } from '../../../domain/viewer/derivedObjects';
import { backgroundLoadOrder, type SeriesSummary } from '../../../domain/viewer/firstSeries';
import { nuclearSeriesOf } from '../../../domain/viewer/nuclearSeries';
import { readSeries } from '../../../domain/viewer/seriesInstances';
import { frameImageId } from '../../../lib/cornerstone/frameImageId';
import { calculateSuv } from '../../../lib/cornerstone/suvCalculator';
import { markViewerPhase } from '../../../lib/viewerTimeline';
import type { OpenedStudy } from '../api/openStudy';
import type { SeriesMetadata } from '../api/seriesMetadataQuery';
import { loadDerived } from '../derived/derivedLoading';
import { seriesPlacement } from './imageFacts';
import type { SeriesState } from './seriesState';
import type { ViewerImaging } from './viewerImaging';

const SOP_INSTANCE_UID = '00080018';

/** A series that could not be read is asked once more, after this long. */
const RETRY_AFTER_MS = 1000;

export interface SeriesLoadingDeps {
  study: OpenedStudy;
  firstSeriesUID: string;
  /** Page origin the image ids are built on (the gateway's). */
  origin: string;
  metadata: (seriesInstanceUID: string) => Promise<SeriesMetadata>;
  imaging: () => Promise<ViewerImaging>;
  /** Aborted when the session ends. */
  signal: AbortSignal;
  /**
   * Settles once the first series' frames are in the cache (or will not come): derived
   * objects (megabytes of label maps and dose grids) wait for it, not to slow the images.
   */
  firstSeriesIn: Promise<void>;
  changed: (contents: ReadonlyMap<string, SeriesState>) => void;
}

export class SeriesLoading {
  private readonly ordered: readonly SeriesSummary[];
  private readonly derived: { summary: SeriesSummary; kind: DerivedKind }[] = [];
  private state: ReadonlyMap<string, SeriesState>;
  private begun = false;

  constructor(private readonly deps: SeriesLoadingDeps) {
    const { study, firstSeriesUID } = deps;
    const first = study.series.find((s) => s.seriesInstanceUID === firstSeriesUID) ?? null;
    this.ordered =
      first && !derivedKind(first.modality)
        ? [first, ...backgroundLoadOrder(study.series, first)]
        : [];
    const contents = new Map<string, SeriesState>();
    for (const s of this.ordered) contents.set(s.seriesInstanceUID, { state: 'loading' });
    // Last, so the background loading (which goes in this map's order) never waits on them.
    for (const s of study.series) {
      const kind = derivedKind(s.modality);
      if (!kind) continue;
      contents.set(s.seriesInstanceUID, { state: 'loading' });
      this.derived.push({ summary: s, kind });
    }
    this.state = contents;
  }

  /** Each series' state, in loading order; a new map at every change. */
  get contents(): ReadonlyMap<string, SeriesState> {
    return this.state;
  }

  begin(): void {
    if (this.begun) return;
    this.begun = true;
    const [first, ...rest] = this.ordered;
    // Settled either way: a first series that cannot be read must not keep the others shut.
    const images = first
      ? this.load(first, true).then(() => Promise.all(rest.map((s) => this.load(s, false))))
      : Promise.resolve();
    // Derived objects need the series they lie over: after every image series has settled,
    // and after the first one's frames when there is one.
    void images.then(async () => {
      if (first) await this.deps.firstSeriesIn;
      for (const d of this.derived) void this.loadDerived(d.summary, d.kind);
    });
  }

  private async loadDerived(summary: SeriesSummary, kind: DerivedKind): Promise<void> {
    const { origin, signal } = this.deps;
    let result: SeriesState;
    try {
      result = await loadDerived(summary.seriesInstanceUID, kind, {
        origin,
        signal,
        metadata: this.deps.metadata,
        contents: () => this.state,
      });
    } catch (error) {
      result = { state: 'failed', error };
    }
    if (signal.aborted) return;
    this.state = new Map(this.state).set(summary.seriesInstanceUID, result);
    this.deps.changed(this.state);
  }

  private async load(summary: SeriesSummary, isFirst: boolean): Promise<void> {
    let result: SeriesState;
    try {
      result = await this.read(summary, isFirst);
    } catch {
      if (this.deps.signal.aborted) return;
      await pause(RETRY_AFTER_MS);
      if (this.deps.signal.aborted) return;
      try {
        result = await this.read(summary, isFirst);
      } catch (error) {
        if (this.deps.signal.aborted) return;
        result = { state: 'failed', error };
      }
    }
    if (this.deps.signal.aborted) return;
    this.state = new Map(this.state).set(summary.seriesInstanceUID, result);
    this.deps.changed(this.state);
  }

  private async read(summary: SeriesSummary, isFirst: boolean): Promise<SeriesState> {
    const { study, origin, signal } = this.deps;
    const [{ instances, setAside }, imaging] = await Promise.all([
      this.deps.metadata(summary.seriesInstanceUID),
      this.deps.imaging(),
    ]);
    if (instances.length === 0 && setAside > 0) return { state: 'otherPatient' };
    const address = {
      sourceId: study.source.id,
      studyInstanceUID: study.studyInstanceUID,
      seriesInstanceUID: summary.seriesInstanceUID,
    };
    const content = readSeries(instances);
    // A PET's SUV factors come from all its instances, and must reach the loader before its
    // first frame is asked for (lib/cornerstone/petScaling.ts).
    const nuclear = content
      ? nuclearSeriesOf(content.facts.modality, instances, content.frames, calculateSuv)
      : null;
    const registration = { origin, signal, ...(nuclear?.suv ? { suv: nuclear.suv } : {}) };
    // Views open on a series' first image (StackPane), or on the key images. That image's
    // instance is handed over alone and its frame asked for at once; the rest of the series
    // (10–20 ms of the page's thread for 300 slices here) is registered behind it.
    const firstSop = isFirst && !study.keyImagesOnly ? content?.frames[0]?.sopInstanceUID : null;
    const firstInstance = firstSop
      ? instances.find((ds) => str(ds, SOP_INSTANCE_UID) === firstSop)
      : undefined;
    if (firstInstance && content?.frames[0]) {
      await imaging.registerSeries(address, [firstInstance], registration);
      const { sopInstanceUID, frame } = content.frames[0];
      imaging.loadFirstImageEarly(frameImageId({ ...address, sopInstanceUID, frame }, origin));
    }
    const rest = firstInstance ? instances.filter((ds) => ds !== firstInstance) : instances;
    await imaging.registerSeries(address, rest, registration);
    markViewerPhase('registered');
    if (!content) return { state: 'empty' };
    const imageIds = content.frames.map((f) =>
      frameImageId({ ...address, sopInstanceUID: f.sopInstanceUID, frame: f.frame }, origin),
    );
    // Its instance not told apart above: asked for now, behind the whole series.
    if (firstSop && !firstInstance && imageIds[0]) imaging.loadFirstImageEarly(imageIds[0]);
    const placement = seriesPlacement(summary.seriesInstanceUID, instances, content.frames);
    const series = { ...content, summary, imageIds, placement, ...(nuclear ? { nuclear } : {}) };
    return { state: 'ready', series };
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
