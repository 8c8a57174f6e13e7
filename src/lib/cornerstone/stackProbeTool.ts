// Cornerstone's probe, reading the image it was placed on in a stack view. ProbeTool (tools
// 5.14) sets the point's slice index to the stack position (`ijk[2] =
// viewport.getCurrentImageIdIndex()`) and reads it from the displayed image's voxel manager,
// which holds that one image: on any image but the stack's first the value is read past its
// end and the probe shows nothing (a PET's SUV at slice 36, an NM's second frame). The
// displayed image is the one measured, so its own slice (0) is read instead.
import type { Types } from '@cornerstonejs/core';
import { ProbeTool } from '@cornerstonejs/tools';

type ImageData = Types.IImageData | Types.CPUIImageData;

export class StackProbeTool extends ProbeTool {
  static override toolName = ProbeTool.toolName;

  protected override getTargetImageData(targetId: string): ImageData {
    const data = super.getTargetImageData(targetId);
    const voxels = (data as { voxelManager?: unknown } | undefined)?.voxelManager as
      { getAtIJK: (i: number, j: number, k: number) => unknown } | undefined;
    if (!data || !targetId.startsWith('imageId:') || !voxels) return data;
    const onDisplayedImage = new Proxy(voxels, {
      get(target, property, receiver) {
        if (property === 'getAtIJKPoint') {
          return ([i, j]: number[]) => target.getAtIJK(i ?? 0, j ?? 0, 0);
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    return { ...data, voxelManager: onDisplayedImage } as ImageData;
  }
}
