// How many bytes of decoded images the viewer may keep. A 1300-slice CT is ~680 MB
// decoded: more than a phone gives a tab. The budget is a share of the device's memory
// (navigator.deviceMemory, in GB, capped at 8 by browsers) unless configured explicitly.

const MB = 1024 * 1024;

/** Share of the device's memory the image cache may take. */
const DEVICE_SHARE = 0.25;
const FLOOR = 128 * MB;
const CEILING = 1536 * MB;
/** When the browser does not say (Firefox, Safari): a 4 GB laptop. */
const UNKNOWN_DEVICE_GB = 4;

export function imageCacheBytes(options: {
  deviceMemoryGb?: number | undefined;
  configuredMb?: number | undefined;
}): number {
  if (options.configuredMb !== undefined && options.configuredMb > 0) {
    return Math.round(options.configuredMb * MB);
  }
  const gb =
    options.deviceMemoryGb !== undefined && options.deviceMemoryGb > 0
      ? options.deviceMemoryGb
      : UNKNOWN_DEVICE_GB;
  const share = gb * 1024 * MB * DEVICE_SHARE;
  return Math.round(Math.min(CEILING, Math.max(FLOOR, share)));
}

/** How many frames of a given decoded size fit, keeping room for the one on screen. */
export function framesThatFit(cacheBytes: number, frameBytes: number): number {
  if (!(frameBytes > 0)) return 0;
  return Math.max(1, Math.floor((cacheBytes * 0.9) / frameBytes));
}
