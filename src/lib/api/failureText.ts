// What a screen says of a failed call: the gateway's own sentence when it gave one (it
// knows why it refused), else the words for the reason. Anything else is a bug of ours,
// told as it is.
import type { TFunction } from 'i18next';
import { GatewayError } from './gatewayError';

export function failureText(error: unknown, t: TFunction): string {
  if (error instanceof GatewayError) return error.detail ?? t(`failure.${error.reason}`);
  return error instanceof Error ? error.message : String(error);
}
