// The one clock both viewers are timed with, from outside the page: from t0 (the moment the
// navigation or form submit is started), Chromium's DevTools screencast sends every screen
// its compositor shows (Page.startScreencast: a PNG at half the CSS resolution, stamped with
// the compositor's time), and each is judged by its pixels (nonBlank.ts):
// - first study pixels: the largest visible <canvas> or <img> (on-screen area, at least
//   MIN_SIDE × MIN_SIDE CSS px) shows an image in the frame;
// - Cornerstone canvas drawn: the same, restricted to the largest `canvas.cornerstone-canvas`
//   (the class Cornerstone3D gives its canvas, in our viewer and in OHIF's) that no other
//   candidate covers (from before the previous frame until after this one; or since the
//   previous frame, when that very frame changed the canvas's region: judgedCanvas). A
//   preview drawn over it is not Cornerstone's drawing; the clock is at worst a frame late,
//   never early.
// Where the elements are is read from the page between frames (page.evaluate, each frame
// judged with the first read started after it arrived); whether they show an image is
// decided from the frame only. A moment is the compositor's stamp of the first frame that
// showed it; the frame before it did not (its stamp is kept as the lower bound).
//
// Why a screencast rather than screenshots asked for in a loop: a screenshot waits for a
// new frame from the page, which a busy main thread holds back (up to seconds here while
// Cornerstone starts), so a polled screenshot is dated neither when it was asked for nor
// when it arrived, and forcing frames costs the page CPU. The screencast costs only the
// frames the page shows anyway, and dates each.
import { performance } from 'node:perf_hooks';
import type { CDPSession, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { changedShare, regionStats, type Region, type RegionStats } from './nonBlank';

/** Smaller elements (thumbnails, icons) are not the study's image. */
export const MIN_SIDE = 128;
/**
 * Frames come at half the CSS resolution: cheaper to encode and decode (a full-size PNG of
 * a 1400×900 viewport takes ~110 ms here), and a CT slice is as plain at 700×450.
 */
export const SHOT_SCALE = 0.5;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  cornerstone: boolean;
}

interface Layout {
  width: number;
  height: number;
  boxes: Box[];
  /** A page the run cannot go on from (an error, a login form): said, not waited out. */
  problem: string | null;
}

// Sent as text: a function would be rewritten by tsx with helpers the page does not have.
const READ_LAYOUT = `(() => {
  const minSide = ${MIN_SIDE};
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const boxes = [];
  for (const el of document.querySelectorAll('canvas, img')) {
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    const x = Math.max(0, r.left);
    const y = Math.max(0, r.top);
    const width = Math.min(vw, r.right) - x;
    const height = Math.min(vh, r.bottom) - y;
    if (width < minSide || height < minSide) continue;
    boxes.push({ x, y, width, height, cornerstone: el.classList.contains('cornerstone-canvas') });
  }
  let problem = null;
  const launchProblem = document.querySelector('[data-testid="launch-problem"]');
  if (launchProblem) problem = 'launch-problem: ' + (launchProblem.getAttribute('data-problem') || '?');
  else if (location.pathname.startsWith('/ouverture-impossible')) problem = 'launch error page';
  else if (document.querySelector('input[type="password"]')) problem = 'a password form (the IdP session did not carry)';
  return { width: vw, height: vh, boxes, problem };
})()`;

const area = (b: Box) => b.width * b.height;

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The largest candidate, and the largest Cornerstone canvas no other candidate covers. */
export function pickRegions(boxes: Box[]): { largest?: Box; cornerstone?: Box } {
  const bySize = [...boxes].sort((a, b) => area(b) - area(a));
  const cornerstone = bySize.find(
    (c) =>
      c.cornerstone &&
      !boxes.some((o) => !o.cornerstone && o !== c && overlap(o, c) >= 0.5 * area(c)),
  );
  return { largest: bySize[0], cornerstone };
}

/**
 * Cornerstone's canvas to judge in a frame: uncovered in the layout read after the frame
 * (`at`) and in every read `around` it — from the last one completed before the previous
 * frame was shown up to `at`. The page's DOM moves on while a frame is on its way (a
 * preview removed just after the frame that still shows it), so the canvas counts only if
 * it was uncovered from before the previous frame until after this one: at worst one frame
 * late, never early.
 */
export function cornerstoneThroughout(at: Box[], around: Box[][]): Box | undefined {
  const picked = pickRegions(at).cornerstone;
  return picked && around.every((boxes) => pickRegions(boxes).cornerstone !== undefined)
    ? picked
    : undefined;
}

/**
 * How much of the canvas's region a frame must change for the second rule below: the
 * source's rendering and Cornerstone's drawing of one slice differed by about 7 % of it here
 * (the overlay's corners, the grey levels); a preview still on screen changes none of it.
 */
export const MIN_CHANGED_SHARE = 0.005;

