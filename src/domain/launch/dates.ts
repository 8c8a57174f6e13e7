// The date forms launches carry: DICOM DA (`YYYYMMDD`, IID's patientBirthDate), FHIR date
// (`YYYY-MM-DD`, the contextual call's birthDate) and XML Schema dateTime (IID's date
// bounds). Each is checked against the calendar, not just its pattern: a DPI that sends
// 30 February has a bug worth reporting rather than a date worth rounding.

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface XmlDateTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** False for the bare `YYYY-MM-DD` tolerated in place of a dateTime. */
  hasTime: boolean;
  /** Offset from UTC in minutes; null when the value named no timezone. */
  offsetMinutes: number | null;
}

/** Launches are about living patients and existing studies, not pre-industrial archives. */
const MIN_YEAR = 1800;

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > 9999) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return Number.isInteger(day) && day >= 1 && day <= days;
}

function calendarDate(year: string, month: string, day: string): CalendarDate | undefined {
  const date = { year: Number(year), month: Number(month), day: Number(day) };
  return isCalendarDate(date.year, date.month, date.day) ? date : undefined;
}

export function parseDicomDate(value: string): CalendarDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return m ? calendarDate(m[1] ?? '', m[2] ?? '', m[3] ?? '') : undefined;
}

export function parseIsoDate(value: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? calendarDate(m[1] ?? '', m[2] ?? '', m[3] ?? '') : undefined;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function toDicomDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}${pad(date.month, 2)}${pad(date.day, 2)}`;
}

export function toIsoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

const XML_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * XML Schema dateTime, with or without timezone and fractional seconds; `24:00:00` is the
 * end of the day as the schema allows. A bare date is tolerated (its meaning as a bound is
 * plain), four-digit years only.
 */
export function parseXmlDateTime(value: string): XmlDateTime | undefined {
  const m = XML_DATE_TIME.exec(value);
  if (!m) return undefined;
  const date = calendarDate(m[1] ?? '', m[2] ?? '', m[3] ?? '');
  if (!date) return undefined;
  const hasTime = m[4] !== undefined;
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const fraction = m[7] ?? '';
  if (minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(fraction)))) {
    return undefined;
  }
  const offsetMinutes = parseOffset(m[8]);
  if (offsetMinutes === undefined) return undefined;
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
  return { ...date, hour, minute, second, millisecond, hasTime, offsetMinutes };
}

function parseOffset(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  if (text === 'Z') return 0;
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  if (minutes > 59 || hours > 14 || (hours === 14 && minutes > 0)) return undefined;
  const magnitude = hours * 60 + minutes;
  // `-00:00` is UTC too; no negative zero leaking into comparisons or output.
  return text.startsWith('-') && magnitude > 0 ? -magnitude : magnitude;
}

const DAY_MS = 86_400_000;
/** The widest timezone offset XML Schema allows, in milliseconds. */
const MAX_OFFSET_MS = 14 * 3_600_000;

/**
 * Milliseconds since the epoch of the value's instant, reading a missing timezone as UTC.
 * A bare date used as an upper bound stands for the whole day, hence `edge`.
 */
export function epochMillis(dt: XmlDateTime, edge: 'start' | 'end' = 'start'): number {
  const local = Date.UTC(
    dt.year,
    dt.month - 1,
    dt.day,
    dt.hour,
    dt.minute,
    dt.second,
    dt.millisecond,
  );
  const wholeDay = !dt.hasTime && edge === 'end' ? DAY_MS - 1 : 0;
  return local + wholeDay - (dt.offsetMinutes ?? 0) * 60_000;
}

/**
 * Whether `lower` comes after `upper`. When only one of them names a timezone XML Schema
 * leaves the order undetermined within ±14 h; only a certain inversion counts.
 */
export function isAfter(lower: XmlDateTime, upper: XmlDateTime): boolean {
  const diff = epochMillis(lower, 'start') - epochMillis(upper, 'end');
  const mixed = (lower.offsetMinutes === null) !== (upper.offsetMinutes === null);
  return mixed ? diff > MAX_OFFSET_MS : diff > 0;
}
