import type { Messages } from '../messages';
import type { studiesFr } from './studies.fr';

export const studiesEn: Messages<typeof studiesFr> = {};
