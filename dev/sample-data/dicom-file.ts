// Part 10 files with a pinned file meta header: dcmjs' own helper stamps its version and
// a generic implementation UID, which would tie the bytes to the dcmjs release.
import dcmjs from 'dcmjs';
import type { NaturalDataset } from 'dcmjs';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

export const EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
export const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';

/** Fixed UID for this generator (2.25 arc, from a constant UUID). */
export const IMPLEMENTATION_CLASS_UID = '2.25.93428734165327614542890152313337417219';
export const IMPLEMENTATION_VERSION_NAME = 'DRIM_SAMPLE_1';

export function writePart10(dataset: NaturalDataset): Buffer {
  const sopClassUID = dataset.SOPClassUID;
  const sopInstanceUID = dataset.SOPInstanceUID;
  if (typeof sopClassUID !== 'string' || typeof sopInstanceUID !== 'string') {
    throw new Error('dataset needs SOPClassUID and SOPInstanceUID');
  }
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUID,
    MediaStorageSOPInstanceUID: sopInstanceUID,
    TransferSyntaxUID: EXPLICIT_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return Buffer.from(dict.write());
}

export function readPart10(bytes: Uint8Array): NaturalDataset {
  const ab = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const dict = dcmjs.data.DicomMessage.readFile(ab);
  return DicomMetaDictionary.naturalizeDataset(dict.dict);
}
