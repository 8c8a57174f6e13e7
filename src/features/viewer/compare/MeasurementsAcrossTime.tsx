// The small list of measurements across time, in compare mode: each length or ROI made on
// today's study beside the same kind made on a prior, with the change in its unit and in per
// cent (domain/viewer/measurementDelta.ts) — « 6,0 mm → 8,0 mm : +2,0 mm (+33 %) ». The user
// measures on each study; nothing is carried over from one to the other.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { measurementChange } from '../../../domain/viewer/measurementDelta';
import { pairMeasurements, type StudyMeasurement } from './measurementPairs';
import styles from './Compare.module.css';

interface Props {
  measurements: readonly StudyMeasurement[];
  /** ISO dates of the studies (0 current, 1–2 priors), for the change's context. */
  studyDates: readonly (string | null)[];
}

export function MeasurementsAcrossTime({ measurements, studyDates }: Props) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const pairs = pairMeasurements(measurements, chosen);
  const format = (n: number, digits = 1) =>
    n.toLocaleString(i18n.language, {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    });
  const signed = (n: number, digits = 1) =>
    `${n > 0 ? '+' : n < 0 ? '−' : '±'}${format(Math.abs(n), digits)}`;
  const valueText = (m: StudyMeasurement) =>
    m.value === null ? t('viewer.measureCompare.pending') : `${format(m.value)} ${m.unit}`;
  const rank = new Map<string, number>();
  const nameOf = (m: StudyMeasurement) => {
    const n = (rank.get(`${m.study}:${m.kind}`) ?? 0) + 1;
    rank.set(`${m.study}:${m.kind}`, n);
    return t(`viewer.measureCompare.${m.kind}`, { n });
  };
  const priorNames = new Map(
    measurements.filter((m) => m.study > 0).map((m) => [m.uid, nameOf(m)] as const),
  );
  return (
    <section
      className={styles.measurements}
      aria-labelledby="measure-compare-title"
      data-testid="measure-compare"
    >
      <h2 id="measure-compare-title" className={styles.paneTitle}>
        {t('viewer.measureCompare.title')}
      </h2>
      {pairs.length === 0 ? (
        <p>{t('viewer.measureCompare.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('viewer.measureCompare.today')}</th>
              <th scope="col">{t('viewer.measureCompare.prior')}</th>
              <th scope="col">{t('viewer.measureCompare.change')}</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map(({ current, prior, choices }) => {
              const change =
                prior && current.value !== null && prior.value !== null
                  ? measurementChange(
                      {
                        kind: current.kind,
                        value: current.value,
                        unit: current.unit,
                        studyDate: studyDates[0] ?? null,
                        role: 'current',
                      },
                      {
                        kind: prior.kind,
                        value: prior.value,
                        unit: prior.unit,
                        studyDate: studyDates[prior.study] ?? null,
                        role: 'prior',
                      },
                    )
                  : null;
              const name = nameOf(current);
              return (
                <tr key={current.uid} data-testid="measure-compare-row">
                  <td>
                    {name} : <span data-testid="measure-today">{valueText(current)}</span>
                  </td>
                  <td>
                    {choices.length === 0 ? (
                      t('viewer.measureCompare.noPrior')
                    ) : (
                      <label>
                        <span className={styles.visuallyHidden}>
                          {t('viewer.measureCompare.chooseLabel', { name })}
                        </span>
                        <select
                          value={prior?.uid ?? ''}
                          onChange={(e) =>
                            setChosen((c) => ({ ...c, [current.uid]: e.target.value }))
                          }
                        >
                          <option value="">{t('viewer.measureCompare.none')}</option>
                          {choices.map((c) => (
                            <option key={c.uid} value={c.uid}>
                              {`${priorNames.get(c.uid) ?? ''} (${valueText(c)})`}
                            </option>
                          ))}
                        </select>
                      </label>
                    )}
                  </td>
                  <td data-testid="measure-change">
                    {change
                      ? change.percent === null
                        ? `${signed(change.difference)} ${change.unit}`
                        : `${signed(change.difference)} ${change.unit} (${signed(change.percent, 0)} %)`
                      : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className={styles.note}>{t('viewer.measureCompare.notCopied')}</p>
    </section>
  );
}
