// What a feature showing sources' states (the study list, the viewer's priors panel) lets
// another feature (consent) put beside one source's state, without either importing the
// other: src/app passes the consent feature's function down as a render prop.
import type { ReactNode } from 'react';
import type { SourceStatus } from '../../domain/federation/sourceStatus';
import type { PatientIdentifier } from '../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../domain/publicConfig';

/** The patient whose studies the source was asked for. */
export interface SourceActionPatient {
  /** Every identifier known for them (the action picks those it sends, as the query does). */
  identifiers: readonly PatientIdentifier[];
  /** A name to show, when the page knows one. */
  label?: string | undefined;
}

export interface SourceActionContext {
  source: PublicSource;
  status: SourceStatus;
  /** Asks this source again (after a consent was recorded or withdrawn). */
  retry: () => void;
  patient: SourceActionPatient;
}

/**
 * Called while rendering, once per source; returns null for a source it has nothing to say
 * about. A plain function, not a component: it must call no hook itself (it returns an
 * element that may).
 */
export type RenderSourceAction = (context: SourceActionContext) => ReactNode;
