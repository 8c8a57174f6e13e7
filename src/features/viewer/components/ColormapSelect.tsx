// The colour map of a PET or NM view, chosen from the toolbar: inverted grey, grey, hot iron,
// rainbow (domain/viewer/nuclearDisplay.ts). A labelled native select: keyboard and screen
// readers get it as any other field, and it fits a phone's toolbar.
import { useTranslation } from 'react-i18next';
import { NUCLEAR_COLORMAPS, type NuclearColormap } from '../../../domain/viewer/nuclearDisplay';
import styles from '../viewer.module.css';

interface Props {
  value: NuclearColormap;
  onChange: (id: NuclearColormap) => void;
}

export function ColormapSelect({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <label className={styles.toolField} data-tip={t('nuclear.colormap')} data-overflow="">
      <span className={styles.visuallyHidden}>{t('nuclear.colormap')}</span>
      <select
        className={styles.presetSelect}
        value={value}
        onChange={(e) => {
          const id = NUCLEAR_COLORMAPS.find((c) => c === e.target.value);
          if (id) onChange(id);
        }}
        data-testid="colormap-select"
      >
        {NUCLEAR_COLORMAPS.map((id) => (
          <option key={id} value={id}>
            {t(`nuclear.colormaps.${id}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
