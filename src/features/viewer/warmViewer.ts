// Gets the viewer ready before the study is known: Cornerstone's code evaluated (~0.3–0.5 s
// of the page's thread on this machine), Cornerstone started (WebGL capabilities, decode
// workers), each decode worker's JPEG-LS codec compiled, and the rendering engine (its
// WebGL context) made. Call it while the page waits for the network anyway — on a launch,
// once the user is signed in and the launch is being claimed — and never while a preview is
// about to be drawn: the evaluation holds the page's only thread. Idempotent: the study's
// session later finds all of it done (session/imagingChunk.ts).
import { loadImagingChunk } from './session/imagingChunk';

export function warmViewer(): void {
  void loadImagingChunk()
    .then((start) => start.started)
    // Not the warm-up's to report: the viewer says so when it opens the study.
    .catch(() => undefined);
}
