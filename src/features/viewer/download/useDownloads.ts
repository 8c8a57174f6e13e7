// The download steps shared by the viewer's menu and the study list's button: ask, confirm,
// record, save — and what to tell the user meanwhile.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureText } from '../../../lib/api/failureText';
import type { ViewportSnapshot } from '../../../lib/cornerstone/viewportSnapshot';
import { recordImageExport, studyDownloadUrl, type ImageFormat } from './downloadApi';
import type { PendingDownload } from './HealthDataDialog';
import { saveBlob, saveFromUrl } from './saveFile';

export type CaptureImage = (options: {
  type: 'image/png' | 'image/jpeg';
  annotations: boolean;
}) => Promise<ViewportSnapshot | null>;

export interface DownloadState {
  pending: PendingDownload | null;
  status: string | null;
  busy: boolean;
  ask: (download: PendingDownload) => void;
  cancel: () => void;
  confirm: () => void;
}

export function useDownloads(opts: {
  /** The study's sealed key (as the viewer's route has it), or a way to get one. */
  studyKey: string | (() => Promise<string>);
  captureImage?: CaptureImage;
  /** Says when a download has started (e.g. to close a menu). */
  onStarted?: () => void;
}): DownloadState {
  const { t } = useTranslation();
  const [pending, setPending] = useState<PendingDownload | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyOf = async () => (typeof opts.studyKey === 'string' ? opts.studyKey : opts.studyKey());

  const run = async (download: PendingDownload): Promise<void> => {
    setBusy(true);
    setStatus(t('download.status.preparing'));
    try {
      const studyKey = await keyOf();
      if (download.kind === 'study') {
        saveFromUrl(await studyDownloadUrl(studyKey), 'examen.zip');
      } else {
        const format: ImageFormat = download.format;
        const snapshot = await opts.captureImage?.({
          type: format === 'png' ? 'image/png' : 'image/jpeg',
          annotations: download.annotations,
        });
        if (!snapshot?.address) {
          setStatus(t('download.status.noImage'));
          return;
        }
        // Recorded first: an export the gateway refuses is never saved.
        await recordImageExport(studyKey, {
          format,
          annotations: download.annotations,
          seriesInstanceUID: snapshot.address.seriesInstanceUID,
          sopInstanceUID: snapshot.address.sopInstanceUID,
          source: snapshot.address.sourceId,
        });
        saveBlob(snapshot.blob, `image.${format === 'png' ? 'png' : 'jpg'}`);
      }
      setStatus(t('download.status.started'));
      opts.onStarted?.();
    } catch (err) {
      setStatus(t('download.status.failed', { message: failureText(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  return {
    pending,
    status,
    busy,
    ask: (download) => {
      setStatus(null);
      setPending(download);
    },
    cancel: () => setPending(null),
    confirm: () => {
      const download = pending;
      setPending(null);
      if (download) void run(download);
    },
  };
}
