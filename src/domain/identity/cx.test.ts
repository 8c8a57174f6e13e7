import { describe, expect, it } from 'vitest';
import { formatCx, hl7Escape, hl7Unescape, parseCx } from './cx';
import { INS_OID, isIns } from './patientIdentifier';

describe('HL7 CX', () => {
  it('parses ID^^^&OID&ISO', () => {
    expect(parseCx('248092A12345678^^^&1.2.250.1.213.1.4.10&ISO')).toEqual({
      id: '248092A12345678',
      issuer: INS_OID.nirTest,
    });
  });

  it('takes the namespace when there is no universal id, and no issuer at all', () => {
    expect(parseCx('P000123^^^CHRU-NANCY')).toEqual({ id: 'P000123', issuer: 'CHRU-NANCY' });
    expect(parseCx('P000123')).toEqual({ id: 'P000123', issuer: '' });
  });

  it('reads only the first repetition', () => {
    expect(parseCx('A^^^&1.2.3&ISO~B^^^&4.5.6&ISO')).toEqual({ id: 'A', issuer: '1.2.3' });
  });

  it('unescapes after splitting', () => {
    expect(parseCx('A\\S\\B\\T\\C^^^NS\\F\\X')).toEqual({ id: 'A^B&C', issuer: 'NS|X' });
    expect(hl7Unescape('\\F\\\\S\\\\T\\\\R\\\\E\\')).toBe('|^&~\\');
  });

  it('refuses an empty ID or an absurd length', () => {
    expect(parseCx('')).toBeNull();
    expect(parseCx('^^^&1.2.3&ISO')).toBeNull();
    expect(parseCx('1'.repeat(2000))).toBeNull();
  });

  it('formats, escaping delimiters, and round-trips', () => {
    expect(formatCx({ id: '1850578006084', issuer: INS_OID.nir })).toBe(
      '1850578006084^^^&1.2.250.1.213.1.4.8&ISO',
    );
    expect(formatCx({ id: 'P1', issuer: '' })).toBe('P1');
    expect(formatCx({ id: 'P1', issuer: 'SITE' })).toBe('P1^^^SITE');
    const tricky = { id: 'A^B&C|D~E\\F', issuer: 'N^S' };
    expect(hl7Escape(tricky.id)).toBe('A\\S\\B\\T\\C\\F\\D\\R\\E\\E\\F');
    expect(parseCx(formatCx(tricky))).toEqual(tricky);
  });

  it('knows the INS OIDs', () => {
    expect(isIns('1.2.250.1.213.1.4.8')).toBe(true);
    expect(isIns('1.2.250.1.213.1.4.9')).toBe(true);
    expect(isIns('1.2.250.1.213.1.4.10')).toBe(true);
    expect(isIns('1.2.250.1.213.1.4.11')).toBe(true);
    expect(isIns('1.2.250.1.213.1.4.12')).toBe(false);
    expect(isIns('')).toBe(false);
  });
});