/**
 * Why a frame's canvas was judged drawn: uncovered throughout (the rule above), or — when a
 * cover was seen only before the previous frame — uncovered in every read begun since the
 * previous frame was shown AND the canvas's region changed at this very frame. The second
 * rule is for a viewer that shows a preview of the same slice: without it, a canvas drawn
 * in the frame the preview leaves is counted only at the page's next change of screen
 * (0.1–0.2 s later, when nothing else moves), although the frame before that already shows
 * Cornerstone's drawing (its overlay, its grey levels). A frame composited from before the
 * preview left would show the preview unchanged: that region would not have changed.
 */
export type CanvasRule = 'uncovered-throughout' | 'uncovered-since-previous-frame-and-changed';

export function judgedCanvas(
  at: Box[],
  around: Box[][],
  sincePrevious: Box[][],
  /** The share of a region changed from the previous frame (null: no previous frame). */
  changed: ((region: Box) => number) | null,
): { box: Box; rule: CanvasRule } | undefined {
  const throughout = cornerstoneThroughout(at, around);
  if (throughout) return { box: throughout, rule: 'uncovered-throughout' };
  const since = cornerstoneThroughout(at, sincePrevious);
  if (!since || !changed || changed(since) < MIN_CHANGED_SHARE) return undefined;
  return { box: since, rule: 'uncovered-since-previous-frame-and-changed' };
}

export interface Moment {
  /** Since t0, when the compositor showed the first frame that shows it. */
  ms: number;
  /** Since t0, when the compositor showed the frame before (which did not show it). */
  afterMs: number;
  stats: RegionStats;
  /** The screenshot (PNG, at SHOT_SCALE), for a look by eye. */
  png: Buffer;
  /** The screenshot before, which did not show it. */
  previousPng: Buffer | null;
  region: Region;
  /** For the canvas: which rule judged it (judgedCanvas). */
  rule?: CanvasRule;
}

export interface PixelClockResult {
  firstPixels: Moment | null;
  canvasDrawn: Moment | null;
  /** Frames received, and the interval between their stamps. */
  shots: number;
  medianIntervalMs: number;
  maxIntervalMs: number;
  /** Median time from a frame's stamp to its arrival here (what a polled clock would add). */
  deliveryLagMs: number;
  problem: string | null;
}

interface Shot {
  /** Since t0: when the compositor showed this screen. */
  shownMs: number;
  /** Since t0: when the frame reached this process. */
  gotMs: number;
  png: Buffer;
}

