import type { ActionHandlers } from './actions.js';
import { StoreError } from './store-error.js';
import { validate, type Schema } from './validate.js';

/**
 * The store's reducer with its checks: the action must pass `schema.action` and name a handler,
 * the handler must not throw, its result must pass `schema.state`.
 *
 * @throws StoreError `TESSERA_STORE_ACTION_INVALID`, `TESSERA_STORE_REDUCER_FAILED`,
 *   `TESSERA_STORE_STATE_INVALID`, `TESSERA_STORE_SCHEMA_ASYNC`; nothing is changed then.
 */
export function checkedReducer<S>(storeId: string, handlers: ActionHandlers<S>, schema: { state?: Schema<S>; action?: Schema<unknown> }): (state: S, action: unknown) => S {
  return (state, action) => {
    const checked = validate(schema.action, action, storeId, 'TESSERA_STORE_ACTION_INVALID', 'action') as { type?: unknown; payload?: unknown } | null;
    const type = checked?.type;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) {
      throw new StoreError('TESSERA_STORE_ACTION_INVALID', storeId, `unknown action type ${JSON.stringify(type)}; known: ${Object.keys(handlers).join(', ')}`);
    }
    let next: S;
    try {
      next = handlers[type]!(state, checked!.payload);
    } catch (error) {
      throw new StoreError('TESSERA_STORE_REDUCER_FAILED', storeId, `the reducer of "${type}" threw`, error);
    }
    return validate(schema.state, next, storeId, 'TESSERA_STORE_STATE_INVALID', `state after "${type}"`);
  };
}
