import { describe, expect, it } from 'vitest';
import { isCranioCaudalView, isLateralBreastView, viewKey } from './viewCodes';

describe('viewKey', () => {
  it.each([
    // ViewPosition as the sample generator and modalities write it
    ['CC', 'CC'],
    ['MLO', 'MLO'],
    [' mlo ', 'MLO'],
    ['PA', 'PA'],
    ['AP', 'AP'],
    ['LL', 'LAT'],
    ['RL', 'LAT'],
    ['LATERAL', 'LAT'],
    ['OBL', 'OBL'],
    // View Code Sequence: SNOMED code or its meaning
    ['399162004', 'CC'],
    ['399368009', 'MLO'],
    ['399260004', 'ML'],
    ['272479007', 'PA'],
    ['399348003', 'AP'],
    ['399173006', 'LAT'],
    ['cranio-caudal', 'CC'],
    ['medio-lateral oblique', 'MLO'],
    ['latero-medial', 'LM'],
    ['cranio-caudal exaggerated laterally', 'XCCL'],
    ['postero-anterior', 'PA'],
    ['profil', 'LAT'],
  ])('%s → %s', (value, expected) => {
    expect(viewKey(value)).toBe(expected);
  });
  it.each([[null], [undefined], [''], ['FOO'], ['L']])('null for %s', (value) => {
    expect(viewKey(value)).toBeNull();
  });
  it('groups the breast views by which way their columns run', () => {
    expect(['CC', 'XCCL', 'XCCM', 'FB'].every((v) => isCranioCaudalView(viewKey(v)))).toBe(true);
    expect(['MLO', 'ML', 'LM', 'LMO'].every((v) => isLateralBreastView(viewKey(v)))).toBe(true);
    expect(isCranioCaudalView(viewKey('MLO')) || isLateralBreastView(viewKey('PA'))).toBe(false);
  });
});