const EMPTY = Buffer.alloc(0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A call into the browser that does not answer within `ms` is given up (and retried). */
function within<T>(ms: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

const CALL_TIMEOUT_MS = 5_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Starts the screencast on `page`, then calls `open`, which starts the navigation and
 * says when (t0, performance.now() of this process); watches until Cornerstone's canvas
 * shows an image, a problem page appears, or `timeoutMs` passes.
 */
export async function watchPixels(
  page: Page,
  open: () => Promise<number>,
  opts: { timeoutMs?: number } = {},
): Promise<PixelClockResult & { t0: number }> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const cdp: CDPSession = await page.context().newCDPSession(page);
  /** Until `open` says, frames are stamped against the start of the watch. */
  let t0 = performance.now();
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  /** Layout reads in the order they completed, each with when it started. */
  const reads: { startedMs: number; completedMs: number; layout: Layout }[] = [];
  const shots: Shot[] = [];
  let done = false;
  let problem: string | null = null;
  const since = () => performance.now() - t0;

  // Three loops: screenshots back to back; layout reads back to back; judging each
  // screenshot with the first layout read started after it (so a busy page, whose reads
  // wait for its main thread, delays the verdict but not the screenshots).
  const readLayouts = async () => {
    while (!done) {
      const startedMs = since();
      try {
        const layout = (await within(CALL_TIMEOUT_MS, page.evaluate(READ_LAYOUT))) as Layout;
        reads.push({ startedMs, completedMs: since(), layout });
        if (layout.problem) {
          problem = layout.problem;
          done = true;
        }
      } catch (e) {
        if (process.env.BENCH_CLOCK_DEBUG)
          console.log(
            `  layout read failed at ${since().toFixed(0)} ms: ${String(e).slice(0, 120)}`,
          );
        // Between two documents: read again in the next one.
        await sleep(5);
      }
    }
  };

  // Chromium pushes a frame each time its compositor shows a changed screen, stamped with
  // the compositor's time; acknowledged at once so the next one is not held back.
  /** Frames as they came, in this process's performance.now() time. */
  const frames: { shownAt: number; gotAt: number; png: Buffer }[] = [];
  cdp.on('Page.screencastFrame', (frame) => {
    const gotAt = performance.now();
    void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    const stamped = frame.metadata.timestamp;
    frames.push({
      shownAt: stamped === undefined ? gotAt : stamped * 1000 - performance.timeOrigin,
      gotAt,
      png: Buffer.from(frame.data, 'base64'),
    });
  });
  const startScreencast = () =>
    within(
      CALL_TIMEOUT_MS,
      cdp.send('Page.startScreencast', {
        format: 'png',
        maxWidth: Math.round(viewport.width * SHOT_SCALE),
        maxHeight: Math.round(viewport.height * SHOT_SCALE),
        everyNthFrame: 1,
      }),
    );

  let firstPixels: Moment | null = null;
  let canvasDrawn: Moment | null = null;

  const judge = (
    shot: Shot,
    previous: Shot | null,
    at: Layout,
    around: Layout[],
    sincePrevious: Layout[],
  ): void => {
    const { largest } = pickRegions(at.boxes);
    if (!largest) return;
    const decoded = PNG.sync.read(shot.png);
    // The screenshot covers the viewport at SHOT_SCALE: CSS px to its pixels.
    const sx = decoded.width / at.width;
    const sy = decoded.height / at.height;
    const toShot = (b: Box): Region => ({
      x: b.x * sx,
      y: b.y * sy,
      width: b.width * sx,
      height: b.height * sy,
    });
    const image = { width: decoded.width, height: decoded.height, data: decoded.data };
    let before: { width: number; height: number; data: Uint8Array } | null = null;
    const changed =
      previous && previous.png.length > 0
        ? (b: Box) => {
            before ??= PNG.sync.read(previous.png);
            return changedShare(before, image, toShot(b));
          }
        : null;
    const judged = canvasDrawn
      ? undefined
      : judgedCanvas(
          at.boxes,
          around.map((l) => l.boxes),
          sincePrevious.map((l) => l.boxes),
          changed,
        );
    const moment = (region: Region, stats: RegionStats): Moment => ({
      ms: shot.shownMs,
      afterMs: previous?.shownMs ?? 0,
      stats,
      png: shot.png,
      previousPng: previous?.png ?? null,
      region,
    });
    if (!firstPixels) {
      const region = toShot(largest);
      const stats = regionStats(image, region);
      if (stats.nonBlank) firstPixels = moment(region, stats);
    }
    if (!canvasDrawn && judged) {
      const region = toShot(judged.box);
      const stats = regionStats(image, region);
      if (stats.nonBlank) {
        if (process.env.BENCH_CLOCK_DEBUG)
          console.log('  canvas drawn with', JSON.stringify(at.boxes), judged.rule);
        canvasDrawn = { ...moment(region, stats), rule: judged.rule };
        // Cornerstone's canvas showing the study is study pixels on screen.
        firstPixels ??= canvasDrawn;
      }
    }
  };

  const judgeShots = async () => {
    let next = 0;
    while (!done) {
      const frame = frames[next];
      if (frame && !shots[next]) {
        shots[next] = { shownMs: frame.shownAt - t0, gotMs: frame.gotAt - t0, png: frame.png };
        frame.png = EMPTY;
      }
      const shot = shots[next];
      const readAt = shot ? reads.findIndex((r) => r.startedMs >= shot.gotMs) : -1;
      if (!shot || readAt === -1) {
        await sleep(3);
        continue;
      }
      const previous = shots[next - 1] ?? null;
      const previousShown = previous?.shownMs ?? -Infinity;
      let from = readAt;
      while (from > 0 && reads[from]!.completedMs >= previousShown) from -= 1;
      let since = readAt;
      while (since > 0 && reads[since - 1]!.startedMs >= previousShown) since -= 1;
      judge(
        shot,
        previous,
        reads[readAt]!.layout,
        reads.slice(from, readAt + 1).map((r) => r.layout),
        reads.slice(since, readAt + 1).map((r) => r.layout),
      );
      // Only the screenshot before the current one is kept, for the record.
      if (next >= 2) shots[next - 2] = { ...shots[next - 2]!, png: EMPTY };
      next += 1;
      if (canvasDrawn) done = true;
    }
  };

  const deadline = setTimeout(() => {
    problem ??= `no image after ${timeoutMs} ms`;
    done = true;
  }, timeoutMs);
  try {
    await startScreencast();
    t0 = await open();
    await Promise.all([readLayouts(), judgeShots()]);
  } finally {
    done = true;
    clearTimeout(deadline);
    await within(CALL_TIMEOUT_MS, cdp.send('Page.stopScreencast')).catch(() => undefined);
    await within(CALL_TIMEOUT_MS, cdp.detach()).catch(() => undefined);
  }
  const asked = shots.map((s) => s.shownMs);
  const intervals = asked.slice(1).map((t, i) => t - asked[i]!);
  return {
    t0,
    firstPixels,
    canvasDrawn,
    shots: asked.length,
    medianIntervalMs: median(intervals),
    maxIntervalMs: intervals.length ? Math.max(...intervals) : 0,
    deliveryLagMs: median(shots.map((x) => x.gotMs - x.shownMs)),
    problem: canvasDrawn ? null : problem,
  };
}
