// Cornerstone image ids for WADO-RS frames, always through the gateway's /dicomweb path
// (never a source's own URL): the gateway checks the token and the user's rights.
import { instancePath } from '../../domain/viewer/instancePath';

export interface FrameAddress {
  sourceId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  frame: number;
}

export { instancePath };

export function frameImageId(a: FrameAddress, origin: string): string {
  return `wadors:${origin}${instancePath(a)}/frames/${a.frame}`;
}

/**
 * The instance an image id belongs to (its WADO-RS URL without the scheme and `/frames/N`):
 * all frames of an instance share its stored transfer syntax.
 */
export function instanceOfImageId(imageId: string): string {
  const uri = imageId.slice(imageId.indexOf(':') + 1);
  const frames = uri.search(/\/frames\/[^/]*$/);
  return frames < 0 ? uri : uri.slice(0, frames);
}
