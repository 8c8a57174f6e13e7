// An instance's address through the gateway's /dicomweb path (never a source's own URL):
// the gateway checks the token and the user's rights. Shared by the browser's frames and
// previews and by the gateway asking a preview ahead for a launch.

export interface InstanceAddress {
  sourceId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

export function instancePath(a: InstanceAddress): string {
  return (
    `/dicomweb/${encodeURIComponent(a.sourceId)}/studies/${a.studyInstanceUID}` +
    `/series/${a.seriesInstanceUID}/instances/${a.sopInstanceUID}`
  );
}
