// The viewer's start-up phases as User Timing marks (`drim:viewer:<phase>`, and a launch's
// `drim:launch:<phase>` before them), so that bench/viewer.ts and bench/launch.ts (and a
// radiologist's DevTools) can tell where the time to the first image goes. Only the first
// time a phase is reached in a page counts: that is the one the first image waited for.
// Mark names carry no identifier, only the phase.

export type ViewerPhase =
  /** The viewer's route renders for the first time. */
  | 'route'
  /** An access token is in hand (after a silent sign-in on a fresh page). */
  | 'token'
  /** The key is unsealed and a source has listed the study's series. */
  | 'study'
  /** The first series' metadata has arrived. */
  | 'metadata'
  /** The source's rendering of the first image is drawn (before Cornerstone can draw it). */
  | 'preview'
  /** Cornerstone's code has been evaluated (the large chunk). */
  | 'cornerstone-code'
  /** Cornerstone is initialised (core, loader and its workers, tools). */
  | 'cornerstone-ready'
  /** The first series' metadata is handed to the image loader. */
  | 'registered'
  /** The first frame has been fetched and decoded into the image cache. */
  | 'first-frame'
  /** The workspace (Cornerstone's views, the tools, the panels) renders for the first time. */
  | 'workspace'
  /** The first view's element is a Cornerstone viewport. */
  | 'viewport'
  /** The first view's stack is set up and its first draw asked for. */
  | 'stack';

export const VIEWER_MARK_PREFIX = 'drim:viewer:';

/** From a context link (IID, contextual call, patient link) to the viewer's route. */
export type LaunchPhase =
  /** The app's first script runs. */
  | 'app-start'
  /** The silent sign-in against the IdP session has started (hidden iframe). */
  | 'sign-in'
  /** A token is in hand. */
  | 'signed-in'
  /** The gateway has handed the launch over (with its lookup, for a STUDY launch). */
  | 'claimed'
  /** What to open is decided (the exam found, or a problem to explain). */
  | 'resolved'
  /** The exam's first image is drawn ahead of the viewer's code (lib/launchPreview). */
  | 'drawn-ahead';

export const LAUNCH_MARK_PREFIX = 'drim:launch:';

export function markLaunchPhase(phase: LaunchPhase): void {
  markOnce(LAUNCH_MARK_PREFIX + phase);
}

export function markViewerPhase(phase: ViewerPhase): void {
  markOnce(VIEWER_MARK_PREFIX + phase);
}

// Kept here: looking a mark up in the page's timeline costs up to ~10 ms once it holds the
// series' hundreds of frame requests, on every call.
const marked = new Set<string>();

function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.mark(name);
}
