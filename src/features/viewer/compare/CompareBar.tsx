// Compare mode's controls, above the views: what moves together (each a toggle), lining the
// studies up when their frames of reference differ (« Aligner », then the offset in mm,
// resettable), and leaving compare mode.
import { useTranslation } from 'react-i18next';
import type { SliceLink, SyncToggles } from './syncLinks';
import styles from './Compare.module.css';

export interface PriorSlices {
  /** 1 or 2. */
  prior: number;
  state: SliceLink;
  /** The recorded offset (mm), when lined up by the user. */
  offsetMm: number | null;
}

interface Props {
  toggles: SyncToggles;
  onToggle: (which: keyof SyncToggles, on: boolean) => void;
  slices: readonly PriorSlices[];
  /** Lines up every prior shown beside the active current view with it, as they stand. */
  onAlign: () => void;
  canAlign: boolean;
  onResetAlignment: (prior: number) => void;
}

const TOGGLES: readonly (keyof SyncToggles)[] = ['slice', 'voi', 'zoomPan', 'presentation'];

export function CompareBar(p: Props) {
  const { t, i18n } = useTranslation();
  const mm = (n: number) =>
    n.toLocaleString(i18n.language, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const unaligned = p.slices.some((s) => s.state === 'needsAlignment');
  return (
    <div
      className={styles.bar}
      role="region"
      aria-label={t('viewer.compare.barLabel')}
      data-testid="compare-bar"
    >
      <fieldset className={styles.barGroup}>
        <legend>{t('viewer.compare.sync.title')}</legend>
        {TOGGLES.map((which) => (
          <label key={which} className={styles.toggle}>
            <input
              type="checkbox"
              checked={p.toggles[which]}
              onChange={(e) => p.onToggle(which, e.target.checked)}
              data-testid={`sync-${which}`}
            />
            {t(`viewer.compare.sync.${which}`)}
          </label>
        ))}
      </fieldset>
      <div className={styles.barGroup}>
        <button
          type="button"
          className={styles.button}
          onClick={p.onAlign}
          disabled={!p.canAlign}
          title={t('viewer.compare.alignHelp')}
          data-testid="compare-align"
        >
          {t('viewer.compare.align')}
        </button>
        {p.slices.map((s) =>
          s.offsetMm !== null ? (
            <span key={s.prior} className={styles.barGroup}>
              <span className={styles.offset} data-testid={`compare-offset-${s.prior}`}>
                {t('viewer.compare.offset', { n: s.prior, mm: mm(s.offsetMm) })}
              </span>
              <button
                type="button"
                className={styles.button}
                onClick={() => p.onResetAlignment(s.prior)}
                aria-label={t('viewer.compare.resetOffsetLabel', { n: s.prior })}
                data-testid={`compare-reset-offset-${s.prior}`}
              >
                {t('viewer.compare.resetOffset')}
              </button>
            </span>
          ) : null,
        )}
        {unaligned && p.toggles.slice && (
          <span className={styles.note} role="status" data-testid="compare-needs-alignment">
            {t('viewer.compare.needsAlignment')}
          </span>
        )}
      </div>
    </div>
  );
}
