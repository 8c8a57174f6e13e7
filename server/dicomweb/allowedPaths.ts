// The DICOMweb read paths the gateway forwards, as a positive grammar: anything not
// produced by it (Orthanc's own REST API, traversal, encoded slashes…) is refused before
// any byte goes upstream. Valid DICOMweb paths never need percent-encoding, so none is
// accepted at all.

export type Resource = 'studies' | 'series' | 'instances';

export interface DicomwebTarget {
  /** `search`: QIDO-RS; `retrieve`: WADO-RS (including metadata, rendered, bulk data). */
  kind: 'search' | 'retrieve';
  /** QIDO at the root of the source: the one the fishing guard watches. */
  unscoped: boolean;
  studyUid?: string;
  seriesUid?: string;
  instanceUid?: string;
  /** The last path element, for per-endpoint query rules: `metadata`, `frames`, `bulk`… */
  endpoint: Resource | 'metadata' | 'rendered' | 'thumbnail' | 'frames' | 'bulk' | 'object';
  /** The validated path, safe to append to the upstream base. */
  path: string;
}

const UID = /^[0-9]+(\.[0-9]+)*$/;
const FRAMES = /^[1-9][0-9]{0,6}(,[1-9][0-9]{0,6}){0,999}$/;
const TAG = /^[0-9A-Fa-f]{8}$/;
const ITEM_INDEX = /^(0|[1-9][0-9]{0,5})$/;
const PATH_CHARS = /^[A-Za-z0-9.,/]+$/;

const isUid = (s: string | undefined): s is string => !!s && s.length <= 64 && UID.test(s);

/** Orthanc's BulkDataURI tail: a tag, then (item index, tag) pairs for nested sequences. */
function isBulkTail(parts: string[]): boolean {
  if (parts.length === 0 || parts.length % 2 === 0) return false;
  return parts.every((p, i) => (i % 2 === 0 ? TAG.test(p) : ITEM_INDEX.test(p)));
}

/** `null` when the path is not a DICOMweb read path. */
export function parseDicomwebPath(rawPath: string): DicomwebTarget | null {
  if (rawPath.length > 1024 || !PATH_CHARS.test(rawPath)) return null;
  const seg = rawPath.split('/');
  if (seg.some((s) => s === '')) return null;
  const path = rawPath;
  const [root, study, l2, series, l4, instance, l6, ...rest] = seg;

  if (seg.length === 1) {
    if (root === 'studies' || root === 'series' || root === 'instances') {
      return { kind: 'search', unscoped: true, endpoint: root, path };
    }
    return null;
  }
  if (root !== 'studies' || !isUid(study)) return null;
  const studyUid = study;
  const renderable = (s: string | undefined): s is 'metadata' | 'rendered' | 'thumbnail' =>
    s === 'metadata' || s === 'rendered' || s === 'thumbnail';

  if (seg.length === 2) {
    return { kind: 'retrieve', unscoped: false, studyUid, endpoint: 'object', path };
  }
  if (seg.length === 3) {
    if (l2 === 'series' || l2 === 'instances') {
      return { kind: 'search', unscoped: false, studyUid, endpoint: l2, path };
    }
    if (renderable(l2)) return { kind: 'retrieve', unscoped: false, studyUid, endpoint: l2, path };
    return null;
  }
  if (l2 !== 'series' || !isUid(series)) return null;
  const seriesUid = series;
  if (seg.length === 4) {
    return { kind: 'retrieve', unscoped: false, studyUid, seriesUid, endpoint: 'object', path };
  }
  if (seg.length === 5) {
    if (l4 === 'instances') {
      return { kind: 'search', unscoped: false, studyUid, seriesUid, endpoint: 'instances', path };
    }
    if (renderable(l4)) {
      return { kind: 'retrieve', unscoped: false, studyUid, seriesUid, endpoint: l4, path };
    }
    return null;
  }
  if (l4 !== 'instances' || !isUid(instance)) return null;
  const base = { kind: 'retrieve', unscoped: false, studyUid, seriesUid, instanceUid: instance };
  if (seg.length === 6) return { ...base, kind: 'retrieve', endpoint: 'object', path };
  if (seg.length === 7) {
    return renderable(l6) ? { ...base, kind: 'retrieve', endpoint: l6, path } : null;
  }
  if (l6 === 'frames') {
    const [frames, after, ...more] = rest;
    if (!frames || !FRAMES.test(frames) || more.length > 0) return null;
    if (after === undefined) return { ...base, kind: 'retrieve', endpoint: 'frames', path };
    if (after === 'rendered' || after === 'thumbnail') {
      return { ...base, kind: 'retrieve', endpoint: after, path };
    }
    return null;
  }
  if (l6 === 'bulk' && isBulkTail(rest)) {
    return { ...base, kind: 'retrieve', endpoint: 'bulk', path };
  }
  return null;
}
