// Where our launch's time goes, on the pixel clock's time line (ms since t0, the click):
// every User Timing mark named `drim:…` (`drim:launch:<phase>`, `drim:viewer:<phase>`),
// the key requests as Resource Timing saw them, and when the page itself said it showed
// the preview and Cornerstone's view (its data-testids). Marks and resources count from
// the document's own start (after the IID's 303 and any redirect through the IdP), so the
// offset between t0 and that document's performance.timeOrigin is recorded and added.

/** Phase name → ms since t0. */
export type Phases = Record<string, number>;

export interface PageTimeline {
  /** The final document's performance.timeOrigin, ms since t0. */
  documentStartMs: number;
  phases: Phases;
}

/**
 * Installed in every document of the context: when the viewer said (data-testid) the
 * preview was shown and its first viewport rendered, and when a launch drew its first image
 * ahead (lib/launchPreview), in the document's own time.
 */
export const RECORD_DOM_MOMENTS = `(() => {
  const w = window;
  new MutationObserver(() => {
    const now = performance.now();
    if (w.__benchLaunchPreviewMs === undefined &&
        document.querySelector('[data-testid="launch-preview"]')) {
      w.__benchLaunchPreviewMs = now;
    }
    if (w.__benchPreviewMs === undefined &&
        document.querySelector('[data-testid="first-image-preview"][data-state="shown"]')) {
      w.__benchPreviewMs = now;
    }
    if (w.__benchViewportMs === undefined &&
        document.querySelector('[data-testid="viewport-0"][data-render-state="rendered"]')) {
      w.__benchViewportMs = now;
    }
  }).observe(document, { subtree: true, attributes: true, childList: true });
})();`;

interface Raw {
  timeOrigin: number;
  marks: [string, number][];
  resources: [string, string, number, number][];
  navigation: { name: string; redirectEnd: number; responseEnd: number; dcl: number } | null;
  previewMs: number | null;
  viewportMs: number | null;
  launchPreviewMs: number | null;
}

// Sent as text: a function would be rewritten by tsx with helpers the page does not have.
const READ = `(() => ({
  timeOrigin: performance.timeOrigin,
  marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('drim:')).map((m) => [m.name, m.startTime]),
  resources: performance.getEntriesByType('resource').map((r) => [new URL(r.name).origin, new URL(r.name).pathname, r.startTime, r.responseEnd]),
  navigation: (() => {
    const n = performance.getEntriesByType('navigation')[0];
    return n ? { name: new URL(n.name).pathname.split('/')[1] || '/', redirectEnd: n.redirectEnd, responseEnd: n.responseEnd, dcl: n.domContentLoadedEventEnd } : null;
  })(),
  previewMs: window.__benchPreviewMs ?? null,
  viewportMs: window.__benchViewportMs ?? null,
  launchPreviewMs: window.__benchLaunchPreviewMs ?? null,
}))()`;

/** Requests the first image waits on: [phase, origin is the IdP's?, path pattern]. */
const KEY_REQUESTS: [string, 'idp' | 'app', RegExp][] = [
  ['idp-authorize', 'idp', /^\/auth\b/],
  ['idp-token', 'idp', /^\/token$/],
  ['launch-claim', 'app', /^\/api\/launch\/[^/]+\/claim$/],
  ['launch-sign-in', 'app', /^\/api\/launch\/[^/]+\/sign-in$/],
  ['key-create', 'app', /^\/api\/keys$/],
  ['key-read', 'app', /^\/api\/keys\/[^/]+$/],
  ['qido-studies', 'app', /\/studies$/],
  ['viewer-route-chunk', 'app', /\/ViewerRoute-[^/]*\.js$/],
  ['cornerstone-chunk', 'app', /\/prepareViewer-[^/]*\.js$/],
  ['series', 'app', /\/series$/],
  ['metadata', 'app', /\/series\/[^/]+\/metadata$/],
  ['preview', 'app', /\/frames\/\d+\/rendered$/],
  ['first-frame', 'app', /\/frames\/[\d,]+$/],
];

/**
 * Reads the final document's marks and requests. `pageEpochOfT0` is t0 as an epoch time
 * in ms (this process's performance.timeOrigin + t0), the page's timeOrigin is one too.
 */
export async function readTimeline(
  evaluate: (script: string) => Promise<unknown>,
  epochOfT0: number,
  idpOrigin: string,
): Promise<PageTimeline> {
  const raw = (await evaluate(READ)) as Raw;
  const offset = raw.timeOrigin - epochOfT0;
  const at = (ms: number) => Math.round(offset + ms);
  const phases: Phases = { 'document-start': at(0) };
  for (const [name, ms] of raw.marks) phases[name.replace(/^drim:/, '')] = at(ms);
  if (raw.navigation) {
    phases[`document-response(${raw.navigation.name})`] = at(raw.navigation.responseEnd);
    phases['document-dcl'] = at(raw.navigation.dcl);
  }
  for (const [phase, where, pattern] of KEY_REQUESTS) {
    const hit = raw.resources.find(
      ([origin, pathname]) =>
        (origin === idpOrigin) === (where === 'idp') && pattern.test(pathname),
    );
    if (hit) {
      phases[`net:${phase}:start`] = at(hit[2]);
      phases[`net:${phase}:end`] = at(hit[3]);
    }
  }
  if (raw.launchPreviewMs !== null) phases['dom:launch-preview-shown'] = at(raw.launchPreviewMs);
  if (raw.previewMs !== null) phases['dom:preview-shown'] = at(raw.previewMs);
  if (raw.viewportMs !== null) phases['dom:viewport-rendered'] = at(raw.viewportMs);
  return { documentStartMs: at(0), phases };
}
