// A French CDA report ("compte rendu d'imagerie"): its header facts, then its sections.
import { useTranslation } from 'react-i18next';
import type { CdaReport, CdaSection } from '../../../domain/reports/cdaNarrative';
import { Nodes } from './NarrativeView';
import { longDate } from '../../../domain/dateText';
import styles from './StudyReportPanel.module.css';

function Section({ section, level }: { section: CdaSection; level: number }) {
  const { t } = useTranslation();
  const Heading = `h${Math.min(level, 6)}` as 'h3';
  return (
    <section className={styles.cdaSection}>
      <Heading className={styles.sectionTitle}>
        {section.title || t('reports.untitledSection')}
      </Heading>
      {section.narrative.length > 0 ? (
        <div className={styles.narrative}>
          <Nodes nodes={section.narrative} />
        </div>
      ) : (
        section.sections.length === 0 && (
          <p className={styles.muted}>{t('reports.emptyNarrative')}</p>
        )
      )}
      {section.sections.map((child, i) => (
        <Section key={i} section={child} level={level + 1} />
      ))}
    </section>
  );
}

export function CdaReportView({ report }: { report: CdaReport }) {
  const { t, i18n } = useTranslation();
  const patient =
    report.patientName && report.patientBirthDate
      ? t('reports.facts.bornOn', {
          name: report.patientName,
          date: longDate(report.patientBirthDate, i18n.language),
        })
      : report.patientName;
  const facts: [string, string][] = [
    [
      t('reports.facts.date'),
      report.effectiveTime ? longDate(report.effectiveTime, i18n.language) : '',
    ],
    [t('reports.facts.author'), report.authors.join(', ')],
    [t('reports.facts.organization'), report.organization],
    [t('reports.facts.patient'), patient],
  ];
  return (
    <article className={styles.document} data-testid="report-cda" lang="fr">
      {report.title && <h3 className={styles.documentTitle}>{report.title}</h3>}
      <dl className={styles.facts}>
        {facts
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {report.sections.map((section, i) => (
        <Section key={i} section={section} level={4} />
      ))}
    </article>
  );
}
