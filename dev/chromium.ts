// The Chromium every browser test and benchmark drives: Debian's package (never a
// downloaded build), quiet (no background networking, updates or sync that would add
// requests to what is measured), with WebGL2 through SwiftShader on a machine without GPU.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-gl=angle',
  '--use-angle=swiftshader',
];
