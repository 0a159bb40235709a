import { BusError } from './bus-error.js';

/*
 * Topics are dot-separated segments: 'cart.added', 'cart.item.removed'. A pattern is a topic, or
 * a topic whose segments may be wildcards (the rules of NATS subjects):
 *
 * | pattern        | matches                                   | does not match               |
 * | -------------- | ----------------------------------------- | ---------------------------- |
 * | `'cart.added'` | `'cart.added'` only                       | `'cart.added.x'`, `'cart'`   |
 * | `'cart.*'`     | exactly one segment after `cart.`: `'cart.added'`, `'cart.removed'` | `'cart'`, `'cart.item.added'`, `'carts.added'` |
 * | `'*.added'`    | `'cart.added'`, `'wishlist.added'`        | `'cart.item.added'`          |
 * | `'cart.**'`    | one or more segments after `cart.`: `'cart.added'`, `'cart.item.added'` | `'cart'`, `'carts.added'` |
 * | `'**'`         | every topic                               |                              |
 * | `'*'`          | every one-segment topic: `'ready'`        | `'cart.added'`               |
 *
 * `*` and `**` are whole segments only, and `**` only the last one (else
 * `TESSERA_BUS_INVALID_PATTERN`), so topic names cannot contain `*`.
 */

/** Every pattern that matches `Topic`: itself, any segment replaced by `*`, any tail replaced by `**`. */
export type PatternsOf<Topic extends string> =
  | '**'
  | (Topic extends `${infer Head}.${infer Rest}` ? `${Head | '*'}.${PatternsOf<Rest>}` : Topic | '*');

/** The patterns `subscribe` accepts: each topic of the map, and each wildcard that matches one of them. */
export type TopicPattern<Topics> = string extends keyof Topics ? string : PatternsOf<keyof Topics & string>;

/** Whether `Topic` matches `Pattern`, by the rules above, at the type level. */
export type PatternMatches<Topic extends string, Pattern extends string> = Pattern extends '**'
  ? true
  : Pattern extends `${infer PatternHead}.${infer PatternRest}`
    ? Topic extends `${infer Head}.${infer Rest}`
      ? PatternHead extends '*' | Head
        ? PatternMatches<Rest, PatternRest>
        : false
      : false
    : Topic extends `${string}.${string}`
      ? false
      : Pattern extends '*' | Topic
        ? true
        : false;

/** The topics of the map that `Pattern` matches (all of them for an untyped map). */
export type TopicsMatching<Topics, Pattern extends string> = string extends keyof Topics
  ? keyof Topics & string
  : { [K in keyof Topics & string]: PatternMatches<K, Pattern> extends true ? K : never }[keyof Topics & string];

/**
 * Compiles a pattern into a test of topics (see the rules above). Exact topics compare with `===`.
 * Throws `TESSERA_BUS_INVALID_PATTERN` for a misplaced `*` or `**`.
 */
export function compilePattern(pattern: string): (topic: string) => boolean {
  if (!pattern.includes('*')) return (topic) => topic === pattern;
  const segments = pattern.split('.');
  const source = segments.map((segment, i) => {
    if (segment === '*') return '[^.]+';
    if (segment === '**' && i === segments.length - 1) return '.+';
    if (segment.includes('*')) {
      throw new BusError(
        'TESSERA_BUS_INVALID_PATTERN',
        `Pattern "${pattern}": "*" and "**" are whole segments, "**" the last`,
      );
    }
    return segment.replace(/[\\^$|?+()[\]{}]/g, '\\$&');
  });
  const regex = new RegExp(`^${source.join('\\.')}$`);
  return (topic) => regex.test(topic);
}
