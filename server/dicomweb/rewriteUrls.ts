// Orthanc writes absolute RetrieveURL / BulkDataURI values from the Host it was asked
// with, i.e. its own loopback address: the browser must get the gateway's address
// instead, or it would try to reach the source directly (and fail, or bypass the checks).
//
// Done on the JSON text the gateway writes anyway, in one pass: no second copy of the
// datasets, and no recursion that a deeply nested answer could overflow. The upstream base
// is a URL, which JSON.stringify writes unescaped, so a string value starting with it
// reads `"<base>/…` in the text; a quote preceded by an odd run of backslashes is inside
// a string, not its start, and is left alone.

const trimSlashes = (s: string): string => s.replace(/\/+$/, '');

/** `text` (JSON) with every string value under `upstreamBase` moved under `publicBase`. */
export function rewriteUpstreamUrls(
  text: string,
  upstreamBase: string,
  publicBase: string,
): string {
  const from = `"${trimSlashes(upstreamBase)}`;
  const to = `"${trimSlashes(publicBase)}`;
  let out = '';
  let copied = 0;
  for (let at = text.indexOf(from); at !== -1; at = text.indexOf(from, at + from.length)) {
    const next = text[at + from.length];
    if (next !== '"' && next !== '/' && next !== '?') continue;
    let backslashes = 0;
    while (text[at - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 1) continue;
    out += text.slice(copied, at) + to;
    copied = at + from.length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
