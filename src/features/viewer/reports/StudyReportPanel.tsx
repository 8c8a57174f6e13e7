// The study's report beside its images: found through the gateway, shown as the PDF, the
// CDA narrative or the SR content it is. Whatever fails here stays in this panel — the
// images keep working.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { ReportObject } from '../../../domain/reports/reportObjects';
import { isEmptyReport } from '../../../domain/reports/srContent';
import { GatewayError } from '../../../lib/api/gatewayError';
import { CdaReportView } from './CdaReportView';
import { fetchReportContent, type ReportContent } from './fetchReportDocument';
import { findStudyReports } from './findStudyReports';
import { PdfReportView } from './PdfReportView';
import { longDate } from '../../../domain/dateText';
import { StructuredReportView } from './StructuredReportView';
import styles from './StudyReportPanel.module.css';

export interface StudyReportPanelProps {
  sourceId: string;
  studyInstanceUID: string;
  /** The study's series kept for its patient: reports elsewhere under the UID are not theirs. */
  seriesUIDs?: readonly string[] | undefined;
  /** Whom a report must name to be shown. */
  patient?: readonly PatientIdentifier[] | undefined;
  /** A PDF report's frame waits while this is true (PdfReportView.tsx)… */
  pdfOnHold?: boolean;
  /** …unless the reader asks for it. */
  onShowPdf?: () => void;
}

/** The French sentence for a failure: a source's reason when there is one, else "unreadable". */
function useFailureText(): (error: unknown, key: 'search' | 'document') => string {
  const { t } = useTranslation();
  return (error, key) => {
    if (error instanceof GatewayError) {
      const reason = t(`failure.${error.reason}`);
      return t(`reports.error.${key}`, { reason });
    }
    return t('reports.error.unreadable');
  };
}

function useReportLabel(): (report: ReportObject) => string {
  const { t, i18n } = useTranslation();
  return (report) => {
    const title = report.title || t(`reports.kind.${report.kind}`);
    return report.date
      ? t('reports.dated', { title, date: longDate(report.date, i18n.language) })
      : title;
  };
}

function ReportContentView({
  content,
  props,
}: {
  content: ReportContent;
  props: StudyReportPanelProps;
}) {
  switch (content.kind) {
    case 'pdf':
      return (
        <PdfReportView pdf={content.pdf} onHold={props.pdfOnHold} onShowNow={props.onShowPdf} />
      );
    case 'cda':
      return <CdaReportView report={content.report} />;
    case 'sr':
      return <StructuredReportView report={content.report} empty={isEmptyReport(content.report)} />;
  }
}

function OneReport({ report, props }: { report: ReportObject; props: StudyReportPanelProps }) {
  const { t } = useTranslation();
  const failureText = useFailureText();
  const { sourceId, studyInstanceUID } = props;
  const content = useQuery({
    queryKey: ['studyReport', sourceId, studyInstanceUID, report.sopInstanceUID],
    queryFn: ({ signal }) => fetchReportContent(report, props, signal),
  });

  if (content.isPending) {
    return (
      <p className={styles.muted} role="status" data-state="loading" data-testid="report-state">
        {t('reports.loadingDocument')}
      </p>
    );
  }
  if (content.isError) {
    return (
      <div className={styles.error} role="alert" data-state="error" data-testid="report-state">
        <p>{failureText(content.error, 'document')}</p>
        <button type="button" onClick={() => void content.refetch()}>
          {t('reports.error.retry')}
        </button>
      </div>
    );
  }
  return (
    <div data-state="ready" data-kind={report.kind} data-testid="report-state">
      <ReportContentView content={content.data} props={props} />
    </div>
  );
}

export function StudyReportPanel(props: StudyReportPanelProps) {
  const { sourceId, studyInstanceUID } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const failureText = useFailureText();
  const reportLabel = useReportLabel();
  const [chosen, setChosen] = useState<string | null>(null);

  const search = useQuery({
    queryKey: [
      'studyReports',
      sourceId,
      studyInstanceUID,
      props.seriesUIDs ?? null,
      JSON.stringify(props.patient ?? []),
    ],
    queryFn: ({ signal }) => findStudyReports(props, signal),
  });

  let body;
  let state: string;
  if (search.isPending) {
    state = 'searching';
    body = <p className={styles.muted}>{t('reports.searching')}</p>;
  } else if (search.isError) {
    state = 'error';
    body = (
      <div className={styles.error} role="alert">
        <p>{failureText(search.error, 'search')}</p>
        <button type="button" onClick={() => void search.refetch()}>
          {t('reports.error.retry')}
        </button>
      </div>
    );
  } else if (search.data.length === 0) {
    state = 'none';
    body = <p>{t('reports.none')}</p>;
  } else {
    state = 'found';
    const reports = search.data;
    const current = reports.find((r) => r.sopInstanceUID === chosen) ?? reports[0];
    body = (
      <>
        {reports.length > 1 && (
          <nav aria-label={t('reports.several')}>
            <ul className={styles.choices}>
              {reports.map((r) => (
                <li key={r.sopInstanceUID}>
                  <button
                    type="button"
                    aria-pressed={r === current}
                    onClick={() => setChosen(r.sopInstanceUID)}
                  >
                    {reportLabel(r)}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {current && (
          <>
            {reports.length === 1 && <p className={styles.muted}>{reportLabel(current)}</p>}
            <OneReport key={current.sopInstanceUID} report={current} props={props} />
          </>
        )}
      </>
    );
  }

  return (
    <section
      className={styles.panel}
      aria-labelledby={headingId}
      aria-busy={search.isPending}
      data-testid="report-panel"
      data-state={state}
    >
      <h2 id={headingId} className={styles.title}>
        {t('reports.title')}
      </h2>
      {/* One live region for the whole panel: searching, found, none or failed is announced. */}
      <div aria-live="polite">{body}</div>
    </section>
  );
}
