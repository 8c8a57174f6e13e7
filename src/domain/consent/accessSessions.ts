// « Mes accès » in the patient's terms: one line per viewing, not per HTTP request. A
// professional opening one study makes a search, a metadata read and dozens of frame
// requests — the trace keeps each (that is its job); the patient wants to know who looked,
// when, at which study and why.
//
// The rule: the trace's entries, oldest first, are grouped per person; an entry joins that
// person's open session for the same study (a session left for more than `gapMinutes` is
// closed). An entry that names no study — a search, a consent, an emergency opening — joins
// the person's latest open session, or opens one; a search-only session takes the first
// study opened after it. So « search, open A, look at prior B, back to A » is two sessions
// (A and B), each with its own study, and two people working at once never mix.
import type { AccessActor, AccessEntry } from './accessEntry';

export const DEFAULT_SESSION_GAP_MINUTES = 30;

/** Why the access was allowed, as the patient reads it. */
export type AccessPurpose =
  /** Break-the-glass: the reason the professional typed, when the trace read holds it. */
  | { kind: 'emergency'; reason?: string }
  /** Under the patient's consent to the extended search. */
  | { kind: 'consent' }
  /** The patient themself, in their own space. */
  | { kind: 'own' }
  /** A professional at the DRIMboxes: the sharing rules of care apply, no consent needed. */
  | { kind: 'care' };

export interface AccessSession {
  /**
   * The newest entry's id: stable while older pages of the trace are read, so a line keyed
   * by it (and the keyboard's focus on it) stays when « Voir plus » reads on.
   */
  key: string;
  actor: AccessActor;
  /** ISO instants of the first and the last entry. */
  start: string;
  end: string;
  /** The study viewed, when the trace names it (a DICOM StudyInstanceUID). */
  studyUid?: string;
  /** Sources reached, in the order first reached (ids; the page shows their labels). */
  sourceIds: string[];
  purpose: AccessPurpose;
  /** Actions done, in order of first occurrence (`search`, `retrieve`, `export`, …). */
  actions: string[];
  counts: { entries: number; refused: number; byAction: Record<string, number> };
}

/** What the patient does to read their own trace: not an access to their data worth a line. */
const OWN_BOOKKEEPING = new Set(['audit-read', 'consent-read']);

function actorKey(actor: AccessActor): string {
  switch (actor.kind) {
    case 'professional':
      return `pro|${actor.rpps ?? '?'}`;
    case 'patient':
      return 'patient';
    default:
      return 'unknown';
  }
}

/** Later records may know more (a name recorded since): keep the richest description. */
function merged(a: AccessActor, b: AccessActor): AccessActor {
  if (a.kind !== 'professional' || b.kind !== 'professional') return a;
  return { ...a, ...b };
}

interface Open {
  session: AccessSession;
  actor: string;
  last: number;
  consent: boolean;
  emergency: boolean;
  reason?: string;
}

function purposeOf(open: Open): AccessPurpose {
  // The patient's own doings (reading, withdrawing a consent) are theirs, whatever they name.
  if (open.session.actor.kind === 'patient') return { kind: 'own' };
  if (open.emergency) {
    return open.reason !== undefined
      ? { kind: 'emergency', reason: open.reason }
      : { kind: 'emergency' };
  }
  return open.consent ? { kind: 'consent' } : { kind: 'care' };
}

function add(open: Open, e: AccessEntry, at: number): void {
  const s = open.session;
  s.actor = merged(s.actor, e.actor);
  // Entries come oldest first: the last one added is the session's newest.
  s.key = e.id;
  if (at >= Date.parse(s.end)) s.end = e.recorded;
  if (at < Date.parse(s.start)) s.start = e.recorded;
  open.last = Math.max(open.last, at);
  if (e.sourceId !== undefined && !s.sourceIds.includes(e.sourceId)) s.sourceIds.push(e.sourceId);
  if (!s.actions.includes(e.action)) s.actions.push(e.action);
  s.counts.entries += 1;
  if (!e.allowed) s.counts.refused += 1;
  s.counts.byAction[e.action] = (s.counts.byAction[e.action] ?? 0) + 1;
  if (e.breakGlass || e.action === 'break-glass') open.emergency = true;
  if (e.breakGlassReason !== undefined) open.reason = e.breakGlassReason;
  if (e.consentId !== undefined || e.action === 'consent-created') open.consent = true;
}

/**
 * The patient's trace as viewing sessions, newest first. Entries without a readable time
 * are left out (a record always has one; a damaged one must not break the page).
 */
export function accessSessions(
  entries: readonly AccessEntry[],
  options: { gapMinutes?: number } = {},
): AccessSession[] {
  const gap = (options.gapMinutes ?? DEFAULT_SESSION_GAP_MINUTES) * 60_000;
  const timed = entries
    .map((e) => ({ e, at: Date.parse(e.recorded) }))
    .filter(({ at }) => Number.isFinite(at))
    .filter(({ e }) => !(e.actor.kind === 'patient' && OWN_BOOKKEEPING.has(e.action)))
    // Oldest first; the trace's order (its ids) breaks ties within one millisecond.
    .sort((a, b) => a.at - b.at || Number(a.e.id) - Number(b.e.id));

  const all: Open[] = [];
  /** Per person: their sessions still open, latest last. */
  const openBy = new Map<string, Open[]>();

  for (const { e, at } of timed) {
    const key = actorKey(e.actor);
    const mine = (openBy.get(key) ?? []).filter((o) => at - o.last <= gap);
    let target: Open | undefined;
    if (e.studyUid !== undefined) {
      const latest = mine.at(-1);
      target =
        mine.find((o) => o.session.studyUid === e.studyUid) ??
        // A search-only session becomes the viewing of the study opened from it.
        (latest?.session.studyUid === undefined ? latest : undefined);
      if (target && target.session.studyUid === undefined) target.session.studyUid = e.studyUid;
    } else {
      target = mine.at(-1);
    }
    if (!target) {
      target = {
        session: {
          key: e.id,
          actor: e.actor,
          start: e.recorded,
          end: e.recorded,
          ...(e.studyUid !== undefined ? { studyUid: e.studyUid } : {}),
          sourceIds: [],
          purpose: { kind: 'care' },
          actions: [],
          counts: { entries: 0, refused: 0, byAction: {} },
        },
        actor: key,
        last: at,
        consent: false,
        emergency: false,
      };
      all.push(target);
    }
    add(target, e, at);
    // The session just used is the person's latest: searches after it join it.
    openBy.set(key, [...mine.filter((o) => o !== target), target]);
  }

  return all
    .map((o) => ({ ...o.session, purpose: purposeOf(o) }))
    .sort((a, b) => Date.parse(b.end) - Date.parse(a.end) || Number(b.key) - Number(a.key));
}

/** The labels of the sources a session reached, from the region's public settings. */
export function sourceLabels(
  ids: readonly string[],
  sources: readonly { id: string; label: string }[],
): string[] {
  // A source since removed from the settings is still named, by its id.
  return ids.map((id) => sources.find((s) => s.id === id)?.label ?? id);
}
