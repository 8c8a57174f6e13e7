import { describe, expect, it } from 'vitest';
import {
  REPORT_SOP_CLASS,
  bulkDataPath,
  encapsulatedDocumentOf,
  looksLikePdf,
  newestFirst,
  reportKindOf,
  reportObjectsOf,
  reportSeriesUids,
  trimDocument,
} from './reportObjects';

const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });

describe('reportKindOf', () => {
  it('knows encapsulated PDF, CDA and SR classes, not images or key objects', () => {
    expect(reportKindOf(REPORT_SOP_CLASS.encapsulatedPdf)).toBe('pdf');
    expect(reportKindOf(REPORT_SOP_CLASS.encapsulatedCda)).toBe('cda');
    expect(reportKindOf('1.2.840.10008.5.1.4.1.1.88.11')).toBe('sr');
    expect(reportKindOf('1.2.840.10008.5.1.4.1.1.88.33')).toBe('sr');
    expect(reportKindOf('1.2.840.10008.5.1.4.1.1.88.59')).toBeNull();
    expect(reportKindOf('1.2.840.10008.5.1.4.1.1.2')).toBeNull();
    expect(reportKindOf('')).toBeNull();
  });
});

describe('reportSeriesUids', () => {
  it('keeps DOC and SR series only, once each', () => {
    const series = [
      { '0020000E': v('UI', '1.1'), '00080060': v('CS', 'CT') },
      { '0020000E': v('UI', '1.2'), '00080060': v('CS', 'DOC') },
      { '0020000E': v('UI', '1.3'), '00080060': v('CS', 'sr') },
      { '0020000E': v('UI', '1.2'), '00080060': v('CS', 'DOC') },
      { '00080060': v('CS', 'DOC') },
      'junk',
    ];
    expect(reportSeriesUids(series)).toEqual(['1.2', '1.3']);
  });
});

describe('reportObjectsOf and newestFirst', () => {
  const instance = (sop: string, cls: string, date?: string, time?: string, title?: string) => ({
    '00080016': v('UI', cls),
    '00080018': v('UI', sop),
    ...(date ? { '00080023': v('DA', date) } : {}),
    ...(time ? { '00080033': v('TM', time) } : {}),
    ...(title ? { '00420010': v('ST', title) } : {}),
  });

  it('reads kind, title and date; leaves out other objects', () => {
    const found = reportObjectsOf('9.9', [
      instance('1', REPORT_SOP_CLASS.encapsulatedPdf, '20260101', '0930', 'Scanner'),
      instance('2', '1.2.840.10008.5.1.4.1.1.7'),
      {
        ...instance('3', '1.2.840.10008.5.1.4.1.1.88.22'),
        '0040A043': v('SQ', { '00080104': v('LO', 'Imaging report') }),
      },
      instance('', REPORT_SOP_CLASS.encapsulatedCda),
    ]);
    expect(found).toEqual([
      {
        kind: 'pdf',
        seriesInstanceUID: '9.9',
        sopInstanceUID: '1',
        title: 'Scanner',
        date: '2026-01-01',
        time: '093000',
      },
      {
        kind: 'sr',
        seriesInstanceUID: '9.9',
        sopInstanceUID: '3',
        title: 'Imaging report',
        date: null,
        time: '000000',
      },
    ]);
  });

  it('orders the newest report first, undated last', () => {
    const found = reportObjectsOf('9', [
      instance('old', REPORT_SOP_CLASS.encapsulatedPdf, '20250101'),
      instance('none', REPORT_SOP_CLASS.encapsulatedPdf),
      instance('late', REPORT_SOP_CLASS.encapsulatedCda, '20260101', '180000'),
      instance('early', REPORT_SOP_CLASS.encapsulatedCda, '20260101', '080000'),
    ]);
    expect(newestFirst(found).map((r) => r.sopInstanceUID)).toEqual([
      'late',
      'early',
      'old',
      'none',
    ]);
  });
});

