// Dates as the reader expects them (14/03/1958 in French), from the ISO dates of the domain.
// Read in UTC: a DICOM date has no time zone, and must not shift by a day at midnight.
import { isIsoDate } from '../../domain/federation/studyFilters';

export function formatIsoDate(iso: string | null, lang: string): string | null {
  if (iso === null || !isIsoDate(iso)) return null;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** Today in the browser's calendar, as the domain's filters want it. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
