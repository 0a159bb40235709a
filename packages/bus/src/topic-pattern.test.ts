import { describe, expect, it } from 'vitest';
import { compilePattern } from './topic-pattern.js';

const topics = ['cart', 'carts', 'cart.added', 'cart.removed', 'carts.added', 'cart.item.added', 'wishlist.added', 'ready'];
const matching = (pattern: string) => topics.filter(compilePattern(pattern));

describe('compilePattern', () => {
  it('matches an exact topic only', () => {
    expect(matching('cart.added')).toEqual(['cart.added']);
    expect(matching('cart')).toEqual(['cart']);
  });

  it("'cart.*' matches exactly one segment after 'cart.'", () => {
    expect(matching('cart.*')).toEqual(['cart.added', 'cart.removed']);
  });

  it("'*' is one segment anywhere: '*.added', '*.*', and a lone '*' only one-segment topics", () => {
    expect(matching('*.added')).toEqual(['cart.added', 'carts.added', 'wishlist.added']);
    expect(matching('*.*')).toEqual(['cart.added', 'cart.removed', 'carts.added', 'wishlist.added']);
    expect(matching('cart.*.added')).toEqual(['cart.item.added']);
    expect(matching('*')).toEqual(['cart', 'carts', 'ready']);
  });

  it("'cart.**' matches one or more segments after 'cart.', '**' every topic", () => {
    expect(matching('cart.**')).toEqual(['cart.added', 'cart.removed', 'cart.item.added']);
    expect(matching('**')).toEqual(topics);
    expect(matching('*.**')).toEqual(['cart.added', 'cart.removed', 'carts.added', 'cart.item.added', 'wishlist.added']);
  });

  it('takes regex characters in segments literally', () => {
    expect(compilePattern('a+b.*')('a+b.c')).toBe(true);
    expect(compilePattern('a+b.*')('aab.c')).toBe(false);
    expect(compilePattern('(x).**')('(x).y.z')).toBe(true);
  });

  it('rejects * inside a segment and ** before the end', () => {
    for (const pattern of ['cart*', 'cart.add*', 'cart.**.added', '***']) {
      expect(() => compilePattern(pattern), pattern).toThrow(expect.objectContaining({ code: 'TESSERA_BUS_INVALID_PATTERN' }));
    }
  });
});
