// The value an opaque study key seals (docs/CONTRACTS.md): it came back from the gateway,
// but through a URL a user can edit, so its shape is checked before use.

export interface StudyTarget {
  studyInstanceUID: string;
  /** Sources known to hold the study, best first; empty = ask every source. */
  sourceIds: string[];
  /** Open on the key images (IID `keyImagesOnly=true`); absent = the whole study. */
  keyImagesOnly?: true;
}

const UID = /^[0-9]+(\.[0-9]+)*$/;

export function readStudyTarget(value: unknown): StudyTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { studyInstanceUID?: unknown; sourceIds?: unknown; keyImagesOnly?: unknown };
  if (typeof v.studyInstanceUID !== 'string' || v.studyInstanceUID.length > 64) return null;
  if (!UID.test(v.studyInstanceUID)) return null;
  const sourceIds = Array.isArray(v.sourceIds)
    ? v.sourceIds.filter((s): s is string => typeof s === 'string' && s !== '')
    : [];
  return {
    studyInstanceUID: v.studyInstanceUID,
    sourceIds,
    ...(v.keyImagesOnly === true ? { keyImagesOnly: true as const } : {}),
  };
}

/** Which sources to try, in order: the key's own (those still configured), or every one when it names none. */
export function sourcesToTry(target: StudyTarget, configured: readonly string[]): string[] {
  const known = target.sourceIds.filter((id) => configured.includes(id));
  if (target.sourceIds.length === 0) return [...configured];
  return known;
}
