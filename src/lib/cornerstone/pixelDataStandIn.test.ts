import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Loaded = { imageId: string; pixels?: number[]; metadataId?: string };
type Loader = (imageId: string, options?: Record<string, unknown>) => { promise: Promise<Loaded> };

const registered = new Map<string, Loader>();
const answers = new Map<string, () => Promise<Loaded>>();
const metadata = new Map<string, Record<string, { Value?: unknown[] }>>();

vi.mock('@cornerstonejs/core', () => ({
  imageLoader: {
    registerImageLoader: (scheme: string, loader: Loader) => registered.set(scheme, loader),
  },
}));
vi.mock('@cornerstonejs/dicom-image-loader', () => ({
  wadors: {
    loadImage: (imageId: string) => ({
      promise: answers.get(imageId)?.() ?? Promise.reject(new Error(`unexpected ${imageId}`)),
    }),
    metaDataManager: {
      add: (imageId: string, ds: Record<string, { Value?: unknown[] }>) =>
        metadata.set(imageId, ds),
    },
  },
  // What the real one is given: the metadata id, the pixels and the transfer syntax.
  createImage: (imageId: string, pixels: Uint8Array, transferSyntax: string) =>
    Promise.resolve({ imageId: `${imageId}|${transferSyntax}`, pixels: [...pixels] }),
}));

const { installPixelDataStandIn, registerPixelDataStandIn } = await import('./pixelDataStandIn');

const FRAME = 'wadors:http://gw/dicomweb/box/studies/1/series/2/instances/3/frames/1';
const BULK = '/dicomweb/box/studies/1/series/2/instances/3/bulk/7fe00010';
const INSTANCE = {
  '00280004': { vr: 'CS', Value: ['YBR_FULL_422'] },
  '00280010': { vr: 'US', Value: [1] },
  '00280011': { vr: 'US', Value: [2] },
};
const refused = (status: number) => () => Promise.reject(Object.assign(new Error(), { status }));
const requests: { url: string; headers: Record<string, string> }[] = [];

function load(imageId: string): Promise<Loaded> {
  const loader = registered.get('wadors');
  if (!loader) throw new Error('no wadors loader');
  return loader(imageId).promise;
}

beforeEach(() => {
  answers.clear();
  requests.length = 0;
  installPixelDataStandIn(() => 'token');
  vi.stubGlobal('fetch', (url: string, init: { headers: Record<string, string> }) => {
    requests.push({ url, headers: init.headers });
    const body =
      '--b\r\nContent-Type: application/octet-stream\r\n\r\n\u000a\u0014\u0064\u00c8\r\n--b--';
    return Promise.resolve(
      new Response(
        Uint8Array.from(body, (c) => c.charCodeAt(0)),
        {
          headers: {
            'content-type': 'multipart/related; type="application/octet-stream"; boundary=b',
          },
        },
      ),
    );
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('a native 4:2:2 frame the source refuses to cut', () => {
  it('is read from its PixelData bulk data, with full chroma, under the frame’s own id', async () => {
    registerPixelDataStandIn(FRAME, BULK, INSTANCE);
    answers.set(FRAME, refused(400));
    const image = await load(FRAME);
    expect(image.imageId).toBe(FRAME);
    // Y1 Y2 Cb Cr = 10 20 100 200 → (10 100 200) (20 100 200), native little endian.
    expect(image.pixels).toEqual([10, 100, 200, 20, 100, 200]);
    expect(requests).toEqual([
      {
        url: BULK,
        headers: {
          Accept: 'multipart/related; type="application/octet-stream"',
          Authorization: 'Bearer token',
        },
      },
    ]);
    const described = [...metadata.entries()].find(([id]) => id !== FRAME && id.startsWith(FRAME));
    expect(described?.[1]['00280004']?.Value).toEqual(['YBR_FULL']);
  });

  it('keeps any other failure as it is (a source down is not a format problem)', async () => {
    registerPixelDataStandIn(FRAME, BULK, INSTANCE);
    answers.set(FRAME, refused(502));
    await expect(load(FRAME)).rejects.toMatchObject({ status: 502 });
    expect(requests).toEqual([]);
  });

  it('leaves frames without a stand-in to the loader alone', async () => {
    const other = FRAME.replace('instances/3', 'instances/4');
    answers.set(other, refused(400));
    await expect(load(other)).rejects.toMatchObject({ status: 400 });
    expect(requests).toEqual([]);
  });
});
