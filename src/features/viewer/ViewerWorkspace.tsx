// The viewer proper (the lazy chunk with Cornerstone3D): series panel, toolbar, a grid of
// stack views or an MPR view, and the report beside the images.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RenderingEngine } from '@cornerstonejs/core';
import { annotation } from '@cornerstonejs/tools';
import { framesThatFit } from '../../domain/viewer/cacheBudget';
import { presetsFor } from '../../domain/viewer/windowPresets';
import { useAuth } from '../../lib/auth/useAuth';
import { prefetchFrames, type PrefetchHandle } from '../../lib/cornerstone/framePrefetch';
import { startCornerstone } from '../../lib/cornerstone/startCornerstone';
import { installTestHook } from '../../lib/cornerstone/testHook';
import { setPrimaryTool, type PrimaryTool } from '../../lib/cornerstone/viewerTools';
import type { OpenedStudy } from './api/openStudy';
import { KeyImagesEntry } from './components/KeyImagesEntry';
import { KeyImagesNotice } from './components/KeyImagesNotice';
import { MprView } from './components/MprView';
import { SeriesPanel } from './components/SeriesPanel';
import { ShortcutHelp } from './components/ShortcutHelp';
import { StackPane, type PaneCommands } from './components/StackPane';
import { StudyNotices } from './components/StudyNotices';
import {
  TOOL_KEYS,
  VIEW_ACTION_KEYS,
  type LayoutId,
  type ViewAction,
} from './components/toolbarChoices';
import { ViewerHeaderBar } from './components/ViewerHeaderBar';
import { ViewerToolbar } from './components/ViewerToolbar';
import { createSeriesProgressStore } from './hooks/seriesProgress';
import { KEY_IMAGES_ID, useKeyImages } from './hooks/useKeyImages';
import { useSeriesContents, type SeriesState } from './hooks/useSeriesContents';
import { imageCacheBudget } from './prepareViewer';
import { FirstImagePreview } from './preview/FirstImagePreview';
import { useFirstImagePreview } from './preview/useFirstImagePreview';
import styles from './viewer.module.css';

const ENGINE_ID = 'drim-viewer';
const SLOTS: Readonly<Record<LayoutId, number>> = { '1x1': 1, '1x2': 2, '2x2': 4 };
const DEFAULT_FPS = 15;

const SLIDER_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

/** Keys that a focused form field handles itself (a slider keeps its arrows). */
function fieldOwnsKey(target: EventTarget | null, key: string): boolean {
  if (target instanceof HTMLInputElement && target.type === 'range') return SLIDER_KEYS.has(key);
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement
  );
}

