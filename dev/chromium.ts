// The Chromium every browser test and benchmark drives: Debian's package (never a
// downloaded build), quiet (no background networking, updates or sync that would add
// requests to what is measured), and otherwise as Chromium sets itself up on a machine
// without a GPU — a hospital's virtual desktop, say: WebGL2 through SwiftShader, the page
// composited in software. Forcing compositing through SwiftShader as well
// (--use-gl=angle --use-angle=swiftshader, used here until December 2026) is a set-up no
// user's browser has: every frame the page shows then cost ~60 ms of CPU in the GPU
// process (eight changes of a progress bar: 460 ms, against 20 ms composited in software),
// which a real GPU or Chromium's software compositor does not pay.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
