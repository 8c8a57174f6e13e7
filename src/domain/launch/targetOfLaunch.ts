// A claimed launch comes back as the parameters the gateway received; they are parsed
// again here with the same code the gateway used, so what opens is exactly what was asked
// — nothing is re-encoded or reinterpreted on the way through the gateway's memory.
import { parseContextualCall } from './contextualCall';
import { parseIidRequest } from './iid';
import type { LaunchError } from './launchError';
import { patientLabel } from './launchDestination';
import {
  DEFAULT_TIME_ZONE,
  targetOfContextualCall,
  targetOfIid,
  type LaunchTarget,
} from './launchTarget';

export type LaunchParamsKind = 'iid' | 'contextualCall';

export type TargetOfLaunch =
  { ok: true; target: LaunchTarget; label?: string } | { ok: false; errors: LaunchError[] };

export function targetOfLaunch(
  kind: LaunchParamsKind,
  params: ReadonlyArray<readonly [string, string]>,
  timeZone = DEFAULT_TIME_ZONE,
): TargetOfLaunch {
  if (kind === 'iid') {
    const parsed = parseIidRequest(params);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const label = patientLabel(parsed.request.patientName);
    return { ok: true, target: targetOfIid(parsed.request, timeZone), ...(label ? { label } : {}) };
  }
  const parsed = parseContextualCall(params);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const label = patientLabel(parsed.launch.name);
  return { ok: true, target: targetOfContextualCall(parsed.launch), ...(label ? { label } : {}) };
}
