import { describe, expect, it } from 'vitest';
import type { AccessActor, AccessEntry } from './accessEntry';
import { accessSessions, sourceLabels, type AccessSession } from './accessSessions';

const LAMBERT: AccessActor = {
  kind: 'professional',
  rpps: '99900012345',
  finess: '549999991',
  name: 'Claire LAMBERT',
  profession: 'Médecin',
  specialty: 'Médecine générale',
  structure: 'Cabinet médical du Parc',
};
const MOREAU: AccessActor = {
  kind: 'professional',
  rpps: '99900067890',
  name: 'Paul MOREAU',
  profession: 'Médecin',
};
/** A record written before the gateway recorded names: numbers only. */
const LAMBERT_OLD: AccessActor = { kind: 'professional', rpps: '99900012345', finess: '549999991' };
const PATIENT: AccessActor = { kind: 'patient' };

const T0 = Date.parse('2026-03-02T09:00:00Z');
let seq = 0;
/** An entry `min` minutes after T0. */
function at(min: number, actor: AccessActor, action: string, more: Partial<AccessEntry> = {}) {
  seq += 1;
  return {
    id: String(seq),
    recorded: new Date(T0 + min * 60_000).toISOString(),
    action,
    actor,
    allowed: true,
    breakGlass: false,
    ...more,
  } satisfies AccessEntry;
}
const iso = (min: number) => new Date(T0 + min * 60_000).toISOString();

/** A session as the tests compare it: what a patient would read. */
function seen(s: AccessSession) {
  return {
    who: s.actor.kind === 'professional' ? (s.actor.name ?? s.actor.rpps) : s.actor.kind,
    start: s.start,
    end: s.end,
    study: s.studyUid,
    sources: s.sourceIds,
    purpose: s.purpose,
    entries: s.counts.entries,
  };
}

const A = '1.2.3.1';
const B = '1.2.3.2';

const cases: {
  name: string;
  entries: AccessEntry[];
  expected: ReturnType<typeof seen>[];
}[] = [
  {
    name: 'one viewing (search, metadata, frames at two sources) is one session',
    entries: [
      at(0, LAMBERT, 'search', { sourceId: 'drimbox-nancy' }),
      at(0, LAMBERT, 'search', { sourceId: 'drimbox-reims' }),
      at(1, LAMBERT, 'retrieve', { sourceId: 'drimbox-nancy', studyUid: A }),
      at(2, LAMBERT, 'retrieve', { sourceId: 'drimbox-nancy', studyUid: A }),
      at(3, LAMBERT, 'retrieve', { sourceId: 'drimbox-reims', studyUid: A }),
    ],
    expected: [
      {
        who: 'Claire LAMBERT',
        start: iso(0),
        end: iso(3),
        study: A,
        sources: ['drimbox-nancy', 'drimbox-reims'],
        purpose: { kind: 'care' },
        entries: 5,
      },
    ],
  },
  {
    name: 'a gap longer than the window starts a new session, a shorter one does not',
    entries: [
      at(0, LAMBERT, 'retrieve', { studyUid: A }),
      at(29, LAMBERT, 'retrieve', { studyUid: A }),
      at(60, LAMBERT, 'retrieve', { studyUid: A }),
    ],
    expected: [
      {
        who: 'Claire LAMBERT',
        start: iso(60),
        end: iso(60),
        study: A,
        sources: [],
        purpose: { kind: 'care' },
        entries: 1,
      },
      {
        who: 'Claire LAMBERT',
        start: iso(0),
        end: iso(29),
        study: A,
        sources: [],
        purpose: { kind: 'care' },
        entries: 2,
      },
    ],
  },
  {
    name: 'two professionals at once never mix, and a prior looked at in between is its own line',
    entries: [
      at(0, LAMBERT, 'search'),
      at(1, MOREAU, 'search'),
      at(1, LAMBERT, 'retrieve', { studyUid: A }),
      at(2, MOREAU, 'retrieve', { studyUid: B }),
      at(3, LAMBERT, 'retrieve', { studyUid: B }),
      at(4, LAMBERT, 'retrieve', { studyUid: A }),
      at(5, MOREAU, 'retrieve', { studyUid: B }),
    ],
    expected: [
      {
        who: 'Paul MOREAU',
        start: iso(1),
        end: iso(5),
        study: B,
        sources: [],
        purpose: { kind: 'care' },
        entries: 3,
      },
      {
        who: 'Claire LAMBERT',
        start: iso(0),
        end: iso(4),
        study: A,
        sources: [],
        purpose: { kind: 'care' },
        entries: 3,
      },
      {
        who: 'Claire LAMBERT',
        start: iso(3),
        end: iso(3),
        study: B,
        sources: [],
        purpose: { kind: 'care' },
        entries: 1,
      },
    ],
  },
  {
    name: 'an emergency opening gives the session its reason, and the accesses under it too',
    entries: [
      at(0, MOREAU, 'search', { sourceId: 'archive-regionale', allowed: false }),
      at(1, MOREAU, 'break-glass', {
        breakGlass: true,
        breakGlassId: 'bg1',
        breakGlassReason: 'Patiente inconsciente',
      }),
      at(2, MOREAU, 'search', {
        sourceId: 'archive-regionale',
        breakGlass: true,
        breakGlassId: 'bg1',
      }),
      at(3, MOREAU, 'retrieve', {
        sourceId: 'archive-regionale',
        studyUid: A,
        breakGlass: true,
        breakGlassId: 'bg1',
      }),
    ],
    expected: [
      {
        who: 'Paul MOREAU',
        start: iso(0),
        end: iso(3),
        study: A,
        sources: ['archive-regionale'],
        purpose: { kind: 'emergency', reason: 'Patiente inconsciente' },
        entries: 4,
      },
    ],
  },
  {
    name: 'an emergency whose opening is beyond the trace read still says emergency',
    entries: [at(0, MOREAU, 'retrieve', { studyUid: A, breakGlass: true, breakGlassId: 'bg0' })],
    expected: [
      {
        who: 'Paul MOREAU',
        start: iso(0),
        end: iso(0),
        study: A,
        sources: [],
        purpose: { kind: 'emergency' },
        entries: 1,
      },
    ],
  },
  {
    name: 'a consent recorded, then the archive read under it, is one session under consent',
    entries: [
      at(0, LAMBERT, 'consent-created', { consentId: 'c1' }),
      at(1, LAMBERT, 'search', { sourceId: 'archive-regionale', consentId: 'c1' }),
      at(2, LAMBERT, 'retrieve', { sourceId: 'archive-regionale', consentId: 'c1', studyUid: B }),
    ],
    expected: [
      {
        who: 'Claire LAMBERT',
        start: iso(0),
        end: iso(2),
        study: B,
        sources: ['archive-regionale'],
        purpose: { kind: 'consent' },
        entries: 3,
      },
    ],
  },
  {
    name: 'the patient’s own viewing is theirs; reading this page and their consents is left out',
    entries: [
      at(0, PATIENT, 'search', { sourceId: 'drimbox-nancy' }),
      at(1, PATIENT, 'retrieve', { sourceId: 'drimbox-nancy', studyUid: A }),
      at(2, PATIENT, 'audit-read'),
      at(2, PATIENT, 'consent-read'),
      at(3, PATIENT, 'consent-revoked', { consentId: 'c1' }),
    ],
    expected: [
      {
        who: 'patient',
        start: iso(0),
        end: iso(3),
        study: A,
        sources: ['drimbox-nancy'],
        purpose: { kind: 'own' },
        entries: 3,
      },
    ],
  },
  {
    name: 'old records with numbers only join newer named ones of the same person, named',
    entries: [
      at(0, LAMBERT_OLD, 'retrieve', { studyUid: A }),
      at(1, LAMBERT, 'retrieve', { studyUid: A }),
    ],
    expected: [
      {
        who: 'Claire LAMBERT',
        start: iso(0),
        end: iso(1),
        study: A,
        sources: [],
        purpose: { kind: 'care' },
        entries: 2,
      },
    ],
  },
  {
    name: 'old records alone still show the RPPS',
    entries: [at(0, LAMBERT_OLD, 'search')],
    expected: [
      {
        who: '99900012345',
        start: iso(0),
        end: iso(0),
        study: undefined,
        sources: [],
        purpose: { kind: 'care' },
        entries: 1,
      },
    ],
  },
  {
    name: 'a download (export) joins the viewing of its study; an unknown action reads too',
    entries: [
      at(0, LAMBERT, 'retrieve', { studyUid: A }),
      at(1, LAMBERT, 'export', { studyUid: A }),
      at(2, LAMBERT, 'some-future-action', { studyUid: A }),
    ],
    expected: [
      {
        who: 'Claire LAMBERT',
        start: iso(0),
        end: iso(2),
        study: A,
        sources: [],
        purpose: { kind: 'care' },
        entries: 3,
      },
    ],
  },
  {
    name: 'a record without a readable time is left out, not a crash',
    entries: [{ ...at(0, LAMBERT, 'search'), recorded: '' }],
    expected: [],
  },
];

