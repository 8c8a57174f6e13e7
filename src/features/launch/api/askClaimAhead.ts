// The first image's two requests, asked as soon as a claim names them (its lookup's first
// series and preview request, server/launch/claimLookup.ts): on the way in, the answer
// comes while the app's modules still run and the viewer's route renders, and the viewer's
// own requests then find them already answered (lib/api/gatewayClient.ts askAhead). The
// requests are the viewer's very own — same paths, same token, traced by the gateway.
import { readStudyTarget } from '../../../domain/viewer/studyKey';
import { gateway } from '../../../lib/api/gatewayClient';
import { PREVIEW_ACCEPT, previewPath } from '../../../domain/viewer/previewPath';
import { sourcePath } from '../../../lib/api/sourcePath';
import { askPreviewAhead } from '../../../lib/launchPreview/previewAhead';
import type { ClaimLookup } from './claimLaunch';

/** The preview asked in the launch's worker: its GET, and its bitmap (the caller closes it). */
export interface PreviewAskedAhead {
  path: string;
  bitmap: Promise<ImageBitmap | null>;
}

/** Returns the preview when it was asked in the worker: the launch draws it at once. */
export function askClaimAhead(study: ClaimLookup['study']): PreviewAskedAhead | undefined {
  const target = study ? readStudyTarget(study.value) : null;
  const sourceId = study?.series?.sourceId;
  const first = study?.first;
  if (!target || !sourceId || !first?.preview) return undefined;
  const address = {
    sourceId,
    studyInstanceUID: target.studyInstanceUID,
    seriesInstanceUID: first.seriesInstanceUID,
  };
  const preview = previewPath(address, first.preview);
  const bitmap = askPreviewAhead(preview, PREVIEW_ACCEPT);
  if (!bitmap) gateway.askAhead(preview, PREVIEW_ACCEPT);
  gateway.askAhead(
    sourcePath(
      sourceId,
      `studies/${address.studyInstanceUID}/series/${address.seriesInstanceUID}/metadata`,
    ),
    'application/dicom+json',
  );
  return bitmap ? { path: preview, bitmap } : undefined;
}
