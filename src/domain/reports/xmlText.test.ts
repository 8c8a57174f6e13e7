import { describe, expect, it } from 'vitest';
import { declaredXmlEncoding, xmlText } from './xmlText';

describe('xmlText', () => {
  it('reads UTF-8 by default, with or without a BOM', () => {
    const utf8 = new TextEncoder().encode('<?xml version="1.0"?><t>Évolution</t>');
    expect(xmlText(utf8)).toBe('<?xml version="1.0"?><t>Évolution</t>');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('<t>é</t>')]);
    expect(xmlText(bom)).toBe('<t>é</t>');
  });

  it('honours an ISO-8859-1 declaration so accents survive', () => {
    const head = '<?xml version="1.0" encoding="ISO-8859-1"?><t>';
    const bytes = new Uint8Array([...new TextEncoder().encode(head), 0xe9, 0x3c, 0x2f, 0x74, 0x3e]);
    expect(declaredXmlEncoding(bytes)).toBe('iso-8859-1');
    expect(xmlText(bytes)).toBe(`${head}é</t>`);
  });

  it('falls back to UTF-8 for an unknown or hostile label', () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="x-evil"?><t>é</t>');
    expect(xmlText(bytes)).toContain('<t>é</t>');
  });
});
