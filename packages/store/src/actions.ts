/**
 * The reducer of a replicated store, one function per action type: `(state, payload) => next state`.
 * Each must be pure and deterministic (same state and payload, same result, on every replica:
 * no clock, no random, no I/O) and must not mutate `state`.
 */
export type ActionHandlers<S> = Record<string, (state: S, payload: any) => S>;

/** The payload type of a handler: its second parameter, or `undefined` when it takes none. */
type PayloadOf<F> = F extends (state: any, ...rest: infer P) => any ? (P extends [] ? undefined : P[0]) : never;

/** An action: `{ type, payload }`, serializable (JSON), one of the store's handler names. */
export type ActionOf<H> = { [K in keyof H & string]: { type: K; payload: PayloadOf<H[K]> } }[keyof H & string];

/** Typed action creators, one per handler: `actions.add(product)` → `{ type: 'add', payload: product }`. */
export type ActionCreators<H> = {
  [K in keyof H & string]: PayloadOf<H[K]> extends undefined ? () => { type: K; payload: undefined } : (payload: PayloadOf<H[K]>) => { type: K; payload: PayloadOf<H[K]> };
};

/** Action creators for every handler of `handlers` (Redux Toolkit's `createSlice` shape). */
export function actionCreators<H extends ActionHandlers<any>>(handlers: H): ActionCreators<H> {
  const creators: Record<string, (payload?: unknown) => { type: string; payload: unknown }> = {};
  for (const type of Object.keys(handlers)) creators[type] = (payload?: unknown) => ({ type, payload });
  return creators as ActionCreators<H>;
}
