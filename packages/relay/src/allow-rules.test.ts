import { describe, expect, it } from 'vitest';
import { isAllowed, patternCovers } from './allow-rules.js';

describe('patternCovers', () => {
  it.each([
    ['**', 'cart.added', true],
    ['**', 'cart.**', true],
    ['cart.*', 'cart.added', true],
    ['cart.*', 'cart.*', true],
    ['cart.*', 'cart.**', false],
    ['cart.*', 'cart.item.added', false],
    ['cart.**', 'cart.item.*', true],
    ['cart.**', 'cart', false],
    ['cart.**', '**', false],
    ['chat.ann', 'chat.*', false],
    ['chat.ann', 'chat.ann', true],
    ['*.added', 'cart.added', true],
    ['*.added', '*.removed', false],
  ])('%s covers %s: %s', (allowed, pattern, expected) => {
    expect(patternCovers(allowed, pattern)).toBe(expected);
  });

  it('allows when any rule covers', () => {
    expect(isAllowed(['a.*', 'b.**'], 'b.c.d')).toBe(true);
    expect(isAllowed([], 'a')).toBe(false);
  });
});
