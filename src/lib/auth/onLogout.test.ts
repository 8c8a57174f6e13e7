import { describe, expect, it, vi } from 'vitest';
import { notifyLogout, onLogout } from './onLogout';

describe('end of session', () => {
  it('reaches every subscriber with the reason, until they unsubscribe', () => {
    const purgeImages = vi.fn();
    const purgeMetadata = vi.fn();
    const stopImages = onLogout(purgeImages);
    const stopMetadata = onLogout(purgeMetadata);
    notifyLogout('logout');
    expect(purgeImages).toHaveBeenCalledWith('logout');
    expect(purgeMetadata).toHaveBeenCalledWith('logout');
    stopImages();
    notifyLogout('expired');
    expect(purgeImages).toHaveBeenCalledTimes(1);
    expect(purgeMetadata).toHaveBeenLastCalledWith('expired');
    stopMetadata();
  });

  it('still reaches the others when one subscriber throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const after = vi.fn();
    const stopBroken = onLogout(() => {
      throw new Error('cache already gone');
    });
    const stopAfter = onLogout(after);
    notifyLogout('logout');
    expect(after).toHaveBeenCalledOnce();
    stopBroken();
    stopAfter();
    warn.mockRestore();
  });
});
