import { describe, expect, it } from 'vitest';
import { isEmptyReport, readStructuredReport } from './srContent';

const code = (value: string, scheme: string, meaning: string) => ({
  vr: 'SQ',
  Value: [
    {
      '00080100': { vr: 'SH', Value: [value] },
      '00080102': { vr: 'SH', Value: [scheme] },
      '00080104': { vr: 'LO', Value: [meaning] },
    },
  ],
});
const content = (...items: object[]) => ({ '0040A730': { vr: 'SQ', Value: items } });
const item = (valueType: string, name: string, extra: object = {}) => ({
  '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
  '0040A040': { vr: 'CS', Value: [valueType] },
  '0040A043': code('x', 'DCM', name),
  ...extra,
});

const basicSr = {
  '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.11'] },
  '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
  '0040A043': code('18748-4', 'LN', 'Diagnostic imaging report'),
  '0040A491': { vr: 'CS', Value: ['COMPLETE'] },
  '0040A493': { vr: 'CS', Value: ['VERIFIED'] },
  ...content(
    item('CONTAINER', 'Findings', {
      ...content(
        item('TEXT', 'Finding', {
          '0040A160': { vr: 'UT', Value: ['Nodule lobaire supérieur droit'] },
        }),
        item('NUM', 'Diameter', {
          '0040A300': {
            vr: 'SQ',
            Value: [
              {
                '0040A30A': { vr: 'DS', Value: ['8.5'] },
                '004008EA': code('mm', 'UCUM', 'millimeter'),
              },
            ],
          },
        }),
        item('CODE', 'Laterality', { '0040A168': code('24028007', 'SCT', 'Right') }),
      ),
    }),
    item('TEXT', 'Impression', { '0040A160': { vr: 'UT', Value: ['<script>alert(1)</script>'] } }),
    item('DATE', 'Study date', { '0040A121': { vr: 'DA', Value: ['20260312'] } }),
    item('PNAME', 'Observer', { '0040A123': { vr: 'PN', Value: [{ Alphabetic: 'MOREAU^Paul' }] } }),
    item('IMAGE', 'Key image', { '00081199': { vr: 'SQ', Value: [{}, {}] } }),
  ),
};

describe('readStructuredReport', () => {
  it('reads title, flags and the content tree with typed values', () => {
    const doc = readStructuredReport(basicSr);
    expect(doc.title).toBe('Diagnostic imaging report');
    expect(doc.completion).toBe('COMPLETE');
    expect(doc.verification).toBe('VERIFIED');
    expect(doc.truncated).toBe(false);
    const [findings, impression, when, observer, key] = doc.items;
    expect(findings?.label).toBe('Findings');
    expect(findings?.value).toEqual({ kind: 'none' });
    expect(findings?.children.map((c) => [c.label, c.value])).toEqual([
      ['Finding', { kind: 'text', text: 'Nodule lobaire supérieur droit' }],
      ['Diameter', { kind: 'number', value: '8.5', units: 'mm' }],
      ['Laterality', { kind: 'code', meaning: 'Right' }],
    ]);
    // Hostile text stays a plain string; the UI renders it as text.
    expect(impression?.value).toEqual({ kind: 'text', text: '<script>alert(1)</script>' });
    expect(when?.value).toEqual({ kind: 'date', iso: '2026-03-12' });
    expect(observer?.value).toEqual({ kind: 'person', name: 'Paul MOREAU' });
    expect(key?.value).toEqual({ kind: 'reference', count: 2 });
    expect(isEmptyReport(doc)).toBe(false);
  });

  it('omits the UCUM "no unit" and falls back to the code meaning for other schemes', () => {
    const num = (unit: object) =>
      readStructuredReport(
        content(
          item('NUM', 'Ratio', {
            '0040A300': {
              vr: 'SQ',
              Value: [{ '0040A30A': { vr: 'DS', Value: [2] }, '004008EA': unit }],
            },
          }),
        ),
      ).items[0]?.value;
    expect(num(code('1', 'UCUM', 'no units'))).toEqual({ kind: 'number', value: '2', units: '' });
    expect(num(code('HU', '99LOCAL', 'Hounsfield unit'))).toEqual({
      kind: 'number',
      value: '2',
      units: 'Hounsfield unit',
    });
  });

  it('is empty, not broken, for metadata without content or of the wrong shape', () => {
    for (const bad of [null, 'x', [], {}, { '0040A730': { Value: ['not an item', 3] } }]) {
      const doc = readStructuredReport(bad);
      expect(doc.items).toEqual([]);
      expect(isEmptyReport(doc)).toBe(true);
    }
  });

  it('cuts absurd nesting and says so', () => {
    let node: object = item('TEXT', 'leaf', { '0040A160': { vr: 'UT', Value: ['fond'] } });
    for (let i = 0; i < 100; i++) node = item('CONTAINER', `level ${i}`, content(node));
    const doc = readStructuredReport(content(node));
    expect(doc.truncated).toBe(true);
    let depth = 0;
    for (let items = doc.items; items.length > 0; items = items[0]?.children ?? []) depth++;
    expect(depth).toBeLessThan(40);
  });
});
