// One QueryClient for the app. DICOM answers do not change while a user looks at them, so
// nothing refetches behind their back; a failure is retried only when no answer came at
// all (see isTransient) — a 4xx will not change by asking again.
import { QueryClient } from '@tanstack/react-query';
import { isTransient } from '../domain/gatewayFailure';
import { GatewayError } from './api/gatewayError';

const MAX_RETRIES_WHEN_TRANSIENT = 1;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES_WHEN_TRANSIENT) return false;
  return error instanceof GatewayError && isTransient(error.exchange);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        staleTime: 5 * 60_000,
      },
      mutations: { retry: false },
    },
  });
}
