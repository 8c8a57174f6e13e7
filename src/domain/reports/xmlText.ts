// The text of an XML document held as bytes (an encapsulated CDA). XML says its own
// encoding in its declaration; French producers still write ISO-8859-1 now and then, and
// reading those as UTF-8 would turn every accent into U+FFFD.

const LATIN1_LABELS = new Set(['iso-8859-1', 'iso-8859-15', 'latin1', 'windows-1252', 'cp1252']);

/** The encoding named by the XML declaration, lower case; 'utf-8' when none is named. */
export function declaredXmlEncoding(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    head.replace(/^\uFEFF|^ï»¿/, ''),
  );
  return m?.[1]?.toLowerCase() ?? 'utf-8';
}

export function xmlText(bytes: Uint8Array): string {
  const declared = declaredXmlEncoding(bytes);
  // Only the encodings a CDA really uses; anything else is read as UTF-8, the XML default.
  const label = LATIN1_LABELS.has(declared) ? 'windows-1252' : 'utf-8';
  return new TextDecoder(label).decode(bytes);
}
