// A launch's first image, fetched and decoded in a worker: in the page, its bytes and its
// decoding waited behind the app's start (its code evaluated, React's first renders) for
// 0.1–0.2 s on this project's machine. The page gets back the answer (for the viewer's own
// request, lib/api/gatewayClient.ts answerAhead) and, when it is a picture, the bitmap.
import { decodePreview, previewHeadersProblem } from '../api/previewBitmap';

export interface PreviewAsk {
  path: string;
  accept: string;
  token: string;
  timeoutMs: number;
}

export type PreviewAnswer =
  | {
      ok: true;
      status: number;
      statusText: string;
      headers: [string, string][];
      body: Blob;
      bitmap: ImageBitmap | null;
    }
  | { ok: false };

type Asked = PreviewAsk & { id: number };
type Answered = PreviewAnswer & { id: number };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Asked>) => void) | null;
  postMessage(message: Answered, transfer?: Transferable[]): void;
};

async function answer({ path, accept, token, timeoutMs }: PreviewAsk): Promise<PreviewAnswer> {
  const res = await fetch(path, {
    headers: { Accept: accept, Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(timeoutMs),
    credentials: 'omit',
  });
  const body = await res.blob();
  const bitmap =
    res.ok && previewHeadersProblem(res.headers) === null
      ? await decodePreview(body).catch(() => null)
      : null;
  return {
    ok: true,
    status: res.status,
    statusText: res.statusText,
    headers: [...res.headers],
    body,
    bitmap,
  };
}

scope.onmessage = (event) => {
  const { id } = event.data;
  void answer(event.data).then(
    (message) =>
      scope.postMessage({ ...message, id }, message.ok && message.bitmap ? [message.bitmap] : []),
    () => scope.postMessage({ ok: false, id }),
  );
};
