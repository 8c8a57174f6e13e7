import { describe, expect, it } from 'vitest';
import { AnswersAhead } from './answersAhead';

const PNG = { status: 200, contentType: 'image/png', body: Buffer.from('png bytes') };
const URL =
  '/dicomweb/drimbox-nancy/studies/1/series/2/instances/3/frames/1/rendered?window=40,400';

function store(now = { t: 0 }, limits = { ttlMs: 1000, maxEntries: 2, maxBytes: 100 }) {
  return { ahead: new AnswersAhead(limits, () => now.t), now };
}

describe('answers asked ahead for a launch', () => {
  it('hands the answer to the same user’s same request, once', async () => {
    const { ahead } = store();
    ahead.hold('gp-1', URL, 'image/png', async () => PNG);
    const held = ahead.take('gp-1', URL, 'image/png');
    expect(await held).toEqual({ contentType: 'image/png', body: PNG.body });
    expect(ahead.take('gp-1', URL, 'image/png')).toBeNull();
  });

  it('never to another user, another request or another format', () => {
    const { ahead } = store();
    ahead.hold('gp-1', URL, 'image/png', async () => PNG);
    expect(ahead.take('gp-2', URL, 'image/png')).toBeNull();
    expect(ahead.take('gp-1', `${URL},linear`, 'image/png')).toBeNull();
    expect(ahead.take('gp-1', URL, 'image/jpeg')).toBeNull();
    expect(ahead.take('gp-1', URL, ' Image/PNG ')).not.toBeNull();
  });

  it('waits for an answer still on its way rather than asking twice', async () => {
    const { ahead } = store();
    let answer: (value: typeof PNG) => void = () => undefined;
    let asked = 0;
    ahead.hold('gp-1', URL, 'image/png', () => {
      asked++;
      return new Promise((resolve) => (answer = resolve));
    });
    const held = ahead.take('gp-1', URL, 'image/png');
    answer(PNG);
    expect((await held)?.body).toEqual(PNG.body);
    expect(asked).toBe(1);
  });

  it('holds no refusal, no failure, no oversized answer, nothing past its time', async () => {
    const { ahead, now } = store();
    ahead.hold('gp-1', '/refused', 'image/png', async () => ({ ...PNG, status: 403 }));
    ahead.hold('gp-1', '/failed', 'image/png', () => Promise.reject(new Error('source down')));
    expect(await ahead.take('gp-1', '/refused', 'image/png')).toBeNull();
    expect(await ahead.take('gp-1', '/failed', 'image/png')).toBeNull();
    ahead.hold('gp-1', '/huge', 'image/png', async () => ({ ...PNG, body: Buffer.alloc(101) }));
    expect(await ahead.take('gp-1', '/huge', 'image/png')).toBeNull();
    ahead.hold('gp-1', '/late', 'image/png', async () => PNG);
    now.t = 1000;
    expect(ahead.take('gp-1', '/late', 'image/png')).toBeNull();
  });

  it('keeps at most its bound, the oldest giving way', () => {
    const { ahead } = store();
    for (const path of ['/a', '/b', '/c']) ahead.hold('gp-1', path, 'image/png', async () => PNG);
    expect(ahead.size).toBe(2);
    expect(ahead.take('gp-1', '/a', 'image/png')).toBeNull();
    expect(ahead.take('gp-1', '/c', 'image/png')).not.toBeNull();
  });
});
