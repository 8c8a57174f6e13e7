import { describe, expect, it } from 'vitest';
import { matchPatients, queryIdentifiersFor } from './matchPatients';
import { patient } from './testDatasets';

const INS = '1.2.250.1.213.1.4.10';
const NIR = '185057800608491';

describe('matchPatients', () => {
  it('does NOT merge two patients sharing local PatientID P000123 at two sites with different issuers', () => {
    const clusters = matchPatients([
      {
        sourceId: 'nancy',
        dataset: patient({ id: 'P000123', issuer: 'CHRU-NANCY', name: 'MARTIN^Paul' }),
      },
      {
        sourceId: 'reims',
        dataset: patient({ id: 'P000123', issuer: 'CHU-REIMS', name: 'DURAND^Anne' }),
      },
    ]);
    expect(clusters).toHaveLength(2);
    expect(clusters.map((c) => c.records)).toEqual([[0], [1]]);
    expect(clusters.every((c) => c.conflicts.length === 0)).toBe(true);
  });

  it('never links a bare PatientID across sources', () => {
    const clusters = matchPatients([
      { sourceId: 'nancy', dataset: patient({ id: 'P000123', name: 'MARTIN^Paul' }) },
      { sourceId: 'reims', dataset: patient({ id: 'P000123', name: 'MARTIN^Paul' }) },
    ]);
    expect(clusters).toHaveLength(2);
  });

  it('links a bare PatientID within one source (its own namespace), not a bare other id', () => {
    const same = matchPatients([
      { sourceId: 'nancy', dataset: patient({ id: 'P1' }) },
      { sourceId: 'nancy', dataset: patient({ id: 'P1' }) },
    ]);
    expect(same).toHaveLength(1);
    const viaOther = matchPatients([
      { sourceId: 'nancy', dataset: patient({ id: 'P1', others: [{ id: 'Z9' }] }) },
      { sourceId: 'nancy', dataset: patient({ id: 'P2', others: [{ id: 'Z9' }] }) },
    ]);
    expect(viaOther).toHaveLength(2);
  });

  it('makes one patient of the same INS at three sources', () => {
    const clusters = matchPatients([
      {
        sourceId: 'nancy',
        dataset: patient({ id: NIR, issuer: INS, name: 'MARTIN^Paul', birth: '19850512' }),
      },
      {
        sourceId: 'reims',
        dataset: patient({ id: 'R77', issuer: 'CHU-REIMS', others: [{ id: NIR, issuer: INS }] }),
      },
      { sourceId: 'archive', dataset: patient({ id: NIR, issuer: INS, name: 'MARTIN^PAUL' }) },
    ]);
    expect(clusters).toHaveLength(1);
    const [c] = clusters;
    expect(c?.records).toEqual([0, 1, 2]);
    expect(c?.sourceIds).toEqual(['nancy', 'reims', 'archive']);
    expect(c?.ins).toEqual({ issuer: INS, id: NIR });
    expect(c?.identifiers[0]).toEqual({
      issuer: INS,
      id: NIR,
      sourceIds: ['nancy', 'reims', 'archive'],
    });
    expect(c?.conflicts).toEqual([]);
  });

  it('links transitively through Other Patient IDs', () => {
    const clusters = matchPatients([
      // A: INS only
      { sourceId: 'metz', dataset: patient({ id: NIR, issuer: INS }) },
      // B: local Nancy id, INS as other id → linked to A
      {
        sourceId: 'nancy',
        dataset: patient({ id: 'N1', issuer: 'CHRU-NANCY', others: [{ id: NIR, issuer: INS }] }),
      },
      // C: archive record knows only the Nancy id → linked to B, hence to A
      {
        sourceId: 'archive',
        dataset: patient({
          id: 'ARC5',
          issuer: 'ARCHIVE',
          others: [{ id: 'N1', issuer: 'CHRU-NANCY' }],
        }),
      },
      // D: someone else
      { sourceId: 'archive', dataset: patient({ id: 'ARC6', issuer: 'ARCHIVE' }) },
    ]);
    expect(clusters.map((c) => c.records)).toEqual([[0, 1, 2], [3]]);
    expect(clusters[0]?.ins?.id).toBe(NIR);
    expect(clusters[1]?.ins).toBeNull();
  });

  it('flags demographics that disagree, ignoring case and accents', () => {
    const [c] = matchPatients([
      {
        sourceId: 'nancy',
        dataset: patient({
          id: NIR,
          issuer: INS,
          name: 'LEFÈVRE^Hélène',
          birth: '19850512',
          sex: 'F',
        }),
      },
      {
        sourceId: 'reims',
        dataset: patient({
          id: NIR,
          issuer: INS,
          name: 'lefevre^HELENE',
          birth: '19850521',
          sex: 'F',
        }),
      },
      {
        sourceId: 'archive',
        dataset: patient({ id: NIR, issuer: INS, name: 'LEFEVRE^Marie', sex: 'M' }),
      },
    ]);
    expect(c?.conflicts).toEqual([
      {
        field: 'given',
        values: [
          { value: 'Hélène', sourceIds: ['nancy', 'reims'] },
          { value: 'Marie', sourceIds: ['archive'] },
        ],
      },
      {
        field: 'birthDate',
        values: [
          { value: '1985-05-12', sourceIds: ['nancy'] },
          { value: '1985-05-21', sourceIds: ['reims'] },
        ],
      },
      {
        field: 'sex',
        values: [
          { value: 'F', sourceIds: ['nancy', 'reims'] },
          { value: 'M', sourceIds: ['archive'] },
        ],
      },
    ]);
    expect(c?.demographics).toHaveLength(3);
  });

  it('flags two different INS in one cluster', () => {
    const [c] = matchPatients([
      {
        sourceId: 'nancy',
        dataset: patient({ id: 'N1', issuer: 'CHRU-NANCY', others: [{ id: NIR, issuer: INS }] }),
      },
      {
        sourceId: 'nancy',
        dataset: patient({
          id: 'N1',
          issuer: 'CHRU-NANCY',
          others: [{ id: '299999999999999', issuer: INS }],
        }),
      },
    ]);
    expect(c?.conflicts.map((x) => x.field)).toEqual(['ins']);
  });

  it('prefers a qualified NIR over a NIA as the cluster INS', () => {
    const [c] = matchPatients([
      {
        sourceId: 'nancy',
        dataset: patient({
          id: 'NIA1',
          issuer: '1.2.250.1.213.1.4.9',
          others: [{ id: NIR, issuer: '1.2.250.1.213.1.4.8' }],
        }),
      },
    ]);
    expect(c?.ins).toEqual({ issuer: '1.2.250.1.213.1.4.8', id: NIR });
  });

  it('survives records without identifiers', () => {
    expect(
      matchPatients([
        { sourceId: 'x', dataset: {} },
        { sourceId: 'y', dataset: {} },
      ]),
    ).toHaveLength(2);
  });
});

describe('queryIdentifiersFor', () => {
  it('asks a source for issuer-bearing ids and its own bare ids only', () => {
    const [c] = matchPatients([
      { sourceId: 'nancy', dataset: patient({ id: 'LOCAL1', others: [{ id: NIR, issuer: INS }] }) },
      { sourceId: 'reims', dataset: patient({ id: NIR, issuer: INS }) },
    ]);
    if (!c) throw new Error('one cluster expected');
    expect(queryIdentifiersFor(c, 'nancy')).toEqual([
      { issuer: INS, id: NIR },
      { issuer: '', id: 'LOCAL1' },
    ]);
    expect(queryIdentifiersFor(c, 'reims')).toEqual([{ issuer: INS, id: NIR }]);
  });
});
