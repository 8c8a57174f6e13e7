// dcmjs ships no type declarations; only the part of its API this folder uses is described.
declare module 'dcmjs' {
  export interface DenaturalizedElement {
    vr: string;
    Value?: unknown[];
  }
  export type DenaturalizedDataset = Record<string, DenaturalizedElement>;
  export type NaturalDataset = Record<string, unknown>;

  export class DicomDict {
    constructor(meta: DenaturalizedDataset);
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  export const DicomMetaDictionary: {
    denaturalizeDataset(dataset: NaturalDataset): DenaturalizedDataset;
    naturalizeDataset(dataset: DenaturalizedDataset): NaturalDataset;
  };

  export const DicomMessage: {
    readFile(
      buffer: ArrayBuffer,
      options?: { ignoreErrors?: boolean; untilTag?: string; includeUntilTagValue?: boolean },
    ): DicomDict;
  };

  export const Colors: {
    rgb82DICOMLAB(rgb: number[]): number[];
    dicomlab2RGB8(lab: number[]): number[];
  };

  /** dcmjs' own Cornerstone SEG reader (the code @cornerstonejs/adapters was ported from). */
  export interface SegToolState {
    labelmapBufferArray: ArrayBuffer[];
    segMetadata: { data: (NaturalDataset | undefined)[] };
  }

  const dcmjs: {
    adapters: {
      Cornerstone: {
        Segmentation: {
          generateToolState(
            imageIds: string[],
            segBuffer: ArrayBuffer,
            metadataProvider: { get(type: string, imageId: string): unknown },
            options?: { skipOverlapping?: boolean; tolerance?: number },
          ): SegToolState;
        };
      };
    };
    data: {
      Colors: typeof Colors;
      DicomDict: typeof DicomDict;
      DicomMetaDictionary: typeof DicomMetaDictionary;
      DicomMessage: typeof DicomMessage;
    };
  };
  export default dcmjs;
}
