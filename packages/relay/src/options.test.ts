import { describe, expect, it } from 'vitest';
import { resolveRelayOptions } from './options.js';

describe('resolveRelayOptions', () => {
  it('fills every default once', () => {
    const options = resolveRelayOptions();
    expect(options).toMatchObject({ port: 4010, host: '127.0.0.1', redis: undefined, maxMessageBytes: 65536, logSize: 10_000 });
    expect(options.allow(undefined)).toEqual({ publish: ['**'], subscribe: ['**'] });
  });

  it('names every bad number at once', () => {
    expect(() => resolveRelayOptions({ port: 70000, maxMessageBytes: 0, historyPerTopic: 1.5 })).toThrow(
      /TESSERA_RELAY_INVALID_OPTIONS.*maxMessageBytes.*historyPerTopic.*port/,
    );
  });
});
