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

  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMetaDictionary: typeof DicomMetaDictionary;
      DicomMessage: typeof DicomMessage;
    };
  };
  export default dcmjs;
}
