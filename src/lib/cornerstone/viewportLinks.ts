// Views that follow one another when studies are compared: what the user does to one view
// (window, zoom and pan, rotation and flips, the slice) is done to the views linked to it.
//
// Driven here from each viewport's own events rather than with @cornerstonejs/tools'
// synchronizers: those copy one thing each (VOI, camera, an image's position), while a
// comparison needs per-pair rules they do not have — the slice by a function the feature
// gives (the registration offset between two frames of reference, domain/viewer/sliceSync.ts),
// only the user's window (not each image's own, which a stack applies as it scrolls), one
// guard against echoes for all of them. The work done per event is the same as theirs:
// read the source's state, set it on each target, render (scheduled for the next frame).
import { Enums } from '@cornerstonejs/core';
import type { ViewerEngine } from './renderingEngine';
import { isSetUp, stackViewportOf } from './stackViewport';
import type { StackViewport } from './viewportCommands';

export interface ViewportLink {
  source: string;
  target: string;
  /** Window/level and inversion. */
  voi: boolean;
  zoomPan: boolean;
  /** Rotation and flips. */
  presentation: boolean;
  /**
   * Flips the two views hang their images with that differ (a hanging protocol mirrors an
   * image stored the other way): the target is flipped as the source is, relative to that.
   */
  flipsDiffer?: { horizontal: boolean; vertical: boolean };
  /** The target's image index for the source's, null to leave the target where it is. */
  slice: ((sourceIndex: number) => number | null) | null;
  /**
   * The target follows the source when it shows a new stack: a prior's view, once its first
   * image is drawn, takes the current view's slice, window, zoom and rotation.
   */
  leads: boolean;
}

export interface ViewportLinks {
  /** Replaces every link (called as toggles, pairs and alignments change). */
  set(links: readonly ViewportLink[]): void;
  dispose(): void;
}

const PAN_EPSILON = 1e-4;
const ZOOM_EPSILON = 1e-4;

type Listener = (evt: Event) => void;

function sameVoi(a: StackViewport, b: StackViewport): boolean {
  const pa = a.getProperties();
  const pb = b.getProperties();
  return (
    pa.voiRange?.lower === pb.voiRange?.lower &&
    pa.voiRange?.upper === pb.voiRange?.upper &&
    (pa.invert ?? false) === (pb.invert ?? false)
  );
}

function copyVoi(from: StackViewport, to: StackViewport): boolean {
  const props = from.getProperties();
  // A window the stack computed for its own image (each image's default, as it scrolls)
  // is not the user's: the other study keeps its own.
  if (props.isComputedVOI !== false || !props.voiRange || sameVoi(from, to)) return false;
  to.setProperties({ voiRange: { ...props.voiRange }, invert: props.invert ?? false });
  return true;
}

function copyZoomPan(from: StackViewport, to: StackViewport): boolean {
  const source = from.getViewPresentation({ zoom: true, pan: true });
  const target = to.getViewPresentation({ zoom: true, pan: true });
  const [sx = 0, sy = 0] = source.pan ?? [];
  const [tx = 0, ty = 0] = target.pan ?? [];
  const sameZoom = Math.abs((source.zoom ?? 1) - (target.zoom ?? 1)) < ZOOM_EPSILON;
  const samePan = Math.abs(sx - tx) < PAN_EPSILON && Math.abs(sy - ty) < PAN_EPSILON;
  if (sameZoom && samePan) return false;
  to.setViewPresentation({ zoom: source.zoom ?? 1, pan: [sx, sy] });
  return true;
}

function copyPresentation(
  from: StackViewport,
  to: StackViewport,
  differ: ViewportLink['flipsDiffer'],
): boolean {
  const selector = { rotation: true, flipHorizontal: true, flipVertical: true };
  const source = from.getViewPresentation(selector);
  const target = to.getViewPresentation(selector);
  const flipHorizontal = (source.flipHorizontal ?? false) !== (differ?.horizontal ?? false);
  const flipVertical = (source.flipVertical ?? false) !== (differ?.vertical ?? false);
  if (
    (source.rotation ?? 0) === (target.rotation ?? 0) &&
    flipHorizontal === (target.flipHorizontal ?? false) &&
    flipVertical === (target.flipVertical ?? false)
  ) {
    return false;
  }
  to.setViewPresentation({ rotation: source.rotation ?? 0, flipHorizontal, flipVertical });
  return true;
}

/** What a link does, without its functions: the same link set again is no new link. */
function signatureOf(l: ViewportLink): string {
  return [l.source, l.target, l.voi, l.zoomPan, l.presentation, l.slice !== null, l.leads].join(
    '|',
  );
}

