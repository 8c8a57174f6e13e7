// Orthanc writes absolute RetrieveURL / BulkDataURI values from the Host it was asked
// with, i.e. its own loopback address: the browser must get the gateway's address
// instead, or it would try to reach the source directly (and fail, or bypass the checks).

/** Returns a copy of `json` where every string under `upstreamBase` points under `publicBase`. */
export function rewriteUpstreamUrls(
  json: unknown,
  upstreamBase: string,
  publicBase: string,
): unknown {
  const from = upstreamBase.replace(/\/+$/, '');
  const to = publicBase.replace(/\/+$/, '');
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node === from || node.startsWith(`${from}/`) || node.startsWith(`${from}?`)
        ? to + node.slice(from.length)
        : node;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = visit(v);
      return out;
    }
    return node;
  };
  return visit(json);
}
