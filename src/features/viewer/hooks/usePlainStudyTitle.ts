// The study in a patient's words (domain/viewer/studyExplanation.ts), from what the viewer
// already holds: its series' modalities and descriptions, and the first series' study
// description; its regions found by the same rules as the list's region filter.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regionsOfStudy } from '../../../domain/anatomy/regionOf';
import { longDate } from '../../../domain/dateText';
import type { SeriesSummary } from '../../../domain/viewer/firstSeries';
import type { SeriesFacts } from '../../../domain/viewer/seriesInstances';
import { explainStudy } from '../../../domain/viewer/studyExplanation';

export interface PlainStudy {
  /** « Scanner du thorax et de l’abdomen du 12 janvier 2026 ». */
  title: string;
  /** What such an exam is, in a sentence; null when there is none to say. */
  about: string | null;
}

export function usePlainStudyTitle(
  series: readonly SeriesSummary[],
  facts: Pick<SeriesFacts, 'studyDescription' | 'studyDate'> | null,
): PlainStudy {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const description = facts?.studyDescription ?? '';
  const studyDate = facts?.studyDate ?? null;
  return useMemo(() => {
    const regions = regionsOfStudy(
      { description, modalities: series.map((s) => s.modality) },
      series.map((s) => ({
        modality: s.modality,
        bodyPartExamined: '',
        description: s.description,
        anatomicRegions: [],
      })),
    ).map((r) => r.code);
    const explained = explainStudy(
      {
        modalities: series.map((s) => s.modality),
        regions,
        descriptions: [description, ...series.map((s) => s.description)],
      },
      lang,
    );
    const title = studyDate
      ? t('viewer.patientView.studyOf', { title: explained.title, date: longDate(studyDate, lang) })
      : explained.title;
    return { title, about: explained.about };
  }, [series, description, studyDate, lang, t]);
}
