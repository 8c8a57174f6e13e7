import { describe, expect, it } from 'vitest';
import {
  accessEntryFrom,
  consentPerformers,
  studyFactsFrom,
  withBreakGlassReasons,
  type AccessEntry,
} from './accessEntry';

// As server/audit/auditEvent.ts writes them (its own tests pin that side).
const named = {
  resourceType: 'AuditEvent',
  id: '42',
  subtype: [{ system: 'urn:drim-viewer:audit-action', code: 'retrieve' }],
  recorded: '2026-03-02T09:00:00.000Z',
  outcome: '0',
  purposeOfEvent: [{ coding: [{ code: 'BTG' }] }],
  agent: [
    {
      role: [
        { text: 'professional' },
        {
          coding: [
            {
              system:
                'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante',
              code: '10',
              display: 'Médecin',
            },
          ],
        },
        {
          coding: [
            {
              system:
                'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale',
              code: 'SM44',
              display: 'Radio-diagnostic et imagerie médicale',
            },
          ],
        },
      ],
      who: {
        identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '899900067890' },
        display: 'Paul MOREAU',
      },
      location: {
        identifier: { system: 'urn:oid:1.2.250.1.71.4.2.2', value: '1549999992' },
        display: 'Centre d’imagerie Stanislas',
      },
    },
  ],
  source: { site: 'archive-regionale' },
  entity: [
    { what: { identifier: { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '1' } } },
    {
      what: { identifier: { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3.4' } },
      description: 'study',
    },
    {
      what: { identifier: { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3.4.5' } },
      description: 'series',
    },
    { what: { identifier: { system: 'urn:drim-viewer:break-glass', value: 'bg1' } } },
  ],
};

describe('an access trace record, read for the patient', () => {
  it('reads who (name, profession, specialty, structure), what, where and why', () => {
    expect(accessEntryFrom(named)).toEqual({
      id: '42',
      recorded: '2026-03-02T09:00:00.000Z',
      action: 'retrieve',
      actor: {
        kind: 'professional',
        rpps: '99900067890',
        finess: '549999992',
        name: 'Paul MOREAU',
        profession: 'Médecin',
        specialty: 'Radio-diagnostic et imagerie médicale',
        structure: 'Centre d’imagerie Stanislas',
      },
      allowed: true,
      breakGlass: true,
      breakGlassId: 'bg1',
      sourceId: 'archive-regionale',
      studyUid: '1.2.3.4',
    });
  });

  it('reads an older record with numbers only, and a patient’s own', () => {
    const old = {
      ...named,
      purposeOfEvent: undefined,
      outcome: '4',
      agent: [
        {
          role: [{ text: 'professional' }],
          who: { identifier: { value: '899900012345' } },
          location: { identifier: { value: '1549999991' } },
        },
      ],
      entity: [{ what: { reference: 'Consent/c1' } }],
    };
    expect(accessEntryFrom(old)).toMatchObject({
      actor: { kind: 'professional', rpps: '99900012345', finess: '549999991' },
      allowed: false,
      breakGlass: false,
      consentId: 'c1',
    });
    expect(accessEntryFrom(old)).not.toHaveProperty('studyUid');
    const own = { ...named, agent: [{ role: [{ text: 'patient' }] }] };
    expect(accessEntryFrom(own)?.actor).toEqual({ kind: 'patient' });
  });

  it.each([null, 'x', [], { resourceType: 'Consent' }])('ignores %j', (v) => {
    expect(accessEntryFrom(v)).toBeNull();
  });

  it('survives a record of unexpected shapes', () => {
    expect(
      accessEntryFrom({ resourceType: 'AuditEvent', agent: 'x', entity: [1, null], subtype: {} }),
    ).toEqual({
      id: '',
      recorded: '',
      action: '',
      actor: { kind: 'unknown' },
      allowed: false,
      breakGlass: false,
    });
  });

  it('gives each access made under an emergency opening the opening’s reason', () => {
    const opening = {
      ...named,
      id: '1',
      entity: [
        {
          what: { identifier: { system: 'urn:drim-viewer:break-glass', value: 'bg1' } },
          description: 'break-glass reason',
          detail: [{ type: 'reason', valueString: 'Patiente inconsciente' }],
        },
      ],
    };
    const entries = [accessEntryFrom(named)!, accessEntryFrom(opening)!];
    expect(entries[1]?.breakGlassReason).toBe('Patiente inconsciente');
    expect(withBreakGlassReasons(entries).map((e) => e.breakGlassReason)).toEqual([
      'Patiente inconsciente',
      'Patiente inconsciente',
    ]);
  });
});

describe('a study the trace names, as the gateway described it', () => {
  it('reads its UID, date, modalities and description', () => {
    expect(
      studyFactsFrom({
        resourceType: 'ImagingStudy',
        identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' }],
        started: '2026-06-02',
        modality: [{ code: 'CT' }, { code: 'DOC' }, {}],
        description: 'TDM TAP',
      }),
    ).toEqual({
      uid: '1.2.3',
      date: '2026-06-02',
      modalities: ['CT', 'DOC'],
      description: 'TDM TAP',
    });
  });

  it('leaves out what it cannot read, and refuses a study without a UID', () => {
    expect(
      studyFactsFrom({
        resourceType: 'ImagingStudy',
        identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' }],
        started: 'hier',
      }),
    ).toEqual({ uid: '1.2.3', modalities: [] });
    expect(studyFactsFrom({ resourceType: 'ImagingStudy', identifier: [] })).toBeNull();
    expect(studyFactsFrom(named)).toBeNull();
  });
});

describe('who recorded each consent', () => {
  const entry = (over: Partial<AccessEntry>): AccessEntry => ({
    id: '1',
    recorded: '2026-03-02T09:00:00.000Z',
    action: 'consent-created',
    actor: { kind: 'professional', rpps: '1', name: 'LAMBERT Claire' },
    allowed: true,
    breakGlass: false,
    consentId: 'c1',
    ...over,
  });
  it('names the professional of each consent-created record, and no one else', () => {
    expect(
      consentPerformers([
        entry({}),
        entry({ consentId: 'c2', actor: { kind: 'professional', rpps: '2' } }),
        entry({ consentId: 'c3', action: 'search' }),
        entry({ consentId: 'c4', action: 'consent-revoked', actor: { kind: 'patient' } }),
      ]),
    ).toEqual(new Map([['c1', 'LAMBERT Claire']]));
  });
});
