import type { Messages } from '../messages';
import type { launchFr } from './launch.fr';

export const launchEn: Messages<typeof launchFr> = {};
