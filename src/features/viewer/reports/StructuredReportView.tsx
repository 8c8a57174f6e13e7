// A DICOM structured report's text content as an indented list: "concept: value", nested.
import { useTranslation } from 'react-i18next';
import type { SrDocument, SrItem, SrValue } from '../../../domain/reports/srContent';
import { longDate } from '../../../domain/dateText';
import styles from './StudyReportPanel.module.css';

function useValueText(): (value: SrValue) => string {
  const { t, i18n } = useTranslation();
  return (value) => {
    switch (value.kind) {
      case 'none':
        return '';
      case 'text':
        return value.text;
      case 'code':
        return value.meaning;
      case 'number':
        return value.units ? `${value.value} ${value.units}` : value.value;
      case 'date':
        return longDate(value.iso, i18n.language);
      case 'time':
        return value.text;
      case 'person':
        return value.name;
      case 'uid':
        return value.uid;
      case 'reference':
        return t('reports.sr.references', { count: value.count });
      case 'coordinates':
        return t('reports.sr.coordinates');
    }
  };
}

function Items({ items }: { items: readonly SrItem[] }) {
  const valueText = useValueText();
  return (
    <ul className={styles.srList}>
      {items.map((item, i) => {
        const value = valueText(item.value);
        const isLongText = item.value.kind === 'text' && value.length > 80;
        return (
          <li key={i} data-value-type={item.valueType}>
            {item.label && (
              <span className={item.valueType === 'CONTAINER' ? styles.srHeading : styles.srLabel}>
                {item.label}
                {value !== '' && ' : '}
              </span>
            )}
            {value !== '' &&
              (isLongText ? <p className={styles.srText}>{value}</p> : <span>{value}</span>)}
            {item.children.length > 0 && <Items items={item.children} />}
          </li>
        );
      })}
    </ul>
  );
}

export function StructuredReportView({ report, empty }: { report: SrDocument; empty: boolean }) {
  const { t } = useTranslation();
  const flags: string[] = [];
  if (report.verification === 'VERIFIED') flags.push(t('reports.sr.verified'));
  if (report.verification === 'UNVERIFIED') flags.push(t('reports.sr.unverified'));
  if (report.completion === 'PARTIAL') flags.push(t('reports.sr.partial'));
  return (
    <article className={styles.document} data-testid="report-sr">
      {report.title && <h3 className={styles.documentTitle}>{report.title}</h3>}
      {flags.length > 0 && <p className={styles.muted}>{flags.join(' · ')}</p>}
      {empty ? <p>{t('reports.sr.empty')}</p> : <Items items={report.items} />}
      {report.truncated && <p className={styles.muted}>{t('reports.sr.truncated')}</p>}
    </article>
  );
}
