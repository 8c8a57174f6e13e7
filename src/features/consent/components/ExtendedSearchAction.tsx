import type { ReactNode } from 'react';
import {
  RegionalConsentControl,
  type ConsentPatient,
  type SourceLike,
} from './RegionalConsentControl';

/**
 * The study list's action for a consent-gated source: « Recherche étendue » while the
 * source waits for consent; once it answers, the consent's end date and one-click
 * withdrawal. Other sources get nothing.
 */
export function extendedSearchAction(patient: ConsentPatient) {
  return function renderExtendedSearch(
    source: SourceLike,
    status: { kind: string },
    retry: () => void,
  ): ReactNode {
    if (source.kind !== 'regional') return null;
    return (
      <RegionalConsentControl patient={patient} source={source} state={status.kind} retry={retry} />
    );
  };
}
