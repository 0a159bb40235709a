import { describe, expect, it } from 'vitest';
import { parseClientFrame, parseRelayFrame } from './relay-protocol.js';

describe('parseClientFrame', () => {
  it('accepts each frame type', () => {
    expect(parseClientFrame('{"t":"pub","id":"a","topic":"x.y","data":{"n":1}}')).toEqual({ frame: { t: 'pub', id: 'a', topic: 'x.y', data: { n: 1 } } });
    expect(parseClientFrame('{"t":"sub","re":1,"pattern":"x.**","after":"e-3"}')).toHaveProperty('frame');
    expect(parseClientFrame('{"t":"history","re":2,"topic":"x","afterSeq":4}')).toHaveProperty('frame');
    expect(parseClientFrame('{"t":"rep","id":"r","re":"q","to":"i.c","ok":true,"topic":"x"}')).toHaveProperty('frame');
  });

  it.each([
    ['not json', '{', undefined],
    ['not an object', '[1]', undefined],
    ['wildcard topic', '{"t":"pub","id":"a","topic":"x.*"}', 'a'],
    ['sub without re', '{"t":"sub","pattern":"x"}', undefined],
    ['negative seq', '{"t":"history","re":3,"topic":"x","afterSeq":-1}', undefined],
    ['unknown type', '{"t":"msg","re":4}', undefined],
  ])('refuses %s, naming what it can', (_name, text, id) => {
    const result = parseClientFrame(text);
    expect(result).toHaveProperty('problem');
    expect((result as { id?: string }).id).toBe(id);
  });
});

describe('parseRelayFrame', () => {
  it('flattens msg and history messages; ignores non-frames', () => {
    const m = { t: 'pub', id: 'a', topic: 'x', data: 1, bus: 'shop' };
    expect(parseRelayFrame(JSON.stringify({ t: 'msg', seq: 2, pos: 'e-9', m }))).toEqual({ t: 'msg', topic: 'x', seq: 2, pos: 'e-9', id: 'a', data: 1, bus: 'shop' });
    expect(parseRelayFrame(JSON.stringify({ t: 'history', re: 1, messages: [{ t: 'msg', seq: 1, pos: 'e-1', m: { ...m, bus: undefined } }] }))).toEqual({
      t: 'history', re: 1, messages: [{ topic: 'x', seq: 1, pos: 'e-1', id: 'a', data: 1 }],
    });
    expect(parseRelayFrame('nope')).toBeUndefined();
    expect(parseRelayFrame('{"x":1}')).toBeUndefined();
  });
});
