// The PET/CT fusion view: the CT, the PET, the PET over the CT (all axial) and a coronal
// maximum-intensity projection of the PET, built as volumes from the two series' frames (as
// the MPR view is) in the workspace's rendering engine. The three axial views move together
// (one camera: scrolling, zooming or panning one moves the others); a click on the MIP takes
// them to the hottest point under it (Cornerstone's MIPJumpToClickTool), the way a nuclear
// physician goes from the projection to the slice.
//
// The PET volume is in SUVbw when its series has the factor (petScaling.ts feeds the loader
// the same metadata the stack views use); its window is then SUV 0–5.
import {
  Enums,
  eventTarget,
  setVolumesForViewports,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import {
  Enums as ToolEnums,
  MIPJumpToClickTool,
  PanTool,
  StackScrollTool,
  SynchronizerManager,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  addTool,
  synchronizers,
} from '@cornerstonejs/tools';
import type { NuclearColormap } from '../../domain/viewer/nuclearDisplay';
import { cornerstoneColormap } from './nuclearColormaps';
import { suvbwOfImageId } from './petScaling';
import type { ViewerEngine } from './renderingEngine';

export const FUSION_PANES = ['ct', 'pet', 'fusion', 'mip'] as const;
export type FusionPane = (typeof FUSION_PANES)[number];
const AXIAL_PANES = ['ct', 'pet', 'fusion'] as const;

export function fusionViewportId(pane: FusionPane): string {
  return `drim-fusion-${pane}`;
}

const AXIAL_TOOL_GROUP = 'drim-fusion';
const MIP_TOOL_GROUP = 'drim-fusion-mip';
const CAMERA_SYNC = 'drim-fusion-camera';

export interface FusionSeries {
  seriesInstanceUID: string;
  imageIds: string[];
}

export interface VoiRange {
  lower: number;
  upper: number;
}

/** How the panes look: colour maps, and the windows in each volume's units. */
export interface FusionLook {
  ctWindow: VoiRange;
  /** Null when the PET is not in SUV: then 0 to half its maximum, once it is loaded. */
  petWindow: VoiRange | null;
  /** The PET pane's and the MIP's map (inverted grey as they are read). */
  petColormap: NuclearColormap;
  /** The PET layer of the fused pane. */
  fusionColormap: NuclearColormap;
  /** Of the PET layer in the fused pane, 0–1. */
  opacity: number;
}

export interface FusionProgress {
  ct: { loaded: number; total: number };
  pet: { loaded: number; total: number };
}

export type FusionFailure = 'ct' | 'pet' | 'display';

export interface FusionEvents {
  /** Both volumes loaded and the fused pane drawn with its PET layer. */
  rendered: () => void;
  failed: (what: FusionFailure) => void;
  progress: (progress: FusionProgress) => void;
}

export interface FusionControl {
  /** The PET layer's opacity (0–1) and colour map in the fused pane. */
  setFusionLayer: (opacity: number, colormap: NuclearColormap) => void;
  dispose: () => void;
}

export function volumeIdOf(seriesInstanceUID: string): string {
  // The MPR view's ids: a CT read in MPR first is not built twice.
  return `cornerstoneStreamingImageVolume:${seriesInstanceUID}`;
}

/**
 * Values at or under this share of the PET window are see-through in the fused pane: the
 * PET's empty background must not darken the CT.
 */
const TRANSPARENT_BELOW = 0.02;

/**
 * The fused pane's PET layer: see-through background, then the chosen opacity. The points
 * stay within the window: vtk.js samples the opacity function over its own range (values
 * outside it take the end points'), so far-away points would blur the step into a ramp.
 */
function fusionColormap(id: NuclearColormap, opacity: number, window: VoiRange) {
  const width = window.upper - window.lower;
  const threshold = window.lower + width * TRANSPARENT_BELOW;
  return {
    ...cornerstoneColormap(id),
    opacity: [
      { value: window.lower, opacity: 0 },
      { value: threshold, opacity: 0 },
      { value: threshold + width * 1e-3, opacity },
      { value: window.upper, opacity },
    ],
  };
}

function ensureToolGroups(): void {
  addTool(MIPJumpToClickTool);
  if (!ToolGroupManager.getToolGroup(AXIAL_TOOL_GROUP)) {
    const group = ToolGroupManager.createToolGroup(AXIAL_TOOL_GROUP);
    if (group) {
      group.addTool(WindowLevelTool.toolName);
      group.addTool(PanTool.toolName);
      group.addTool(ZoomTool.toolName, { pinchToZoom: true, pan: true });
      group.addTool(StackScrollTool.toolName);
      const { MouseBindings } = ToolEnums;
      group.setToolActive(WindowLevelTool.toolName, {
        bindings: [{ mouseButton: MouseBindings.Primary }],
      });
      group.setToolActive(PanTool.toolName, {
        bindings: [{ mouseButton: MouseBindings.Auxiliary }],
      });
      group.setToolActive(ZoomTool.toolName, {
        bindings: [{ mouseButton: MouseBindings.Secondary }, { numTouchPoints: 2 }],
      });
      group.setToolActive(StackScrollTool.toolName, {
        bindings: [{ mouseButton: MouseBindings.Wheel }],
      });
    }
  }
  if (!ToolGroupManager.getToolGroup(MIP_TOOL_GROUP)) {
    const group = ToolGroupManager.createToolGroup(MIP_TOOL_GROUP);
    if (group) {
      const { MouseBindings } = ToolEnums;
      group.addTool(MIPJumpToClickTool.toolName, {
        targetViewportIds: AXIAL_PANES.map(fusionViewportId),
      });
      group.addTool(PanTool.toolName);
      group.addTool(ZoomTool.toolName, { pinchToZoom: true, pan: true });
      group.setToolActive(MIPJumpToClickTool.toolName, {
        bindings: [{ mouseButton: MouseBindings.Primary }],
      });
      group.setToolActive(PanTool.toolName, {
        bindings: [{ mouseButton: MouseBindings.Auxiliary }],
      });
      group.setToolActive(ZoomTool.toolName, {
        bindings: [{ mouseButton: MouseBindings.Secondary }, { numTouchPoints: 2 }],
      });
    }
  }
}

/** BaseStreamingImageVolume counts its frames; its interface does not say so. */
type StreamingVolume = Types.IStreamingImageVolume & { framesLoaded?: number };

/** Resolves once every frame of the volume was processed; says how many loaded. */
function loadVolume(
  volume: StreamingVolume,
  onFrame: (loaded: number, total: number) => void,
): Promise<{ loaded: number; total: number }> {
  const total = volume.imageIds.length;
  const done = () => ({ loaded: volume.framesLoaded ?? total, total });
  if (volume.loadStatus?.loaded) return Promise.resolve(done());
  return new Promise((resolve) => {
    const onModified = (evt: Event) => {
      const detail = (evt as CustomEvent<{ volumeId: string; framesProcessed?: number }>).detail;
      if (detail.volumeId === volume.volumeId) onFrame(volume.framesLoaded ?? 0, total);
    };
    const onCompleted = (evt: Event) => {
      const detail = (evt as CustomEvent<{ volumeId: string }>).detail;
      if (detail.volumeId !== volume.volumeId) return;
      eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
      eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onCompleted);
      resolve(done());
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_LOADING_COMPLETED, onCompleted);
    // Already under way (an MPR view of the CT): its completion is the same event.
    volume.load();
  });
}

