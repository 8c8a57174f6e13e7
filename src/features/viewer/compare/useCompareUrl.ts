// The comparison the address asks for (compareUrl.ts), and the two ways to change it: a
// new history entry each time (Back undoes it), or, for a comparison the viewer opened by
// itself (`compare: 'auto'`, the preference), in place — Back then leaves the study.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { COMPARE_PARAM, compareValue, priorKeysOf } from './compareUrl';

export interface CompareUrl {
  priorKeys: readonly string[];
  /** Compares with these priors (none: leaves compare mode). */
  compareWith: (keys: readonly string[], options?: { replace?: boolean }) => void;
}

export function useCompareUrl(currentKey: string): CompareUrl {
  const [params, setParams] = useSearchParams();
  const raw = params.get(COMPARE_PARAM);
  const priorKeys = useMemo(() => priorKeysOf(raw, currentKey), [raw, currentKey]);
  const compareWith = (keys: readonly string[], options: { replace?: boolean } = {}) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        const value = compareValue(keys);
        if (value === null) next.delete(COMPARE_PARAM);
        else next.set(COMPARE_PARAM, value);
        return next;
      },
      { replace: options.replace === true },
    );
  };
  return { priorKeys, compareWith };
}
