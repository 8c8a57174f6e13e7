// A derived series' items in the series panel, under its entry: each segment or structure
// with its colour, a toggle and an opacity; for a dose, its wash and its isodose lines. The
// choices hold for every view drawing the series (overlayDisplay.ts).
import { useTranslation } from 'react-i18next';
import type { SeriesState } from '../session/seriesState';
import { segmentDisplay, setSegmentDisplay, useDisplayVersion } from './overlayDisplay';
import { ISODOSE_ITEM, WASH_ITEM } from './paintOverlay';
import styles from './Derived.module.css';

interface Item {
  number: number;
  label: string;
  colorRgb: [number, number, number] | null;
}

export function SegmentList({
  seriesInstanceUID,
  state,
}: {
  seriesInstanceUID: string;
  state: SeriesState | undefined;
}) {
  const { t } = useTranslation();
  useDisplayVersion();
  const content = state?.state === 'overlay' || state?.state === 'alone' ? state.derived : null;
  if (!content) return null;
  const items: Item[] =
    content.kind === 'segmentation'
      ? content.seg.segments.map((s) => ({
          number: s.number,
          label: s.label,
          colorRgb: s.colorRgb,
        }))
      : content.kind === 'structureSet'
        ? content.set.rois.map((r) => ({ number: r.number, label: r.name, colorRgb: r.colorRgb }))
        : [
            { number: WASH_ITEM, label: t('derived.wash'), colorRgb: null },
            { number: ISODOSE_ITEM, label: t('derived.isodoses'), colorRgb: null },
          ];
  const title =
    content.kind === 'structureSet'
      ? t('derived.rois')
      : content.kind === 'segmentation'
        ? t('derived.segments')
        : t('derived.kind.dose');
  return (
    <ul className={styles.items} aria-label={title} data-testid={`segments-${seriesInstanceUID}`}>
      {items.map((item) => {
        const display = segmentDisplay(seriesInstanceUID, item.number);
        return (
          <li key={item.number} className={styles.item}>
            <label>
              <input
                type="checkbox"
                checked={display.visible}
                aria-label={t('derived.show', { name: item.label })}
                onChange={(e) =>
                  setSegmentDisplay(seriesInstanceUID, item.number, { visible: e.target.checked })
                }
                data-testid={`segment-toggle-${seriesInstanceUID}-${item.number}`}
              />
              {item.colorRgb && (
                <span
                  className={styles.swatch}
                  style={{ background: `rgb(${item.colorRgb.join(',')})` }}
                  aria-hidden="true"
                />
              )}
              <span>{item.label}</span>
            </label>
            {item.number !== ISODOSE_ITEM && (
              <input
                type="range"
                min={0}
                max={100}
                value={Math.round(display.opacity * 100)}
                aria-label={t('derived.opacity', { name: item.label })}
                onChange={(e) =>
                  setSegmentDisplay(seriesInstanceUID, item.number, {
                    opacity: Number(e.target.value) / 100,
                  })
                }
                data-testid={`segment-opacity-${seriesInstanceUID}-${item.number}`}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
