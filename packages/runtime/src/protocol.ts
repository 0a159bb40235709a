/**
 * The version of the page-wide protocol: the shape of `globalThis.__TESSERA__` and of the runtime
 * exports build-emitted code calls on `__TESSERA__.runtime` (`createInstance`, `createContainer`,
 * the instance's `EmittedCodeApi`). It changes only when that shape does, so apps built with
 * different Tessera versions of one protocol share one runtime on the page; an app whose build
 * declares another protocol loads its own copy (and still shares modules through the share scope
 * objects of webpack's container protocol, `init(shareScope)`).
 */
export const PROTOCOL = 1;
