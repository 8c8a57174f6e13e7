// One rule for "an http(s) URL we may hand to a browser", for the gateway reading its IdP's
// discovery document and for the SPA reading the settings the gateway wrote.

/** Longer than any real endpoint; past it a value is garbage or an attack. */
const MAX_URL_LENGTH = 2048;

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