describe('bulkDataPath', () => {
  const origin = 'https://viewer.example.fr';
  it('accepts the gateway’s own URL for this source, absolute or relative', () => {
    expect(
      bulkDataPath(
        `${origin}/dicomweb/drimbox-nancy/studies/1/series/2/instances/3/bulk/00420011`,
        origin,
        'drimbox-nancy',
      ),
    ).toBe('/dicomweb/drimbox-nancy/studies/1/series/2/instances/3/bulk/00420011');
    expect(bulkDataPath('/dicomweb/drimbox-nancy/studies/1/bulk', origin, 'drimbox-nancy')).toBe(
      '/dicomweb/drimbox-nancy/studies/1/bulk',
    );
  });

  it('refuses another origin, another source, or a path outside DICOMweb: the token stays home', () => {
    expect(
      bulkDataPath('http://127.0.0.1:8042/dicom-web/studies/1', origin, 'drimbox-nancy'),
    ).toBeNull();
    expect(
      bulkDataPath(`${origin}/dicomweb/drimbox-reims/studies/1`, origin, 'drimbox-nancy'),
    ).toBeNull();
    expect(bulkDataPath(`${origin}/api/keys`, origin, 'drimbox-nancy')).toBeNull();
    expect(
      bulkDataPath('//evil.example/dicomweb/drimbox-nancy/studies/1', origin, 'drimbox-nancy'),
    ).toBeNull();
    expect(bulkDataPath('http://[bad', origin, 'drimbox-nancy')).toBeNull();
  });
});

describe('encapsulatedDocumentOf', () => {
  const origin = 'http://localhost:8080';
  it('reads a BulkDataURI with its MIME type and declared length', () => {
    const meta = {
      '00420011': {
        vr: 'OB',
        BulkDataURI: `${origin}/dicomweb/s/studies/1/series/2/instances/3/bulk/00420011`,
      },
      '00420012': v('LO', 'application/pdf'),
      '00420015': v('UL', 1472),
    };
    expect(encapsulatedDocumentOf(meta, origin, 's')).toEqual({
      source: { kind: 'bulk', path: '/dicomweb/s/studies/1/series/2/instances/3/bulk/00420011' },
      mimeType: 'application/pdf',
      length: 1472,
    });
  });

  it('decodes an InlineBinary document', () => {
    const meta = { '00420011': { vr: 'OB', InlineBinary: btoa('<ClinicalDocument/>') } };
    const ref = encapsulatedDocumentOf(meta, origin, 's');
    if ('error' in ref || ref.source.kind !== 'inline') throw new Error('not inline');
    expect(new TextDecoder().decode(ref.source.bytes)).toBe('<ClinicalDocument/>');
  });

  it('says what is wrong when the document is missing or points elsewhere', () => {
    expect(encapsulatedDocumentOf({}, origin, 's')).toEqual({ error: 'missing' });
    expect(encapsulatedDocumentOf(null, origin, 's')).toEqual({ error: 'missing' });
    expect(
      encapsulatedDocumentOf(
        { '00420011': { vr: 'OB', BulkDataURI: 'http://evil/x' } },
        origin,
        's',
      ),
    ).toEqual({ error: 'foreignUrl' });
    expect(
      encapsulatedDocumentOf({ '00420011': { vr: 'OB', InlineBinary: '***' } }, origin, 's'),
    ).toEqual({ error: 'missing' });
  });
});

describe('trimDocument and looksLikePdf', () => {
  const enc = new TextEncoder();
  it('cuts the DICOM padding to the declared length, or trailing NULs without one', () => {
    expect(trimDocument(enc.encode('abc '), 3)).toEqual(enc.encode('abc'));
    expect(trimDocument(new Uint8Array([60, 97, 47, 62, 0]), null)).toEqual(enc.encode('<a/>'));
    expect(trimDocument(enc.encode('abc'), 99)).toEqual(enc.encode('abc'));
  });

  it('recognises a PDF by its header, not by what the metadata claims', () => {
    expect(looksLikePdf(enc.encode('%PDF-1.4\n…'))).toBe(true);
    expect(looksLikePdf(enc.encode('\n\n%PDF-1.7'))).toBe(true);
    expect(looksLikePdf(enc.encode('<html><script>'))).toBe(false);
    expect(looksLikePdf(new Uint8Array())).toBe(false);
  });
});
