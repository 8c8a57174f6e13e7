import { describe, expect, it } from 'vitest';
import { parseDicomwebPath } from './allowedPaths';
import { checkNotFishing } from './fishingGuard';
import { parseBrowserQuery } from './upstreamQuery';

const guard = (path: string, query: string): void => {
  const target = parseDicomwebPath(path);
  if (!target) throw new Error(`bad path ${path}`);
  checkNotFishing(target, parseBrowserQuery(query, target));
};

describe('fishing guard', () => {
  it.each([
    ['studies', 'PatientID=258037512345653&IssuerOfPatientID=1.2.250.1.213.1.4.10'],
    ['studies', 'PatientID=IPP-0042'],
    ['studies', '00100020=IPP-0042'],
    ['studies', 'StudyInstanceUID=1.2.3'],
    ['studies', 'StudyInstanceUID=1.2.3%5C1.2.4'],
    ['studies', 'StudyInstanceUID=1.2.3,1.2.4'],
    ['studies', 'AccessionNumber=A2024-001'],
    ['studies', 'PatientName=DU*&PatientBirthDate=19580314'],
    ['studies', 'PatientName=%C3%89V*&PatientBirthDate=19580314'],
    ['series', 'StudyInstanceUID=1.2.3&Modality=CT'],
    ['instances', 'PatientID=X1&includefield=00280010'],
    ['studies/1.2.3/series', ''],
    ['studies/1.2.3/series/1.2.4/instances', 'limit=10'],
  ])('lets %s?%s through', (path, query) => {
    expect(() => guard(path, query)).not.toThrow();
  });

  it.each([
    ['studies', ''],
    ['studies', 'limit=10'],
    ['studies', 'StudyDate=20240101-20241231'],
    ['studies', 'ModalitiesInStudy=CT'],
    ['studies', 'PatientID=*'],
    ['studies', 'PatientID=2580*'],
    ['studies', 'PatientID=25803751234565?'],
    ['studies', 'PatientID='],
    ['studies', 'PatientID=A%5CB'],
    ['studies', 'AccessionNumber=A*'],
    ['studies', 'StudyInstanceUID=1.2.*'],
    ['studies', 'PatientName=DUBOIS'],
    ['studies', 'PatientName=D*&PatientBirthDate=19580314'],
    ['studies', 'PatientName=*&PatientBirthDate=19580314'],
    ['studies', 'PatientName=DUBOIS*&PatientBirthDate=1958*'],
    ['studies', 'PatientName=DUBOIS*&PatientBirthDate=19580101-19581231'],
    ['series', 'Modality=CT'],
    ['instances', 'SOPClassUID=1.2.840.10008.5.1.4.1.1.2'],
    // Lists: a server reads `,` and `\` as "any of these"; an empty element matches the empty.
    ['studies', 'PatientID=258037512345653,171115432101297'],
    ['studies', 'PatientID=,'],
    ['studies', 'PatientID=%5C'],
    ['studies', 'PatientID=A,'],
    ['studies', 'AccessionNumber=,'],
    ['studies', 'AccessionNumber=NCY2400004,NCY2400005'],
    ['studies', 'PatientID=X1&IssuerOfPatientID=1.2.3,1.2.4'],
    ['studies', 'StudyInstanceUID=1.2.3,'],
    ['studies', 'StudyInstanceUID=,'],
    ['studies', 'StudyInstanceUID=1.2.3%5C'],
    ['studies', 'PatientName=DUBOIS*,MARTIN*&PatientBirthDate=19580314'],
    ['studies', 'PatientName=DUBOIS*&PatientBirthDate=19580314,19711102'],
    ['series', 'SeriesInstanceUID=1.2.3,*'],
    ['studies/1.2.3/series', 'PatientID=A,B'],
  ])('refuses %s?%s', (path, query) => {
    expect(() => guard(path, query)).toThrow(
      expect.objectContaining({ status: 400, code: 'fishing_query' }),
    );
  });
});
