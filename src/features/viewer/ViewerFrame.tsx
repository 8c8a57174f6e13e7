// The viewer's page: the images' workspace, and the study's report in a column beside it
// (below it on narrow screens). The report column is the route's, not the workspace's: it
// is filled while the first image's preview is on screen, before Cornerstone's code has
// run, and stays mounted when the workspace takes the preview's place: a text report (CDA,
// SR) is there with the preview, and a PDF is fetched meanwhile and shown once.
//
// A PDF's frame waits for the first image's view, though: starting the browser's PDF viewer
// costs about a second of CPU (its own processes). Measured on 2 cores (bench/viewer.ts,
// 5 cold runs), a PDF shown with the preview was on screen at 1.5 s but made the first
// interactive image a second later (3.7 s instead of 2.7 s), the viewer's code evaluating
// beside it. A source slow to give the first image does not hold the report back beyond
// PDF_MAX_HOLD_MS.
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import styles from './viewer.module.css';

const StudyReportPanel = lazy(() =>
  import('./reports/StudyReportPanel').then((m) => ({ default: m.StudyReportPanel })),
);

const PDF_MAX_HOLD_MS = 4000;

export interface ViewerFrameProps {
  sourceId: string;
  studyInstanceUID: string;
  accessToken: string;
  /** The first image's view has drawn, or said it cannot. */
  imagesSettled: boolean;
  children: ReactNode;
}

export function ViewerFrame({
  sourceId,
  studyInstanceUID,
  accessToken,
  imagesSettled,
  children,
}: ViewerFrameProps) {
  const [holdOver, setHoldOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setHoldOver(true), PDF_MAX_HOLD_MS);
    return () => clearTimeout(timer);
  }, []);
  // What let a PDF show, for the tests: the first view, or the time limit.
  const pdfHold = imagesSettled ? 'view-settled' : holdOver ? 'timed-out' : 'on';
  return (
    <div className={styles.frame}>
      {children}
      <aside className={styles.reportPanel} data-testid="report-slot" data-pdf-hold={pdfHold}>
        <Suspense fallback={null}>
          <StudyReportPanel
            sourceId={sourceId}
            studyInstanceUID={studyInstanceUID}
            accessToken={accessToken}
            pdfOnHold={pdfHold === 'on'}
          />
        </Suspense>
      </aside>
    </div>
  );
}
