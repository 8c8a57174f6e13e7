// Dates of a report in the user's language. The values are calendar facts (no time zone
// in the document we can trust), so they are formatted as UTC to show the digits as written.

export function formatReportDate(iso: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi] = m;
  const withTime = h !== undefined && mi !== undefined;
  const when = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)),
  );
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'UTC',
  }).format(when);
}