export default function ViewerWorkspace({
  study,
  firstSeriesUID,
  onImagesIn,
}: {
  study: OpenedStudy;
  firstSeriesUID: string;
  /**
   * The first series is in the cache (as much of it as loads), or there is nothing of it
   * to load: what a specialist's PDF report waits for (domain/viewer/reportTiming.ts).
   */
  onImagesIn?: () => void;
}) {
  const { t } = useTranslation();
  const { accessToken } = useAuth();
  const tokenRef = useRef(accessToken);
  useEffect(() => {
    tokenRef.current = accessToken;
  }, [accessToken]);
  // Read when called: a new callback from the route must not restart what depends on it.
  const imagesInRef = useRef(onImagesIn);
  useEffect(() => {
    imagesInRef.current = onImagesIn;
  }, [onImagesIn]);

  const cacheBytes = useMemo(() => imageCacheBudget(), []);
  const contents = useSeriesContents(study, firstSeriesUID, accessToken ?? '');
  const { bitmap: preview } = useFirstImagePreview(study, firstSeriesUID, accessToken);
  // The rendering engine (WebGL contexts: long on a slow GPU) is made once the first series
  // is registered and its first image asked for, so that image travels and decodes meanwhile.
  const firstSettled = contents.get(firstSeriesUID)?.state !== 'loading';
  const [engine, setEngine] = useState<RenderingEngine | null>(null);
  const [startFailed, setStartFailed] = useState(false);
  useEffect(() => {
    if (!firstSettled) return;
    let created: RenderingEngine | null = null;
    let cancelled = false;
    startCornerstone({ accessToken: () => tokenRef.current, cacheBytes }).then(
      () => {
        if (cancelled) return;
        created = new RenderingEngine(ENGINE_ID);
        installTestHook(ENGINE_ID);
        setEngine(created);
      },
      () => {
        if (cancelled) return;
        setStartFailed(true);
        imagesInRef.current?.();
      },
    );
    return () => {
      cancelled = true;
      created?.destroy();
    };
  }, [cacheBytes, firstSettled]);

  const keyImages = useKeyImages(study, contents, accessToken ?? '', t('viewer.keyImages.title'));
  // A view asked to show key images that do not exist shows the main series instead.
  const shownIn = (uid: string | null): string | null =>
    uid === KEY_IMAGES_ID && (keyImages.kind === 'none' || keyImages.kind === 'unavailable')
      ? firstSeriesUID
      : uid;
  const contentOf = (uid: string | null): SeriesState | undefined =>
    uid === KEY_IMAGES_ID
      ? keyImages.kind === 'ready'
        ? keyImages.content
        : { state: 'loading' }
      : uid
        ? contents.get(uid)
        : undefined;

  // Nothing else competes with the first image for the decoder: background decoding and
  // locally decoded thumbnails start once it is on screen — or once its view has said it
  // cannot show it, and the rest of the study is all there is to see. The first series'
  // frames are already on their way by then (framePrefetch.ts, `decodeWhen`).
  const [firstImageShown, setFirstImageShown] = useState(false);
  const [firstImageGate] = useState(() => {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { open, opened };
  });
  const onFirstViewSettled = useCallback(() => {
    setFirstImageShown(true);
    firstImageGate.open();
  }, [firstImageGate]);

  // Background loading: one series at a time, the first series first, within the budget.
  const [progress] = useState(createSeriesProgressStore);
  const prefetches = useRef(new Map<string, PrefetchHandle>());
  const budgetLeft = useRef(cacheBytes);
  const [prefetchTurn, setPrefetchTurn] = useState(0);
  useEffect(() => {
    if (!engine) return;
    const running = [...prefetches.current.values()].some(
      (h) => !(h as { finished?: boolean }).finished,
    );
    if (running) return;
    for (const [uid, state] of contents) {
      if (prefetches.current.has(uid)) continue;
      if (state.state === 'loading') return; // keep the order: wait for this one's metadata
      if (state.state !== 'ready') {
        // Nothing of it to load.
        if (uid === firstSeriesUID) imagesInRef.current?.();
        continue;
      }
      const series = state.series;
      const frameBytes = Math.max(1, series.facts.decodedFrameBytes);
      const limit = Math.min(
        series.imageIds.length,
        prefetches.current.size === 0
          ? framesThatFit(budgetLeft.current, frameBytes)
          : Math.floor(budgetLeft.current / frameBytes),
      );
      budgetLeft.current -= limit * frameBytes;
      const handle = prefetchFrames(series.imageIds, {
        limit,
        priority: prefetches.current.size,
        onProgress: (p) => progress.set(uid, p),
        decodeWhen: firstImageGate.opened,
      });
      prefetches.current.set(uid, handle);
      void handle.done.then(() => {
        if (uid === firstSeriesUID) imagesInRef.current?.();
        (handle as { finished?: boolean }).finished = true;
        setPrefetchTurn((n) => n + 1);
      });
      return;
    }
  }, [engine, firstImageGate, contents, prefetchTurn, progress, firstSeriesUID]);
  useEffect(() => {
    const handles = prefetches.current;
    return () => {
      for (const h of handles.values()) h.cancel();
    };
  }, []);

  const [layout, setLayout] = useState<LayoutId>('1x1');
  const [assigned, setAssigned] = useState<(string | null)[]>([
    study.keyImagesOnly ? KEY_IMAGES_ID : firstSeriesUID,
    null,
    null,
    null,
  ]);
  const [active, setActive] = useState(0);
  const [tool, setTool] = useState<PrimaryTool>('windowLevel');
  const [mpr, setMpr] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [cinePlaying, setCinePlaying] = useState(false);
  // The user's speed for the series in the active view, else the series' own rate.
  const [fpsChoice, setFpsChoice] = useState<{ uid: string | null; fps: number } | null>(null);
  const panes = useRef<(PaneCommands | null)[]>([null, null, null, null]);

  const activeUID = shownIn(assigned[active] ?? null);
  const activeState = contentOf(activeUID);
  const activeSeries = activeState?.state === 'ready' ? activeState.series : null;
  const presets = presetsFor(activeSeries?.facts.modality ?? '');
  const canCine = (activeSeries?.imageIds.length ?? 0) > 1;
  const canMpr =
    activeSeries !== null &&
    activeUID !== KEY_IMAGES_ID &&
    ['CT', 'MR'].includes(activeSeries.facts.modality) &&
    !activeSeries.facts.isMultiFrame &&
    activeSeries.frames.length >= 3 &&
    activeSeries.frames.every((f) => f.imagePositionPatient && f.imageOrientationPatient);

  useEffect(() => {
    if (engine) setPrimaryTool(tool);
  }, [engine, tool]);

  const command = useCallback(
    (run: (p: PaneCommands) => void) => {
      const pane = panes.current[active];
      if (pane) run(pane);
    },
    [active],
  );

  const fps =
    fpsChoice && fpsChoice.uid === activeUID
      ? fpsChoice.fps
      : Math.round(activeSeries?.facts.cineFps ?? DEFAULT_FPS);
  const setFps = (value: number) => setFpsChoice({ uid: activeUID, fps: value });
  useEffect(() => {
    command((p) => p.setCine(cinePlaying, fps));
  }, [cinePlaying, fps, command]);
  const activate = (i: number) => {
    if (i === active) return;
    panes.current[active]?.setCine(false, fps);
    setCinePlaying(false);
    setActive(i);
  };

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
    if (active >= SLOTS[next]) setActive(0);
  };

  const show = (uid: string) => {
    setMpr(false);
    setAssigned((prev) => prev.map((u, i) => (i === active ? uid : u)));
  };

  // The toolbar's one-shot buttons and their keys run the same functions.
  const viewActions: Readonly<Record<ViewAction, () => void>> = useMemo(
    () => ({
      invert: () => command((p) => p.invert()),
      rotate: () => command((p) => p.rotate()),
      flipH: () => command((p) => p.flipHorizontal()),
      flipV: () => command((p) => p.flipVertical()),
      reset: () => command((p) => p.reset()),
      clearMeasurements: () => {
        annotation.state.removeAllAnnotations();
        engine?.render();
      },
    }),
    [command, engine],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (helpOpen || fieldOwnsKey(e.target, e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key;
      const action = VIEW_ACTION_KEYS[key.toLowerCase()];
      let handled = true;
      if (key === 'ArrowDown' || key === 'ArrowRight') command((p) => p.scroll(1));
      else if (key === 'ArrowUp' || key === 'ArrowLeft') command((p) => p.scroll(-1));
      else if (key === 'PageDown') command((p) => p.scroll(10));
      else if (key === 'PageUp') command((p) => p.scroll(-10));
      else if (key === 'Home') command((p) => p.goTo('first'));
      else if (key === 'End') command((p) => p.goTo('last'));
      else if (key === '?') setHelpOpen(true);
      else if (key === ' ' && canCine) setCinePlaying((v) => !v);
      else if (action) viewActions[action]();
      else if (presets.some((p) => p.key === key)) {
        const preset = presets.find((p) => p.key === key);
        if (preset) command((p) => p.applyPreset(preset));
      } else if (TOOL_KEYS[key.toLowerCase()] && !mpr)
        setTool(TOOL_KEYS[key.toLowerCase()] ?? 'windowLevel');
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [command, helpOpen, presets, canCine, mpr, viewActions]);

  const title = activeSeries?.facts.studyDescription || t('viewer.title');
  const slots = SLOTS[layout];

  return (
    <div className={styles.workspace} data-testid="viewer">
      <ViewerHeaderBar>
        <h1 className={styles.studyTitle}>
          <span data-testid="viewer-patient">{activeSeries?.facts.patientName}</span>{' '}
          <span className={styles.muted}>{title}</span>
        </h1>
      </ViewerHeaderBar>
      <KeyImagesNotice asked={study.keyImagesOnly === true} state={keyImages} />
      <StudyNotices study={study} />
      <ViewerToolbar
        tool={tool}
        onTool={setTool}
        presets={presets}
        onPreset={(preset) => command((p) => p.applyPreset(preset))}
        actions={viewActions}
        cinePlaying={cinePlaying}
        onCine={() => setCinePlaying((v) => !v)}
        fps={fps}
        onFps={setFps}
        canCine={canCine && !mpr}
        layout={layout}
        onLayout={changeLayout}
        mpr={mpr}
        canMpr={canMpr}
        onMpr={() => {
          setCinePlaying(false);
          setMpr((v) => !v);
        }}
        onHelp={() => setHelpOpen(true)}
      />
      <div className={styles.body}>
        <SeriesPanel
          study={study}
          contents={contents}
          showThumbnails={firstImageShown}
          progress={progress}
          shownInActive={activeUID}
          accessToken={accessToken ?? ''}
          onShow={show}
          keyImages={
            <KeyImagesEntry
              state={keyImages}
              pressed={activeUID === KEY_IMAGES_ID}
              onShow={() => show(KEY_IMAGES_ID)}
            />
          }
        />
        <div className={styles.views}>
          {startFailed && (
            <p role="alert" className={styles.paneError}>
              {t('viewer.error.webgl')}
            </p>
          )}
          {!engine && !startFailed && !mpr && layout === '1x1' && preview && (
            <FirstImagePreview bitmap={preview} />
          )}
          {engine && mpr && activeSeries && (
            <MprView engine={engine} engineId={ENGINE_ID} series={activeSeries} />
          )}
          {engine && !mpr && (
            <div className={styles.grid} data-layout={layout}>
              {Array.from({ length: slots }, (_, i) => {
                const uid = shownIn(assigned[i] ?? null);
                return (
                  <StackPane
                    key={i}
                    engine={engine}
                    engineId={ENGINE_ID}
                    viewportId={`drim-stack-${i}`}
                    index={i}
                    content={uid ? (contentOf(uid) ?? { state: 'loading' }) : null}
                    active={i === active}
                    onActivate={() => activate(i)}
                    onRendered={onFirstViewSettled}
                    onFailed={onFirstViewSettled}
                    preview={i === 0 && uid === firstSeriesUID ? preview : null}
                    commandsRef={(c) => {
                      panes.current[i] = c;
                    }}
                  />
                );
              })}
            </div>
          )}
        </div>
      </div>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
