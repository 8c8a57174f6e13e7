// The short reason beside each prior (« même examen, 2 ans avant »): the ranking's group and
// its distance in time, in the reader's language (`viewer.priors.*` in the locale files).
import type { TFunction } from 'i18next';
import type { PriorInterval, RankedPrior } from '../../../domain/viewer/priors';

export function intervalText(t: TFunction, interval: PriorInterval): string {
  const { direction, years, months, days } = interval;
  if (direction === 'sameDay' || direction === 'undated') {
    return t(`viewer.priors.interval.${direction}`);
  }
  if (years > 0) return t(`viewer.priors.interval.${direction}.years`, { count: years });
  if (months > 0) return t(`viewer.priors.interval.${direction}.months`, { count: months });
  return t(`viewer.priors.interval.${direction}.days`, { count: days });
}

export function priorReason(t: TFunction, prior: Pick<RankedPrior, 'match' | 'interval'>): string {
  return t('viewer.priors.reason', {
    match: t(`viewer.priors.match.${prior.match}`),
    interval: intervalText(t, prior.interval),
  });
}
