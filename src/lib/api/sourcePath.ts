/** `/dicomweb/<source>/<rest>`; the id is encoded because it comes from /config.json. */
export function sourcePath(sourceId: string, rest: string): string {
  return `/dicomweb/${encodeURIComponent(sourceId)}/${rest}`;
}
