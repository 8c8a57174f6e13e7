import { describe, expect, it } from 'vitest';
import { codestreamOffset, jpeg2000Header, signednessDiffers } from './jpeg2000Stream';

/** SOC + SIZ of a `columns`×`rows` image, one tile, `components` alike, then EOC. */
function codestream(
  columns: number,
  rows: number,
  precision: number,
  signed: boolean,
  components = 1,
) {
  const siz: number[] = [0xff, 0x51, 0, 38 + 3 * components, 0, 0];
  const u32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  siz.push(...u32(columns + 2), ...u32(rows + 3), ...u32(2), ...u32(3)); // with an image offset
  siz.push(...u32(columns), ...u32(rows), ...u32(0), ...u32(0));
  siz.push(0, components);
  for (let c = 0; c < components; c++) siz.push((signed ? 0x80 : 0) | (precision - 1), 1, 1);
  return new Uint8Array([0xff, 0x4f, ...siz, 0xff, 0xd9]);
}

function box(type: string, content: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + content.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(content, 8);
  return out;
}

function jp2(stream: Uint8Array): Uint8Array {
  const parts = [
    box('jP  ', new Uint8Array([0x0d, 0x0a, 0x87, 0x0a])),
    box('ftyp', new TextEncoder().encode('jp2 \0\0\0\0jp2 ')),
    box('jp2h', new Uint8Array(30)),
    box('jp2c', stream),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('jpeg2000Header', () => {
  it('reads size, components, precision and sign from a bare codestream', () => {
    expect(jpeg2000Header(codestream(512, 256, 13, false))).toEqual({
      columns: 512,
      rows: 256,
      components: 1,
      precision: 13,
      signed: false,
    });
    expect(jpeg2000Header(codestream(64, 64, 16, true, 3))).toMatchObject({
      components: 3,
      precision: 16,
      signed: true,
    });
  });
  it('finds the codestream inside a JP2 file (signature, ftyp, header boxes first)', () => {
    const stream = codestream(400, 400, 8, false, 3);
    const file = jp2(stream);
    expect(codestreamOffset(file)).toBe(file.length - stream.length);
    expect(jpeg2000Header(file)).toEqual(jpeg2000Header(stream));
  });
  it('says nothing about bytes that are no J2K stream, or are cut short', () => {
    expect(jpeg2000Header(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(jpeg2000Header(codestream(8, 8, 8, false).subarray(0, 30))).toBeNull();
    expect(jpeg2000Header(jp2(codestream(8, 8, 8, false)).subarray(0, 40))).toBeNull();
    expect(jpeg2000Header(new Uint8Array())).toBeNull();
  });
});

describe('signednessDiffers', () => {
  const header = { columns: 1, rows: 1, components: 1, precision: 13 };
  it('flags a stream whose sign contradicts PixelRepresentation, either way', () => {
    expect(signednessDiffers({ ...header, signed: false }, 1)).toBe(true);
    expect(signednessDiffers({ ...header, signed: true }, 0)).toBe(true);
    expect(signednessDiffers({ ...header, signed: true }, 1)).toBe(false);
    expect(signednessDiffers({ ...header, signed: false }, 0)).toBe(false);
  });
});
