// Who accessed a patient's data (« Mes accès »): the gateway's access trace, as FHIR
// AuditEvent, for the patient themself — read page by page, newest first, following the
// Bundle's `next` link (CONTRACTS.md § Consent API).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import {
  accessEntryFrom,
  studyFactsFrom,
  type AccessEntry,
  type StudyFacts,
} from '../../../domain/consent/accessEntry';
import { gateway } from '../../../lib/api/gatewayClient';
import { useAuth } from '../../../lib/auth/useAuth';
import { consentKeys } from './consentKeys';
import { entries, FHIR_JSON, isRecord } from './fhirJson';

/** Records per request: a few viewings' worth, well under the gateway's 1000. */
export const TRACE_PAGE_SIZE = 500;

export interface AccessTracePage {
  entries: AccessEntry[];
  /** The patient's studies these entries name, as the DRIMboxes describe them. */
  studies: StudyFacts[];
  /** The `_before` of the next page, when the gateway says there may be older records. */
  before?: string;
}

/** The cursor in the gateway's `next` link; never the link itself, which we do not follow blindly. */
export function nextBefore(bundle: unknown): string | undefined {
  if (!isRecord(bundle) || !Array.isArray(bundle.link)) return undefined;
  const next = bundle.link.find((l) => isRecord(l) && l.relation === 'next') as
    Record<string, unknown> | undefined;
  if (typeof next?.url !== 'string') return undefined;
  const before = new URL(next.url, 'http://gateway.invalid').searchParams.get('_before');
  return before !== null && /^[0-9]+$/.test(before) ? before : undefined;
}

export async function fetchAccessTracePage(
  before: string | undefined,
  signal?: AbortSignal,
): Promise<AccessTracePage> {
  const bundle = await gateway.json('/api/fhir/AuditEvent', {
    query: {
      _count: String(TRACE_PAGE_SIZE),
      _include: 'AuditEvent:entity',
      ...(before ? { _before: before } : {}),
    },
    accept: FHIR_JSON,
    ...(signal ? { signal } : {}),
  });
  const next = nextBefore(bundle);
  const resources = entries(bundle);
  return {
    entries: resources.flatMap((e) => accessEntryFrom(e) ?? []),
    studies: resources.flatMap((e) => studyFactsFrom(e) ?? []),
    ...(next ? { before: next } : {}),
  };
}

export function myAccessTraceQueryOptions() {
  return infiniteQueryOptions({
    queryKey: consentKeys.trace(),
    queryFn: ({ pageParam, signal }) => fetchAccessTracePage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: AccessTracePage) => last.before,
  });
}

/** A patient's own trace; nothing is asked for anyone else. */
export function useMyAccessTrace() {
  const { status, principal } = useAuth();
  return useInfiniteQuery({
    ...myAccessTraceQueryOptions(),
    enabled: status === 'signedIn' && principal?.role === 'patient',
  });
}
