// Where to land after login. The value round-trips through the IdP inside the OIDC state,
// so it is re-checked on the way back: only a path of this app, never another origin
// (`//evil.example`, `/\evil.example`) and never the auth callbacks themselves.

export const HOME_PATH = '/';

export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return HOME_PATH;
  if (value.startsWith('//') || value.startsWith('/\\')) return HOME_PATH;
  // Control characters can make browsers read the path as something else entirely.
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return HOME_PATH;
  }
  if (value === '/auth' || value.startsWith('/auth/')) return HOME_PATH;
  return value;
}
