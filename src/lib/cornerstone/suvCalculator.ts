// calculate-suv for the domain's SUV reading (domain/viewer/petSuv.ts), which imports no
// package. A small dependency-free module: importing it from the session's code does not
// bring Cornerstone along.
import { calculateSUVScalingFactors } from '@cornerstonejs/calculate-suv';
import type { SuvCalculator } from '../../domain/viewer/petSuv';

export const calculateSuv: SuvCalculator = (inputs) => calculateSUVScalingFactors(inputs);
