// From a parsed launch to what the viewer opens. Date bounds become DICOM dates (StudyDate
// matching is by day): an XML dateTime with a timezone is an instant, shown as the civil
// date in the region's zone (Europe/Paris unless told otherwise), because StudyDate is the
// acquiring site's local date; one without a timezone is already local and keeps its date.
// Bounds are widened to whole days, never narrowed: an extra study of the same day costs a
// line in a list, a missing one could cost a diagnosis.

import type { ContextualLaunch } from './contextualCall';
import { epochMillis, type XmlDateTime } from './dates';
import type { IidRequest } from './iid';
import type { ViewHints } from './iidFields';

export interface PatientKey {
  id: string;
  issuer: string;
}

export interface StudyFilters {
  modalities: string[];
  /** YYYYMMDD, inclusive. */
  from?: string;
  /** YYYYMMDD, inclusive. */
  to?: string;
  mostRecent?: number;
}

export type LaunchTarget =
  | {
      view: 'study';
      studyUids: string[];
      accessionNumbers: string[];
      patient?: PatientKey;
      /** The calling site's own number for the patient, when the launch gave one. */
      localPatient?: PatientKey;
      hints: ViewHints;
    }
  | {
      view: 'patientStudies';
      patient: PatientKey;
      localPatient?: PatientKey;
      filters: StudyFilters;
      hints: ViewHints;
    };

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const key = (p: PatientKey): PatientKey => ({ id: p.id, issuer: p.issuer });

export function targetOfIid(request: IidRequest, timeZone = DEFAULT_TIME_ZONE): LaunchTarget {
  if (request.kind === 'STUDY') {
    const target: LaunchTarget = {
      view: 'study',
      studyUids: [...request.studyUids],
      accessionNumbers: [...request.accessionNumbers],
      hints: { ...request.hints },
    };
    if (request.patient) target.patient = key(request.patient);
    return target;
  }
  const filters: StudyFilters = { modalities: [...(request.modalitiesInStudy ?? [])] };
  let from = request.lowerDateTime && dicomDateOf(request.lowerDateTime, timeZone);
  let to = request.upperDateTime && dicomDateOf(request.upperDateTime, timeZone);
  // Bounds an XML Schema comparison could not order may land a day apart the wrong way.
  if (from && to && from > to) [from, to] = [to, from];
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (request.mostRecentResults !== undefined) filters.mostRecent = request.mostRecentResults;
  return {
    view: 'patientStudies',
    patient: key(request.patient),
    filters,
    hints: { ...request.hints },
  };
}

export function targetOfContextualCall(launch: ContextualLaunch): LaunchTarget {
  const patient = { id: launch.ins.value, issuer: launch.ins.system };
  const localPatient = key(launch.localPatient);
  if (launch.studyUids.length > 0 || launch.accessionNumbers.length > 0) {
    return {
      view: 'study',
      studyUids: [...launch.studyUids],
      accessionNumbers: [...launch.accessionNumbers],
      patient,
      localPatient,
      hints: {},
    };
  }
  return {
    view: 'patientStudies',
    patient,
    localPatient,
    filters: { modalities: [...launch.modalities] },
    hints: {},
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The civil date (YYYYMMDD) of a bound; throws RangeError for an unknown `timeZone`. */
export function dicomDateOf(dt: XmlDateTime, timeZone = DEFAULT_TIME_ZONE): string {
  if (dt.offsetMinutes === null) {
    // Through Date.UTC so that 24:00:00 rolls over to the next day as XML Schema means.
    const local = new Date(epochMillis(dt));
    return `${pad(local.getUTCFullYear(), 4)}${pad(local.getUTCMonth() + 1, 2)}${pad(local.getUTCDate(), 2)}`;
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(epochMillis(dt)));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}${part('month')}${part('day')}`;
}