export function createViewportLinks(engine: ViewerEngine): ViewportLinks {
  let links: readonly ViewportLink[] = [];
  let signatures = new Set<string>();
  const watched = new Map<string, { element: HTMLDivElement; off: () => void }>();
  /** Set while this module changes a view: the events that change fires are not the user's. */
  let applying = false;
  /** Image index a view was sent to by a link; its own new-image event then is no echo. */
  const sentTo = new Map<string, number>();
  /**
   * The stack each view has taken its leader's state for. Until a view is set up with its
   * new stack (stackViewport.ts), its events are its own set-up (reset camera, default
   * window, first image), not the user's: they move nothing else.
   */
  const adopted = new Map<string, readonly string[]>();
  /** Views whose camera changed in this task, followed once the task's changes are done. */
  const cameraChanged = new Set<string>();
  const settled = (vp: StackViewport) => isSetUp(vp);

  const viewport = (id: string) => stackViewportOf(engine, id);

  const apply = (sourceId: string, what: 'voi' | 'camera') => {
    if (applying) return;
    const from = viewport(sourceId);
    if (!from || !settled(from)) return;
    applying = true;
    try {
      for (const link of links) {
        if (link.source !== sourceId) continue;
        const to = viewport(link.target);
        if (!to) continue;
        let changed = false;
        if (what === 'voi' && link.voi) changed = copyVoi(from, to);
        if (what === 'camera') {
          if (link.zoomPan) changed = copyZoomPan(from, to) || changed;
          if (link.presentation) {
            changed = copyPresentation(from, to, link.flipsDiffer) || changed;
          }
        }
        if (changed) to.render();
      }
    } finally {
      applying = false;
    }
  };

  const follow = (sourceId: string) => {
    const from = viewport(sourceId);
    if (!from || !settled(from)) return;
    const index = from.getCurrentImageIdIndex();
    if (sentTo.get(sourceId) === index) {
      // This view is where a link sent it: moving the others from here would echo back.
      sentTo.delete(sourceId);
      return;
    }
    sentTo.delete(sourceId);
    for (const link of links) {
      if (link.source !== sourceId || !link.slice) continue;
      const to = viewport(link.target);
      if (!to) continue;
      const target = link.slice(index);
      const count = to.getImageIds().length;
      // Past either end of the other stack: it stays on its last slice, nothing wraps.
      if (target === null || target < 0 || target >= count) continue;
      if (to.getCurrentImageIdIndex() === target) continue;
      sentTo.set(link.target, target);
      void to.setImageIdIndex(target);
    }
  };

  /** Drawn set up with a new stack: the view takes its leader's state, once per stack. */
  const onDrawn = (id: string) => {
    const vp = viewport(id);
    if (!vp || !settled(vp) || adopted.get(id) === vp.getImageIds()) return;
    adopted.set(id, vp.getImageIds());
    const leader = links.find((l) => l.target === id && l.leads);
    if (leader) adopt(id, leader.source);
  };

  const watch = (id: string) => {
    const vp = viewport(id);
    if (!vp) return;
    const current = watched.get(id);
    if (current?.element === vp.element) return;
    current?.off();
    const element = vp.element;
    const onVoi: Listener = () => apply(id, 'voi');
    // Read once the change is whole: Cornerstone tells a flip before it records it.
    const onCamera: Listener = () => {
      if (applying || cameraChanged.has(id)) return;
      cameraChanged.add(id);
      queueMicrotask(() => {
        cameraChanged.delete(id);
        apply(id, 'camera');
      });
    };
    const onImage: Listener = () => follow(id);
    const onRendered: Listener = () => onDrawn(id);
    element.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    element.addEventListener(Enums.Events.CAMERA_MODIFIED, onCamera);
    element.addEventListener(Enums.Events.STACK_NEW_IMAGE, onImage);
    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    watched.set(id, {
      element,
      off: () => {
        element.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
        element.removeEventListener(Enums.Events.CAMERA_MODIFIED, onCamera);
        element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onImage);
        element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      },
    });
  };

  const adopt = (targetId: string, sourceId: string) => {
    const link = links.find((l) => l.source === sourceId && l.target === targetId);
    const from = viewport(sourceId);
    const to = viewport(targetId);
    if (!link || !from || !to) return;
    applying = true;
    try {
      let changed = false;
      if (link.voi) changed = copyVoi(from, to) || changed;
      if (link.zoomPan) changed = copyZoomPan(from, to) || changed;
      if (link.presentation) changed = copyPresentation(from, to, link.flipsDiffer) || changed;
      if (changed) to.render();
    } finally {
      applying = false;
    }
    const index = link.slice?.(from.getCurrentImageIdIndex()) ?? null;
    if (index !== null && index >= 0 && index < to.getImageIds().length) {
      if (to.getCurrentImageIdIndex() !== index) {
        sentTo.set(targetId, index);
        void to.setImageIdIndex(index);
      }
    }
  };

  return {
    set(next) {
      links = next;
      const ids = new Set(next.flatMap((l) => [l.source, l.target]));
      for (const [id, w] of watched) {
        if (!ids.has(id)) {
          w.off();
          watched.delete(id);
        }
      }
      for (const id of ids) watch(id);
      // A link made or widened after both views were drawn (a toggle turned on, a prior
      // re-paired): the follower takes the leader's state now — once, not at every re-set.
      const before = signatures;
      signatures = new Set(next.map(signatureOf));
      for (const link of next) {
        const target = viewport(link.target);
        if (!link.leads || !target || !settled(target) || before.has(signatureOf(link))) continue;
        adopt(link.target, link.source);
      }
    },
    dispose() {
      links = [];
      for (const w of watched.values()) w.off();
      watched.clear();
      sentTo.clear();
      adopted.clear();
      signatures = new Set();
    },
  };
}
