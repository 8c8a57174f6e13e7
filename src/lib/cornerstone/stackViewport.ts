// A stack view's life in Cornerstone: its element enabled as a viewport with the stack
// tools, the events that say what it shows, and that state read back for the overlay.
// What the user does to it is viewportCommands.ts.
import { Enums, eventTarget } from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import type { VoiRange } from '../../domain/viewer/windowPresets';
import { markViewerPhase } from '../viewerTimeline';
import type { ViewerEngine } from './renderingEngine';
import { AS_STORED, stopCine, type Flips, type StackViewport } from './viewportCommands';
import { STACK_TOOL_GROUP } from './viewerTools';

/** What the overlay says about a view: where in the stack, how windowed, how zoomed. */
export interface StackViewState {
  imageIndex: number;
  imageCount: number;
  voi: VoiRange | null;
  zoom: number;
  viewUp: readonly number[] | null;
  viewPlaneNormal: readonly number[] | null;
  parallelScale: number | null;
  heightPx: number;
}

/** Why an image did not show: its bytes did not come, or they came and did not decode. */
export type ImageFailure = 'load' | 'decode';

function failureOf(error: unknown): ImageFailure {
  // The loader rejects with its XHR when the request failed, with an Error when decoding did.
  return error instanceof XMLHttpRequest ? 'load' : 'decode';
}

/** The stack viewport enabled under this id, if it still is. */
export function stackViewportOf(engine: ViewerEngine, viewportId: string): StackViewport | null {
  try {
    return (engine.getViewport(viewportId) as StackViewport | undefined) ?? null;
  } catch {
    // The engine was destroyed meanwhile.
    return null;
  }
}

function sizeOf(element: HTMLElement): string {
  return `${element.clientWidth}×${element.clientHeight}`;
}

/** Makes the element a stack viewport with the stack tools; returns what undoes it. */
export function enableStackViewport(
  engine: ViewerEngine,
  viewportId: string,
  element: HTMLDivElement,
): () => void {
  engine.enableElement({
    viewportId,
    element,
    type: Enums.ViewportType.STACK,
    defaultOptions: { background: [0, 0, 0] },
  });
  markViewerPhase('viewport');
  ToolGroupManager.getToolGroup(STACK_TOOL_GROUP)?.addViewport(viewportId, engine.id);
  // An observer reports the element's size once as it starts: the engine has just sized its
  // canvas to it, and resizing again would draw the image a second time (~0.1 s of the
  // page's thread with a software rasteriser, right after the first image). Only a change
  // of size is passed on.
  let size = sizeOf(element);
  const resize = new ResizeObserver(() => {
    const now = sizeOf(element);
    if (now === size) return;
    size = now;
    engine.resize(true, true);
  });
  resize.observe(element);
  return () => {
    resize.disconnect();
    stopCine(element, viewportId);
    ToolGroupManager.getToolGroup(STACK_TOOL_GROUP)?.removeViewports(engine.id, viewportId);
    forgetStack(engine, viewportId);
    engine.disableElement(viewportId);
  };
}

/**
 * Cornerstone finds a view's renderer by its id, and draws an image that arrives for a
 * disabled view all the same: a stack still loading when its view goes (the layout changed
 * under the user's click) would be drawn into the next view enabled under that id, reset
 * its camera and leave its image a dot (seen: zoom 1/300). An empty stack makes that late
 * image nobody's.
 */
function forgetStack(engine: ViewerEngine, viewportId: string): void {
  const vp = stackViewportOf(engine, viewportId);
  if (!vp || vp.getImageIds().length === 0) return;
  // It rejects at once (no first image to load), and that is all that is wanted of it.
  vp.setStack([]).catch(() => undefined);
}

export interface StackViewportEvents {
  /** An image was drawn. */
  rendered: () => void;
  /** Another image of the stack is shown. */
  newImage: () => void;
  /** Window, zoom, pan, rotation or flips changed. */
  viewChanged: () => void;
  /** The image on screen could not be shown; final, the loader has asked again already. */
  failed: (failure: ImageFailure) => void;
}

