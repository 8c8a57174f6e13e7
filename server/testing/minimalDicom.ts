// The smallest DICOM file head a reader accepts (preamble, file meta header, and the header of
// a pixel data element whose bytes follow): for tests and benchmarks that need many files fast.
const CT = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

function uiElement(element: number, value: string): Buffer {
  const v = Buffer.from(value.length % 2 ? `${value}\0` : value, 'latin1');
  const h = Buffer.alloc(8);
  h.writeUInt16LE(0x0002, 0);
  h.writeUInt16LE(element, 2);
  h.write('UI', 4, 'latin1');
  h.writeUInt16LE(v.length, 6);
  return Buffer.concat([h, v]);
}

/** Preamble, meta header and the start of a dataset whose pixel data follows (`instanceBytes`). */
export function fileHead(sop: string, pixelBytes: number): Buffer {
  const version = Buffer.from([0x02, 0x00, 0x01, 0x00, 0x4f, 0x42, 0, 0, 2, 0, 0, 0, 0, 1]);
  const meta = Buffer.concat([
    version,
    uiElement(0x0002, CT),
    uiElement(0x0003, sop),
    uiElement(0x0010, EXPLICIT_LE),
  ]);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.write('UL', 4, 'latin1');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(meta.length, 8);
  const pixelHeader = Buffer.alloc(12);
  pixelHeader.writeUInt16LE(0x7fe0, 0);
  pixelHeader.writeUInt16LE(0x0010, 2);
  pixelHeader.write('OW', 4, 'latin1');
  pixelHeader.writeUInt32LE(pixelBytes, 8);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), groupLength, meta, pixelHeader]);
}
