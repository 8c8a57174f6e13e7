// The study list's row action from the viewer's download feature: the list does not know
// downloads, the viewer does not know list rows; the app joins them. The key is sealed
// only when the user asks, as « Ouvrir » seals it.
import type { RenderStudyAction } from '../features/studies/components/StudyTable';
import { StudyDownloadButton } from '../features/viewer/download/StudyDownloadButton';
import { sealKey } from '../lib/api/opaqueKeys';

export const studyDownloadAction: RenderStudyAction = (row) => (
  <StudyDownloadButton
    studyKey={() =>
      sealKey('study', {
        studyInstanceUID: row.studyInstanceUID,
        sourceIds: row.sourceIds,
        patient: { identifiers: row.identifiers },
      })
    }
    date={row.date}
    description={row.description}
  />
);
