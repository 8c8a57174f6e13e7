import type { ReactNode } from 'react';
import type { SourceActionContext } from '../../../lib/federation/sourceAction';
import { RegionalConsentControl } from './RegionalConsentControl';

/**
 * The consent feature's action beside a consent-gated source's state, wherever a page shows
 * one (the study list, the viewer's priors panel; src/app passes it down as
 * `renderSourceAction`): « Recherche étendue » while the source waits for consent; once it
 * answers, the consent's end date and one-click withdrawal. Other sources get nothing.
 */
export function extendedSearchAction({
  source,
  status,
  retry,
  patient,
}: SourceActionContext): ReactNode {
  if (source.kind !== 'regional') return null;
  return (
    <RegionalConsentControl patient={patient} source={source} state={status.kind} retry={retry} />
  );
}
