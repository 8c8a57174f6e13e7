import type { Messages } from '../messages';
import type { viewerFr } from './viewer.fr';

export const viewerEn: Messages<typeof viewerFr> = {};