/** Follows what the view shows from Cornerstone's events; returns what stops following. */
export function watchStackViewport(
  engine: ViewerEngine,
  viewportId: string,
  element: HTMLDivElement,
  events: StackViewportEvents,
): () => void {
  const onLoadError = (evt: Event) => {
    const detail = (evt as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
    const vp = stackViewportOf(engine, viewportId);
    // A source's refusal to send a frame as stored was already asked again by the loader
    // (frameRetrieval.ts): what arrives here is final. Only the image on screen matters.
    if (!vp || !detail?.imageId || detail.imageId !== vp.getCurrentImageId()) return;
    events.failed(failureOf(detail.error));
  };
  // The engine says « rendered » after every render, an empty view's too (a resize while the
  // first image is still on its way): only a render of the image the view stands on counts,
  // or the preview and « Chargement » would give way to a black view.
  const onRendered = () => {
    const vp = stackViewportOf(engine, viewportId);
    const shown = vp?.getCornerstoneImage()?.imageId;
    if (shown !== undefined && shown === vp?.getCurrentImageId()) events.rendered();
  };
  element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  element.addEventListener(Enums.Events.STACK_NEW_IMAGE, events.newImage);
  element.addEventListener(Enums.Events.VOI_MODIFIED, events.viewChanged);
  element.addEventListener(Enums.Events.CAMERA_MODIFIED, events.viewChanged);
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
  return () => {
    element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, events.newImage);
    element.removeEventListener(Enums.Events.VOI_MODIFIED, events.viewChanged);
    element.removeEventListener(Enums.Events.CAMERA_MODIFIED, events.viewChanged);
    eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
  };
}

export function viewStateOf(vp: StackViewport): StackViewState {
  const camera = vp.getCamera();
  return {
    imageIndex: vp.getCurrentImageIdIndex(),
    imageCount: vp.getImageIds().length,
    voi: vp.getProperties().voiRange ?? null,
    zoom: vp.getZoom(),
    viewUp: camera.viewUp ?? null,
    viewPlaneNormal: camera.viewPlaneNormal ?? null,
    parallelScale: camera.parallelScale ?? null,
    heightPx: vp.element.clientHeight,
  };
}

/**
 * Shows the images from the first one, hung as `flips` says; resolves with what kept it from
 * showing, or null. It is drawn only if still wanted once in: another series may have been
 * chosen meanwhile.
 */
export async function showStack(
  vp: StackViewport,
  imageIds: string[],
  stillWanted: () => boolean,
  flips: Flips = AS_STORED,
): Promise<ImageFailure | null> {
  try {
    await vp.setStack(imageIds, 0);
  } catch (error) {
    return failureOf(error);
  }
  if (!stillWanted()) return null;
  // A new stack is shown as stored: a mirrored view is mirrored again, before it is drawn.
  if (flips.flipHorizontal || flips.flipVertical) vp.setCamera({ ...flips });
  shownStacks.set(vp, vp.getImageIds());
  markViewerPhase('stack');
  vp.render();
  return null;
}

/** The stack each viewport was last set up with, once showStack has finished with it. */
const shownStacks = new WeakMap<StackViewport, readonly string[]>();

/**
 * The view shows its stack as set up: what it does from now on is the user's (a view
 * still setting up resets its camera and window on its own — viewportLinks.ts ignores that).
 */
export function isSetUp(vp: StackViewport): boolean {
  return shownStacks.get(vp) === vp.getImageIds();
}

/** The index of the image a view shows now, null when it shows none. */
export function imageIndexIn(engine: ViewerEngine, viewportId: string): number | null {
  const vp = stackViewportOf(engine, viewportId);
  return vp && vp.getImageIds().length > 0 ? vp.getCurrentImageIdIndex() : null;
}
