import type { Messages } from '../messages';
import type { consentFr } from './consent.fr';

export const consentEn: Messages<typeof consentFr> = {};
