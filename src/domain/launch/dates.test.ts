import { describe, expect, it } from 'vitest';
import {
  epochMillis,
  isAfter,
  isCalendarDate,
  parseDicomDate,
  parseIsoDate,
  parseXmlDateTime,
  toDicomDate,
  toIsoDate,
} from './dates';

function dt(value: string) {
  const parsed = parseXmlDateTime(value);
  if (!parsed) throw new Error(`expected a dateTime: ${value}`);
  return parsed;
}

describe('calendar dates', () => {
  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [1900, 2, 29, false],
    [2000, 2, 29, true],
    [2026, 2, 30, false],
    [2026, 4, 31, false],
    [2026, 12, 31, true],
    [2026, 13, 1, false],
    [2026, 0, 10, false],
    [2026, 1, 0, false],
    [1799, 12, 31, false],
  ])('%i-%i-%i is %s', (y, m, d, valid) => {
    expect(isCalendarDate(y, m, d)).toBe(valid);
  });

  it('reads DICOM DA and FHIR dates, and writes them back', () => {
    expect(parseDicomDate('19580314')).toEqual({ year: 1958, month: 3, day: 14 });
    expect(parseIsoDate('1958-03-14')).toEqual({ year: 1958, month: 3, day: 14 });
    expect(toDicomDate({ year: 1958, month: 3, day: 14 })).toBe('19580314');
    expect(toIsoDate({ year: 1958, month: 3, day: 14 })).toBe('1958-03-14');
  });

  it.each(['20260230', '20261301', '1958-03-14', '5803014', '195803141', '1958031a', ' 19580314'])(
    'refuses DICOM date %j',
    (value) => expect(parseDicomDate(value)).toBeUndefined(),
  );

  it.each(['2026-02-30', '2026-13-01', '19580314', '1958-3-14', '1958-03', '1958-03-14T00:00:00'])(
    'refuses FHIR date %j',
    (value) => expect(parseIsoDate(value)).toBeUndefined(),
  );
});

describe('parseXmlDateTime', () => {
  it('reads a dateTime without timezone', () => {
    expect(dt('2010-01-01T12:00:00')).toEqual({
      year: 2010,
      month: 1,
      day: 1,
      hour: 12,
      minute: 0,
      second: 0,
      millisecond: 0,
      hasTime: true,
      offsetMinutes: null,
    });
  });

  it.each([
    ['2010-01-01T12:00:00Z', 0],
    ['2010-01-01T12:00:00+01:00', 60],
    ['2010-01-01T12:00:00-05:30', -330],
    ['2010-01-01T12:00:00+14:00', 840],
    ['2010-01-01T12:00:00-00:00', 0],
  ])('reads the offset of %s', (value, offset) => {
    expect(dt(value).offsetMinutes).toBe(offset);
  });

  it('reads fractional seconds to the millisecond', () => {
    expect(dt('2010-01-01T12:00:00.5Z').millisecond).toBe(500);
    expect(dt('2010-01-01T12:00:00.123456789+02:00').millisecond).toBe(123);
  });

  it('tolerates a bare date, marked as such', () => {
    expect(dt('2024-03-01')).toMatchObject({ year: 2024, month: 3, day: 1, hasTime: false });
  });

  it('reads 24:00:00 as the end of the day', () => {
    expect(epochMillis(dt('2024-03-01T24:00:00Z'))).toBe(Date.UTC(2024, 2, 2));
  });

  it.each([
    '2026-02-30T00:00:00',
    '2026-13-01T00:00:00',
    '2024-03-01T25:00:00',
    '2024-03-01T24:00:01',
    '2024-03-01T24:30:00',
    '2024-03-01T12:60:00',
    '2024-03-01T12:00:60',
    '2024-03-01T12:00',
    '2024-03-01 12:00:00',
    '2024-03-01T12:00:00+15:00',
    '2024-03-01T12:00:00+14:30',
    '2024-03-01T12:00:00+01:60',
    '2024-03-01T12:00:00+0100',
    '2024-03-01T12:00:00.Z',
    '2024-03-01T12:00:00.1234567890Z',
    '-2024-03-01T12:00:00',
    '12024-03-01T12:00:00',
    '20240301T120000',
    '1 Mar 2024',
    '',
  ])('refuses %j', (value) => {
    expect(parseXmlDateTime(value)).toBeUndefined();
  });
});

describe('ordering of bounds', () => {
  it('compares instants across timezones', () => {
    expect(isAfter(dt('2024-03-01T12:00:00+01:00'), dt('2024-03-01T11:30:00Z'))).toBe(false);
    expect(isAfter(dt('2024-03-01T12:00:00Z'), dt('2024-03-01T12:00:00+01:00'))).toBe(true);
  });

  it('accepts equal bounds', () => {
    expect(isAfter(dt('2024-03-01T12:00:00Z'), dt('2024-03-01T12:00:00Z'))).toBe(false);
  });

  it('reads a bare upper date as the whole day', () => {
    expect(isAfter(dt('2024-03-01T18:00:00'), dt('2024-03-01'))).toBe(false);
    expect(isAfter(dt('2024-03-02T00:00:00'), dt('2024-03-01'))).toBe(true);
  });

  it('leaves mixed timezone / no timezone undetermined within 14 hours', () => {
    expect(isAfter(dt('2024-03-01T20:00:00'), dt('2024-03-01T08:00:00Z'))).toBe(false);
    expect(isAfter(dt('2024-03-02T20:00:00'), dt('2024-03-01T08:00:00Z'))).toBe(true);
  });
});
