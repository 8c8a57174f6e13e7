import { describe, expect, it } from 'vitest';
import { openSqlite } from '../storage/sqliteDatabase';
import {
  actorOf,
  FINESS_SYSTEM,
  PROFESSION_SYSTEM,
  RPPS_SYSTEM,
  SPECIALTY_SYSTEM,
  toAuditEvent,
  type AccessFacts,
} from './auditEvent';
import { AuditTrail } from './auditTrail';
import { verifyChain } from './chain';

const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '258037512345653' };
const IDENTITY = {
  name: 'Claire LAMBERT',
  profession: { code: '10', label: 'Médecin' },
  specialty: { code: 'SM54', label: 'Médecine générale' },
  structureName: 'Cabinet médical du Parc (fictif)',
};

const facts = (over: Partial<AccessFacts> = {}): AccessFacts => ({
  action: 'retrieve',
  at: 1_700_000_000_000,
  actor: actorOf({
    kind: 'professional',
    sub: 'medecin',
    rpps: '99900012345',
    finess: '549999991',
    identity: IDENTITY,
  }),
  patients: [INS],
  sourceId: 'drimbox-nancy',
  studyUid: '1.2.3',
  status: 200,
  ...over,
});

type Agent = {
  who: { identifier: { system: string; value: string }; display?: string };
  role: { text?: string; coding?: { system: string; code: string; display: string }[] }[];
  location?: { identifier?: { system: string; value: string }; display?: string };
};
const agentOf = (e: Record<string, unknown>): Agent => (e.agent as Agent[])[0]!;

describe('who accessed, as the trace records it', () => {
  it('names the professional, their profession and structure beside their numbers', () => {
    const agent = agentOf(toAuditEvent(facts()));
    expect(agent.who).toEqual({
      identifier: { system: RPPS_SYSTEM, value: '899900012345' },
      display: 'Claire LAMBERT',
    });
    // The first role stays what readers of older records look at.
    expect(agent.role[0]).toEqual({ text: 'professional' });
    expect(agent.role.slice(1)).toEqual([
      { coding: [{ system: PROFESSION_SYSTEM, code: '10', display: 'Médecin' }] },
      { coding: [{ system: SPECIALTY_SYSTEM, code: 'SM54', display: 'Médecine générale' }] },
    ]);
    expect(agent.location).toEqual({
      identifier: { system: FINESS_SYSTEM, value: '1549999991' },
      display: 'Cabinet médical du Parc (fictif)',
    });
  });

  it('writes the numbers alone, as before, when the token named nobody', () => {
    const agent = agentOf(
      toAuditEvent(facts({ actor: { role: 'professional', sub: 'x', rpps: '1', finess: '2' } })),
    );
    expect(agent.who).toEqual({ identifier: { system: RPPS_SYSTEM, value: '81' } });
    expect(agent.role).toEqual([{ text: 'professional' }]);
    expect(agent.location).toEqual({ identifier: { system: FINESS_SYSTEM, value: '12' } });
  });

  it('names a structure without FINESS by its name only', () => {
    const agent = agentOf(
      toAuditEvent(
        facts({
          actor: { role: 'professional', sub: 'x', rpps: '1', identity: { structureName: 'CH' } },
        }),
      ),
    );
    expect(agent.location).toEqual({ display: 'CH' });
  });

  it('keeps one chain across records written before and after names were recorded', async () => {
    const db = await openSqlite();
    const trail = new AuditTrail(db);
    trail.append(facts({ actor: { role: 'professional', sub: 'x', rpps: '1' } }));
    trail.append(facts());
    await trail.flush();
    expect(await verifyChain(db)).toEqual({ ok: true, records: 2 });
    const [newer, older] = await trail.forPatient(INS, [], 10);
    expect(agentOf(newer!.resource).who.display).toBe('Claire LAMBERT');
    expect(agentOf(older!.resource).who.display).toBeUndefined();
  });
});

describe('reading a patient’s trace page by page', () => {
  it('gives the records older than a given one, newest first', async () => {
    const db = await openSqlite();
    const trail = new AuditTrail(db);
    for (let i = 0; i < 7; i++) trail.append(facts({ at: 1_700_000_000_000 + i }));
    trail.append(facts({ patients: [{ ...INS, value: 'someone-else' }], studyUid: '9.9' }));
    const first = await trail.forPatient(INS, [], 3);
    expect(first.map((e) => e.seq)).toEqual([7, 6, 5]);
    const second = await trail.forPatient(INS, [], 3, 5);
    expect(second.map((e) => e.seq)).toEqual([4, 3, 2]);
    expect((await trail.forPatient(INS, [], 3, 2)).map((e) => e.seq)).toEqual([1]);
  });
});
