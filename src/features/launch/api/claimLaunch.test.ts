import { describe, expect, it } from 'vitest';
import { claimLaunch, LaunchClaimError } from './claimLaunch';

const answer = (status: number, body: unknown): typeof fetch =>
  (async () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;

describe('claiming a launch', () => {
  it('returns the launch the gateway hands over, with the bearer token sent', async () => {
    let seen: RequestInit | undefined;
    let url = '';
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      url = String(input);
      seen = init;
      return new Response(
        JSON.stringify({
          kind: 'iid',
          audience: 'professional',
          params: [['requestType', 'STUDY']],
        }),
        { status: 200 },
      );
    }) as typeof fetch;
    const claimed = await claimLaunch('k'.repeat(43), 'tok', fetchImpl);
    expect(claimed.params).toEqual([['requestType', 'STUDY']]);
    expect(url).toBe(`/api/launch/${'k'.repeat(43)}/claim`);
    expect(seen?.method).toBe('POST');
    expect(new Headers(seen?.headers).get('authorization')).toBe('Bearer tok');
  });

  it('passes the gateway’s French refusal on, with its status', async () => {
    const refused = claimLaunch(
      'k',
      'tok',
      answer(404, {
        error: { code: 'not_found', message: 'Ce lien d’ouverture n’est plus valable.' },
      }),
    );
    await expect(refused).rejects.toThrow(LaunchClaimError);
    await expect(refused).rejects.toMatchObject({
      status: 404,
      message: 'Ce lien d’ouverture n’est plus valable.',
    });
  });

  it('refuses an answer of the wrong shape rather than opening something', async () => {
    await expect(
      claimLaunch('k', 'tok', answer(200, { kind: 'iid', audience: 'admin', params: [] })),
    ).rejects.toMatchObject({ status: 502 });
    await expect(
      claimLaunch(
        'k',
        'tok',
        answer(200, { kind: 'iid', audience: 'patient', params: [['a', 1]] }),
      ),
    ).rejects.toMatchObject({ status: 502 });
  });

  it('says when the gateway cannot be reached', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(claimLaunch('k', 'tok', down)).rejects.toMatchObject({ status: 0 });
  });
});