/** Enough to span the whole volume along any direction: the MIP is of all of it. */
function wholeVolumeThickness(volume: Types.IImageVolume): number {
  const [nx = 1, ny = 1, nz = 1] = volume.dimensions;
  const [sx = 1, sy = 1, sz = 1] = volume.spacing;
  return Math.hypot(nx * sx, ny * sy, nz * sz);
}

type VolumeViewport = Types.IVolumeViewport;

/**
 * Shows the pair in the four panes' elements. `rendered` once both volumes are loaded and
 * the fused pane has been drawn with its PET layer. Returns the fused layer's controls and
 * what takes the views down.
 */
export function showFusion(
  engine: ViewerEngine,
  elements: Readonly<Partial<Record<FusionPane, HTMLDivElement | null>>>,
  series: { ct: FusionSeries; pet: FusionSeries },
  look: FusionLook,
  events: FusionEvents,
): FusionControl {
  let cancelled = false;
  const ids = FUSION_PANES.map(fusionViewportId);
  for (const pane of FUSION_PANES) {
    const element = elements[pane];
    if (!element) continue;
    engine.enableElement({
      viewportId: fusionViewportId(pane),
      element,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      defaultOptions: {
        orientation: pane === 'mip' ? Enums.OrientationAxis.CORONAL : Enums.OrientationAxis.AXIAL,
        background: [0, 0, 0],
      },
    });
  }
  ensureToolGroups();
  const axialGroup = ToolGroupManager.getToolGroup(AXIAL_TOOL_GROUP);
  for (const pane of AXIAL_PANES) axialGroup?.addViewport(fusionViewportId(pane), engine.id);
  ToolGroupManager.getToolGroup(MIP_TOOL_GROUP)?.addViewport(fusionViewportId('mip'), engine.id);
  const sync =
    SynchronizerManager.getSynchronizer(CAMERA_SYNC) ??
    synchronizers.createCameraPositionSynchronizer(CAMERA_SYNC);

  const viewport = (pane: FusionPane) =>
    engine.getViewport(fusionViewportId(pane)) as VolumeViewport | undefined;
  const ctId = volumeIdOf(series.ct.seriesInstanceUID);
  const petId = volumeIdOf(series.pet.seriesInstanceUID);
  let layer = { opacity: look.opacity, colormap: look.fusionColormap };
  let petWindow: VoiRange | null = look.petWindow;
  const applyLayer = () => {
    const fused = viewport('fusion');
    if (!fused || !petWindow) return;
    // vtk.js corrects opacity for the length a ray travels (1 − (1 − α)^(length / unit)):
    // through the thin slab of a 2D view, a 60 % layer would show at a few %. The ray runs
    // between clipping planes a slab thickness either side of the focal point: with that
    // length as the unit, the layer's opacity is the one asked for.
    const petActor = fused.getActors().find((a) => a.referencedId === petId)?.actor as
      | { getProperty: () => { setScalarOpacityUnitDistance: (i: number, d: number) => void } }
      | undefined;
    petActor?.getProperty().setScalarOpacityUnitDistance(0, 2 * fused.getSlabThickness());
    fused.setProperties(
      { colormap: fusionColormap(layer.colormap, layer.opacity, petWindow) },
      petId,
    );
    fused.render();
  };
  const applyPetWindow = (window: VoiRange) => {
    petWindow = window;
    for (const pane of ['pet', 'mip'] as const) {
      viewport(pane)?.setProperties({
        voiRange: window,
        colormap: cornerstoneColormap(look.petColormap),
      });
    }
    viewport('fusion')?.setProperties({ voiRange: window }, petId);
    applyLayer();
  };

  const fusedElement = elements.fusion;
  let waitingForDraw = false;
  const onFusedDrawn = () => {
    if (!waitingForDraw || cancelled) return;
    waitingForDraw = false;
    events.rendered();
  };
  fusedElement?.addEventListener(Enums.Events.IMAGE_RENDERED, onFusedDrawn);

  void (async () => {
    let failedPart: FusionFailure = 'ct';
    try {
      const ct = (await volumeLoader.createAndCacheVolume(ctId, {
        imageIds: series.ct.imageIds,
      })) as StreamingVolume;
      failedPart = 'pet';
      const pet = (await volumeLoader.createAndCacheVolume(petId, {
        imageIds: series.pet.imageIds,
      })) as StreamingVolume;
      if (cancelled) return;
      failedPart = 'display';
      const progress: FusionProgress = {
        ct: { loaded: ct.framesLoaded ?? 0, total: series.ct.imageIds.length },
        pet: { loaded: pet.framesLoaded ?? 0, total: series.pet.imageIds.length },
      };
      const report = (part: 'ct' | 'pet') => (loaded: number, total: number) => {
        if (cancelled) return;
        progress[part] = { loaded, total };
        events.progress({ ...progress });
      };
      // The views get their volumes once both are whole: drawn while they stream in, four
      // volume views re-render at every few frames, which a machine without a GPU (WebGL
      // in software) pays many times over; the pane says how far loading is meanwhile.
      const [ctLoaded, petLoaded] = await Promise.all([
        loadVolume(ct, report('ct')),
        loadVolume(pet, report('pet')),
      ]);
      if (cancelled) return;
      if (ctLoaded.loaded < ctLoaded.total) {
        events.failed('ct');
        return;
      }
      if (petLoaded.loaded < petLoaded.total) {
        events.failed('pet');
        return;
      }

      await setVolumesForViewports(engine, [{ volumeId: ctId }], [fusionViewportId('ct')]);
      await setVolumesForViewports(engine, [{ volumeId: petId }], [fusionViewportId('pet')]);
      await viewport('fusion')?.setVolumes([{ volumeId: ctId }, { volumeId: petId }]);
      await viewport('mip')?.setVolumes([
        {
          volumeId: petId,
          blendMode: Enums.BlendModes.MAXIMUM_INTENSITY_BLEND,
          slabThickness: wholeVolumeThickness(pet),
        },
      ]);
      if (cancelled) return;
      viewport('ct')?.setProperties({ voiRange: look.ctWindow });
      viewport('fusion')?.setProperties({ voiRange: look.ctWindow }, ctId);
      if (look.petWindow) {
        applyPetWindow(look.petWindow);
      } else {
        const [, max = 1] = pet.voxelManager?.getRange() ?? [];
        applyPetWindow({ lower: 0, upper: max > 0 ? max / 2 : 1 });
      }
      // One camera for the three axial views, from the CT's (the fused pane's own).
      const ctCamera = viewport('ct')?.getCamera();
      if (ctCamera) {
        viewport('pet')?.setCamera(ctCamera);
        viewport('fusion')?.setCamera(ctCamera);
      }
      for (const pane of AXIAL_PANES) {
        const id = { renderingEngineId: engine.id, viewportId: fusionViewportId(pane) };
        sync.add(id);
      }
      waitingForDraw = true;
      engine.renderViewports(ids);
    } catch {
      if (!cancelled) events.failed(failedPart);
    }
  })();

  const resize = new ResizeObserver(() => engine.resize(true, true));
  for (const pane of FUSION_PANES) {
    const element = elements[pane];
    if (element) resize.observe(element);
  }

  return {
    setFusionLayer(opacity, colormap) {
      layer = { opacity, colormap };
      applyLayer();
    },
    dispose() {
      cancelled = true;
      resize.disconnect();
      fusedElement?.removeEventListener(Enums.Events.IMAGE_RENDERED, onFusedDrawn);
      for (const pane of AXIAL_PANES) {
        sync.remove({ renderingEngineId: engine.id, viewportId: fusionViewportId(pane) });
      }
      ToolGroupManager.getToolGroup(AXIAL_TOOL_GROUP)?.removeViewports(engine.id);
      ToolGroupManager.getToolGroup(MIP_TOOL_GROUP)?.removeViewports(engine.id);
      for (const id of ids) engine.disableElement(id);
    },
  };
}

/** The PET's frames are loaded in SUVbw (petScaling.ts told the loader their factor). */
export function petInSuv(imageIds: readonly string[]): boolean {
  return imageIds.length > 0 && imageIds.every((id) => suvbwOfImageId(id) !== null);
}
