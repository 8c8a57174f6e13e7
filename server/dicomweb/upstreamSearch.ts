// The gateway's own QIDO searches (whose study is this, which instances does this series
// hold, how many): one way to ask, bounded like every other JSON answer, read as DICOM
// JSON datasets. A source that answers something else has failed, and says so.
import type { DicomDataset } from '../../src/domain/dicom/dicomJson';
import { isJsonType } from './jsonBody';
import { upstreamFailure, type UpstreamClient } from './upstreamClient';
import { encodeUpstreamQuery, type QidoQuery } from './upstreamQuery';

export interface UpstreamSearchOptions {
  /** The largest answer accepted, in bytes. */
  maxBytes: number;
  /** Rows asked for; the source's own `maxResults` when absent. */
  limit?: number;
  signal?: AbortSignal;
}

/** The datasets found (none for 204 or 404); throws the gateway's error for anything else. */
export async function searchUpstream(
  upstream: UpstreamClient,
  path: string,
  query: QidoQuery,
  opts: UpstreamSearchOptions,
): Promise<DicomDataset[]> {
  const { qido } = upstream.source;
  const res = await upstream.send({
    method: 'GET',
    path,
    query: encodeUpstreamQuery(query, {
      ...qido,
      maxResults: opts.limit ?? qido.maxResults,
      isSearch: true,
    }),
    headers: { accept: 'application/dicom+json' },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (res.statusCode === 204 || res.statusCode === 404) {
    await res.body.dump().catch(() => undefined);
    return [];
  }
  const type = res.headers['content-type'];
  if (res.statusCode !== 200 || !isJsonType(typeof type === 'string' ? type : undefined)) {
    await res.body.dump().catch(() => undefined);
    throw upstreamFailure(new Error(`search answered ${res.statusCode}`), upstream.source);
  }
  const allowance = upstream.jsonAllowance();
  const found: DicomDataset[] = [];
  try {
    await upstream.readDatasets(res, (ds) => found.push(ds), {
      maxBytes: opts.maxBytes,
      ...(allowance ? { allowance } : {}),
    });
    return found;
  } finally {
    allowance?.release();
  }
}
