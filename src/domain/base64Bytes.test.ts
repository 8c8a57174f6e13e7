import { describe, expect, it } from 'vitest';
import { base64Bytes } from './base64Bytes';

describe('base64Bytes', () => {
  it('reads base64, line breaks and all', () => {
    expect(base64Bytes('iVBO\r\nRw==')).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(base64Bytes('')).toEqual(new Uint8Array([]));
  });

  it('gives null for text that is not base64', () => {
    expect(base64Bytes('<script>')).toBeNull();
    expect(base64Bytes('a')).toBeNull();
  });
});
