// The strip above a view in a comparison: which study it shows, in words (« Actuel »,
// « Antérieur 1 ») and by its date, with a colour that doubles the words (never alone: the
// words say it to a screen reader and to a colour-blind reader alike); the protocol's name
// for the place (« RCC »); and, on a prior's view, the menu that re-pairs it with another of
// the prior's series — the keyboard's way to do what dragging a series onto it does.
import { useTranslation } from 'react-i18next';
import type { SeriesSummary } from '../../../domain/viewer/firstSeries';
import styles from './Compare.module.css';

export type StudyTone = 'current' | 'prior1' | 'prior2';

interface Props {
  tone: StudyTone;
  /** « Actuel — 12/03/2026 », as the workspace words it. */
  title: string;
  /** The protocol's name for this place, already in words. */
  place: string | null;
  /** A prior's series, to choose the one shown here. */
  choices?: {
    series: readonly SeriesSummary[];
    value: string | null;
    onChange: (seriesInstanceUID: string) => void;
  };
  testId: string;
}

export function PaneHeader({ tone, title, place, choices, testId }: Props) {
  const { t } = useTranslation();
  return (
    <header className={styles.paneHeader} data-tone={tone} data-testid={`${testId}-header`}>
      <span className={styles.toneMark} aria-hidden="true" />
      <span className={styles.paneTitle} data-testid={`${testId}-title`}>
        {title}
      </span>
      {place && <span className={styles.place}>{place}</span>}
      {choices && (
        <label className={styles.seriesMenu}>
          <span className={styles.visuallyHidden}>{t('viewer.compare.seriesMenu', { title })}</span>
          <select
            value={choices.value ?? ''}
            onChange={(e) => {
              if (e.target.value) choices.onChange(e.target.value);
            }}
            data-testid={`${testId}-series-menu`}
          >
            {choices.value === null && <option value="">{t('viewer.compare.noPairShort')}</option>}
            {choices.series.map((s) => (
              <option key={s.seriesInstanceUID} value={s.seriesInstanceUID}>
                {t('viewer.series.item', {
                  number: s.seriesNumber ?? '—',
                  modality: s.modality || '—',
                  description: s.description || t('viewer.series.noDescription'),
                })}
              </option>
            ))}
          </select>
        </label>
      )}
    </header>
  );
}
