// An encapsulated PDF shown by the browser's own PDF viewer, from a blob: URL made from the
// checked bytes (typed application/pdf whatever the source claimed, so it can never be
// run as a page of this origin), plus a download link for phones and locked-down browsers.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './StudyReportPanel.module.css';

function useObjectUrl(bytes: Uint8Array, type: string): string | null {
  const [state, setState] = useState<{ bytes: Uint8Array; url: string } | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([bytes.slice()], { type }));
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the URL is an external resource made here and revoked below
    setState({ bytes, url });
    return () => URL.revokeObjectURL(url);
  }, [bytes, type]);
  return state?.bytes === bytes ? state.url : null;
}

/**
 * `onHold`: the document is here but its frame waits for the images — starting the
 * browser's PDF viewer takes about a second of CPU (domain/viewer/reportTiming.ts). The
 * reader can have it at once, and the download link works meanwhile.
 */
export function PdfReportView({
  pdf,
  onHold = false,
  onShowNow,
}: {
  pdf: Uint8Array;
  onHold?: boolean;
  onShowNow?: () => void;
}) {
  const { t } = useTranslation();
  const url = useObjectUrl(pdf, 'application/pdf');
  if (url === null) return null;
  return (
    <div className={styles.pdf}>
      {onHold ? (
        <p className={styles.muted} role="status" data-testid="report-pdf-on-hold">
          {t('reports.pdfOnHold')}{' '}
          {onShowNow && (
            <button type="button" className={styles.showNow} onClick={onShowNow}>
              {t('reports.pdfShowNow')}
            </button>
          )}
        </p>
      ) : (
        <>
          <iframe
            className={styles.pdfFrame}
            src={url}
            title={t('reports.pdfFrameTitle')}
            data-testid="report-pdf-frame"
          />
          <p className={styles.muted}>{t('reports.pdfHint')}</p>
        </>
      )}
      <a
        className={styles.download}
        href={url}
        download="compte-rendu.pdf"
        data-testid="report-download"
      >
        {t('reports.download')}
      </a>
    </div>
  );
}
