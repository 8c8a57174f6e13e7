// What the gateway asked ahead for a launched study, at the launch's claim
// (server/launch/claimLookup.ts): one source's series list and the first series' preview
// request, handed from the launch page to the viewer it opens so that the viewer does not
// wait for those round trips again. Like the values of opaqueKeys.ts: in this page's memory
// only (patient data never goes to sessionStorage or localStorage), gone with the session,
// and taken once — a reload or a second opening asks the sources as always.
import type { StudyAhead } from '../../domain/viewer/studySeries';
import { onLogout } from '../auth/onLogout';

/** A launch opens one study; a few are room enough for launches opened and never viewed. */
const MAX_REMEMBERED = 4;

const remembered = new Map<string, StudyAhead>();
onLogout(() => remembered.clear());

export function rememberStudyAhead(studyKey: string, ahead: StudyAhead): void {
  remembered.delete(studyKey);
  remembered.set(studyKey, ahead);
  for (const oldest of remembered.keys()) {
    if (remembered.size <= MAX_REMEMBERED) break;
    remembered.delete(oldest);
  }
}

/** What was remembered for this study key, forgotten as it is taken. */
export function takeStudyAhead(studyKey: string): StudyAhead | undefined {
  const ahead = remembered.get(studyKey);
  remembered.delete(studyKey);
  return ahead;
}
