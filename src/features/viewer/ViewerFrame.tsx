// The viewer's page: the images' workspace, and the study's report in a column beside it
// (below it on narrow screens). The report column is the route's, not the workspace's: it
// is filled while the first image's preview is on screen, before Cornerstone's code has
// run, and stays mounted when the workspace takes the preview's place: a text report (CDA,
// SR) is there with the preview, and a PDF is fetched meanwhile and shown once.
//
// The report's requests wait for the first series' metadata, though: asked beside it they
// slowed it at the gateway and the source, and the first image came 0.25 s later (bench,
// cold: 0.94-1.17 s against 0.70 s).
//
// When a PDF's frame appears depends on who reads (domain/viewer/reportTiming.ts): at once
// for a GP or a patient; for a specialist once the first series is in, when asked, or
// after PDF_MAX_HOLD_MS — a slow source does not keep the report back for long.
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { PatientIdentifier } from '../../domain/identity/patientIdentifier';
import type { ReportTiming } from '../../domain/viewer/reportTiming';
import styles from './viewer.module.css';

const loadPanel = () => import('./reports/StudyReportPanel');
const StudyReportPanel = lazy(() => loadPanel().then((m) => ({ default: m.StudyReportPanel })));

const PDF_MAX_HOLD_MS = 8000;

export interface ViewerFrameProps {
  sourceId: string;
  studyInstanceUID: string;
  /** The series kept for the patient: a report elsewhere under the UID is not theirs. */
  seriesUIDs: readonly string[];
  patient?: readonly PatientIdentifier[] | undefined;
  reportTiming: ReportTiming;
  /** The report's requests may start. */
  reportStarts: boolean;
  /** The first series is in, or has nothing to load (ViewerWorkspace's onImagesIn). */
  imagesIn: boolean;
  children: ReactNode;
}

export function ViewerFrame({
  sourceId,
  studyInstanceUID,
  seriesUIDs,
  patient,
  reportTiming,
  reportStarts,
  imagesIn,
  children,
}: ViewerFrameProps) {
  const [asked, setAsked] = useState(false);
  const [holdOver, setHoldOver] = useState(false);
  useEffect(() => {
    // The panel's code is fetched meanwhile, ready to run when its requests may start.
    void loadPanel();
    const timer = setTimeout(() => setHoldOver(true), PDF_MAX_HOLD_MS);
    return () => clearTimeout(timer);
  }, []);
  // What let a PDF show (said in the DOM for the tests).
  const pdfHold =
    reportTiming === 'at-once'
      ? 'none'
      : imagesIn
        ? 'images-in'
        : asked
          ? 'asked'
          : holdOver
            ? 'timed-out'
            : 'on';
  return (
    <div className={styles.frame}>
      {/* The page's main landmark: the viewer has no app header around it (Layout's). */}
      <main id="main" className={styles.frameMain}>
        {children}
      </main>
      <aside className={styles.reportPanel} data-testid="report-slot" data-pdf-hold={pdfHold}>
        <Suspense fallback={null}>
          {reportStarts && (
            <StudyReportPanel
              sourceId={sourceId}
              studyInstanceUID={studyInstanceUID}
              seriesUIDs={seriesUIDs}
              patient={patient}
              pdfOnHold={pdfHold === 'on'}
              onShowPdf={() => setAsked(true)}
            />
          )}
        </Suspense>
      </aside>
    </div>
  );
}