describe('grouping the access trace into viewing sessions', () => {
  it.each(cases)('$name', ({ entries, expected }) => {
    // The gateway sends newest first: the rule must not depend on the order it reads.
    expect(accessSessions([...entries].reverse()).map(seen)).toEqual(expected);
    expect(accessSessions(entries).map(seen)).toEqual(expected);
  });

  it('counts requests per action and the refused ones', () => {
    const [s] = accessSessions([
      at(0, LAMBERT, 'search', { allowed: false }),
      at(1, LAMBERT, 'search'),
      at(2, LAMBERT, 'retrieve', { studyUid: A }),
      at(3, LAMBERT, 'export', { studyUid: A }),
    ]);
    expect(s?.counts).toEqual({
      entries: 4,
      refused: 1,
      byAction: { search: 2, retrieve: 1, export: 1 },
    });
    expect(s?.actions).toEqual(['search', 'retrieve', 'export']);
  });

  it('keeps a session’s key when older entries of it are read (the next page of the trace)', () => {
    const older = [at(0, LAMBERT, 'search'), at(1, LAMBERT, 'retrieve', { studyUid: A })];
    const newer = [at(2, LAMBERT, 'retrieve', { studyUid: A }), at(3, MOREAU, 'search')];
    const firstPage = accessSessions(newer);
    const bothPages = accessSessions([...newer, ...older]);
    // The list's lines are keyed by it: a key that changed would remount the line under the
    // keyboard's focus when « Voir plus » reads on.
    expect(bothPages.map((s) => s.key)).toEqual(firstPage.map((s) => s.key));
    expect(bothPages[1]?.counts.entries).toBe(3);
  });

  it('takes the window as an option', () => {
    const entries = [at(0, LAMBERT, 'search'), at(10, LAMBERT, 'search')];
    expect(accessSessions(entries, { gapMinutes: 5 })).toHaveLength(2);
    expect(accessSessions(entries, { gapMinutes: 15 })).toHaveLength(1);
  });
});

describe('source labels', () => {
  it('names sources by their label, and one no longer configured by its id', () => {
    expect(
      sourceLabels(['drimbox-nancy', 'gone'], [{ id: 'drimbox-nancy', label: 'CHRU de Nancy' }]),
    ).toEqual(['CHRU de Nancy', 'gone']);
  });
});
