import { describe, expect, it } from 'vitest';
import { allSettled, countLabel, IDLE, nextSourceStatus, statusOfFailure } from './sourceStatus';
import type { SourceEvent, SourceStatus } from './sourceStatus';

const loading: SourceStatus = { kind: 'loading', attempt: 1 };
const loaded: SourceStatus = { kind: 'loaded', count: 3, limitReached: false };
const failed: SourceStatus = { kind: 'failed', reason: 'timeout', attempt: 2 };
const consent: SourceStatus = { kind: 'consentNeeded' };

const start: SourceEvent = { type: 'start' };
const retry: SourceEvent = { type: 'retry' };
const succeed: SourceEvent = { type: 'succeed', count: 12, maxResults: 200 };
const fail: SourceEvent = { type: 'fail', reason: 'sourceUnreachable' };
const needConsent: SourceEvent = { type: 'needConsent' };

describe('nextSourceStatus', () => {
  it.each<[string, SourceStatus, SourceEvent, SourceStatus]>([
    // start
    ['idle + start', IDLE, start, loading],
    ['loaded + start (new filters)', loaded, start, loading],
    ['failed + start', failed, start, loading],
    ['loading + start (restart)', { kind: 'loading', attempt: 3 }, start, loading],
    ['consentNeeded + start stays', consent, start, consent],
    // succeed
    ['loading + succeed', loading, succeed, { kind: 'loaded', count: 12, limitReached: false }],
    [
      'loading + succeed at the limit → ≥ N',
      loading,
      { type: 'succeed', count: 200, maxResults: 200 },
      { kind: 'loaded', count: 200, limitReached: true },
    ],
    [
      'loading + succeed with a nonsense count',
      loading,
      { type: 'succeed', count: -4, maxResults: 200 },
      { kind: 'loaded', count: 0, limitReached: false },
    ],
    ['idle + late succeed ignored', IDLE, succeed, IDLE],
    ['failed + late succeed ignored', failed, succeed, failed],
    ['consentNeeded + late succeed ignored', consent, succeed, consent],
    // fail
    [
      'loading + fail → failed, with its reason',
      loading,
      fail,
      { kind: 'failed', reason: 'sourceUnreachable', attempt: 1 },
    ],
    [
      'loading (second attempt) + fail',
      { kind: 'loading', attempt: 2 },
      { type: 'fail', reason: 'invalidResponse' },
      { kind: 'failed', reason: 'invalidResponse', attempt: 2 },
    ],
    ['loaded + late fail ignored', loaded, fail, loaded],
    ['idle + fail ignored', IDLE, fail, IDLE],
    // retry
    ['failed + retry', failed, retry, { kind: 'loading', attempt: 3 }],
    ['consentNeeded + retry (consent recorded)', consent, retry, loading],
    ['loading + retry is a no-op', loading, retry, loading],
    ['loaded + retry is a no-op', loaded, retry, loaded],
    ['idle + retry is a no-op', IDLE, retry, IDLE],
    // needConsent (regional)
    ['loading + needConsent', loading, needConsent, consent],
    ['idle + needConsent', IDLE, needConsent, consent],
    ['loaded + needConsent (revoked)', loaded, needConsent, consent],
  ])('regional: %s', (_, status, event, expected) => {
    expect(nextSourceStatus('regional', status, event)).toEqual(expected);
  });

  it('makes a DRIMbox asking for consent a refusal, not a consent state', () => {
    expect(nextSourceStatus('drimbox', loading, needConsent)).toEqual({
      kind: 'failed',
      reason: 'refused',
      attempt: 1,
    });
  });

  it('behaves the same for a DRIMbox on the other transitions', () => {
    expect(nextSourceStatus('drimbox', IDLE, start)).toEqual(loading);
    expect(nextSourceStatus('drimbox', loading, succeed)).toEqual({
      kind: 'loaded',
      count: 12,
      limitReached: false,
    });
    expect(nextSourceStatus('drimbox', failed, retry)).toEqual({ kind: 'loading', attempt: 3 });
  });
});

describe('status helpers', () => {
  it('labels counts, with ≥ at the limit', () => {
    expect(countLabel({ kind: 'loaded', count: 12, limitReached: false })).toBe('12');
    expect(countLabel({ kind: 'loaded', count: 200, limitReached: true })).toBe('≥ 200');
    expect(countLabel(loading)).toBeNull();
  });

  it('is settled when nothing loads', () => {
    expect(allSettled([loaded, failed, consent, IDLE])).toBe(true);
    expect(allSettled([loaded, loading])).toBe(false);
  });
});

describe('statusOfFailure', () => {
  it('a regional source asking for consent is in its own state, not failed', () => {
    expect(statusOfFailure('regional', 'consentRequired', 1)).toEqual({ kind: 'consentNeeded' });
  });

  it('a DRIMbox asking for consent is a refusal', () => {
    expect(statusOfFailure('drimbox', 'consentRequired', 2)).toEqual({
      kind: 'failed',
      reason: 'refused',
      attempt: 2,
    });
  });

  it.each(['sourceUnreachable', 'timeout', 'invalidResponse', 'gatewayUnreachable'] as const)(
    'any other reason (%s) fails with that reason',
    (reason) => {
      expect(statusOfFailure('regional', reason, 3)).toEqual({
        kind: 'failed',
        reason,
        attempt: 3,
      });
    },
  );
});
