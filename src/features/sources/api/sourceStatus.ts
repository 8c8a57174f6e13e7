// Is a source up? The gateway asks it without naming any patient
// (server/sources/statusRoute.ts), so opening the home page writes nothing in anyone's
// access trace. A failure comes back as the GatewayError the gateway worded.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PublicSource } from '../../../domain/publicConfig';
import { gateway } from '../../../lib/api/gatewayClient';
import { useAuth } from '../../../lib/auth/useAuth';
import { sourcesKeys } from './sourcesKeys';

// The gateway bounds its probe (5 s at most); the browser waits a little longer so the
// gateway's worded answer, not a bare abort, is what the user sees.
const PROBE_WAIT_MS = 8_000;

export async function probeSource(options: {
  source: PublicSource;
  signal?: AbortSignal;
}): Promise<void> {
  await gateway.json(`/api/sources/${encodeURIComponent(options.source.id)}/status`, {
    timeoutMs: PROBE_WAIT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export function sourceStatusQueryOptions(source: PublicSource) {
  return queryOptions({
    queryKey: sourcesKeys.status(source.id),
    queryFn: async ({ signal }) => {
      await probeSource({ source, signal });
      return true as const;
    },
    // A source's state is news: each visit of the home page asks again.
    staleTime: 0,
    retry: false,
  });
}

export function useSourceProbe(source: PublicSource) {
  const { status } = useAuth();
  return useQuery({ ...sourceStatusQueryOptions(source), enabled: status === 'signedIn' });
}
