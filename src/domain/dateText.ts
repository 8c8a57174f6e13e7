// Dates as a French (or English) reader expects them: the one place they are formatted.
// DICOM and report dates are calendar facts with no time zone: they are formatted in UTC,
// so the digits shown are the ones written and nothing shifts by a day at midnight. An
// instant (when a consent was given) is shown in the reader's own time zone.

function localeOf(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'fr-FR';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/** The moment in UTC, when `iso` is a real calendar date (2025-02-30 is not). */
function utcDate(iso: string): { at: Date; withTime: boolean } | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const withTime = h !== undefined && mi !== undefined;
  const at = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)),
  );
  if (at.getUTCFullYear() !== Number(y) || at.getUTCDate() !== Number(d)) return null;
  if (withTime && (at.getUTCHours() !== Number(h) || at.getUTCMinutes() !== Number(mi))) {
    return null;
  }
  return { at, withTime };
}

/** « 14/03/1958 » (the list's dates); null for a missing or impossible date. */
export function numericDate(iso: string | null, lang: string): string | null {
  const read = iso === null ? null : utcDate(iso);
  if (!read || read.withTime) return null;
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(read.at);
}

/**
 * « 14 mars 1958 », « 1er novembre 1971 »; with its time when the value has one
 * (`2026-03-14T10:05` → « 14 mars 2026 à 10:05 »). The text as given when it is no date.
 */
export function longDate(iso: string, lang: string): string {
  const read = utcDate(iso);
  if (!read) return iso;
  const text = new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: 'UTC',
    dateStyle: 'long',
    ...(read.withTime ? { timeStyle: 'short' as const } : {}),
  }).format(read.at);
  return lang === 'en' ? text : text.replace(/^1 /, '1er ');
}

/** « 14 mars 1958 », « 14 Mar 1958 »: a date where room is short (an image's overlay). */
export function mediumDate(iso: string | null, lang: string): string {
  const read = iso === null ? null : utcDate(iso);
  if (!read) return '';
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', dateStyle: 'medium' }).format(
    read.at,
  );
}

/**
 * An instant (`2026-11-27T09:05:00Z`) in the reader's time zone: « 27 novembre 2026 à
 * 10:05 ». The text as given if unreadable.
 */
export function instantText(iso: string, lang: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  // The language tag as it is: English instants have always read « November 27, 2026 at
  // 10:05 AM » on the consent pages, unlike the British calendar dates above.
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(at);
}

/** That day in the reader's calendar, as the domain's filters want it (YYYY-MM-DD). */
export function todayIso(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
