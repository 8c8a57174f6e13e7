// What a view drawing a derived object says beside it: over which series or alone, what was
// left out (frames on no slice, empty contours), and for a dose its isodose legend, maximum
// and the dose under the pointer.
import { useTranslation } from 'react-i18next';
import type { DerivedContent } from './derivedContent';
import { ISODOSE_COLOURS } from './paintOverlay';
import styles from './Derived.module.css';

interface Props {
  content: DerivedContent;
  /** The series it lies over; null when drawn alone. */
  over: string | null;
  /** Dose under the pointer: a number, 'outside' the grid, or null (no pointer). */
  probe: number | 'outside' | null;
}

export function DerivedInfo({ content, over, probe }: Props) {
  const { t, i18n } = useTranslation();
  const format = (n: number) =>
    n.toLocaleString(i18n.language, { maximumSignificantDigits: 4, minimumFractionDigits: 0 });
  const unit =
    content.kind === 'dose' && content.dose.units === 'GY'
      ? t('derived.dose.gy')
      : t('derived.dose.relative');
  return (
    <div className={styles.info} data-testid="derived-info">
      <p>
        {over !== null
          ? t('derived.over', { series: over })
          : t(`derived.alone.${content.kind === 'dose' ? 'dose' : 'segmentation'}`)}
      </p>
      {content.kind === 'segmentation' && content.unmatched > 0 && (
        <p role="status">{t('derived.unmatched', { count: content.unmatched })}</p>
      )}
      {content.kind === 'structureSet' && content.unplaced > 0 && (
        <p role="status">{t('derived.unplaced', { count: content.unplaced })}</p>
      )}
      {content.kind === 'structureSet' && content.set.emptyContours > 0 && (
        <p role="status">{t('derived.emptyContours', { count: content.set.emptyContours })}</p>
      )}
      {content.kind === 'dose' && (
        <>
          <p data-testid="dose-max" data-dose={content.max.dose}>
            {t('derived.dose.max', { dose: format(content.max.dose), unit })}
          </p>
          <p>{t('derived.dose.legend')}</p>
          <ul className={styles.legend}>
            {content.levels.map((level, i) => (
              <li key={level.percent}>
                <span
                  className={styles.swatch}
                  style={{ background: ISODOSE_COLOURS[i] }}
                  aria-hidden="true"
                />
                {t('derived.dose.level', {
                  percent: level.percent,
                  dose: format(level.dose),
                  unit,
                })}
              </li>
            ))}
          </ul>
          <p
            data-testid="dose-probe"
            data-dose={typeof probe === 'number' ? probe : ''}
            aria-live="polite"
          >
            {probe === 'outside'
              ? t('derived.dose.outside')
              : probe !== null
                ? t('derived.dose.probe', { dose: format(probe), unit })
                : ''}
          </p>
        </>
      )}
    </div>
  );
}
