import { connectRelay } from '@tessera/bus';
import { defineReplicatedStore, relaySync, type Sync } from '@tessera/store';
import * as v from 'valibot';

/** One product line of the cart. */
export const CartLineSchema = v.object({
  name: v.string(),
  priceCents: v.pipe(v.number(), v.integer(), v.minValue(0)),
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type CartLine = v.InferOutput<typeof CartLineSchema>;

/** The cart: one line per product id. Checked whenever it is restored, synced or changed. */
export const CartSchema = v.record(v.string(), CartLineSchema);
export type CartState = Record<string, CartLine>;

/** A product as the cart needs it. */
export interface CartProduct {
  id: string;
  name: string;
  priceCents: number;
}

const ProductSchema = v.object({ id: v.string(), name: v.string(), priceCents: v.pipe(v.number(), v.integer(), v.minValue(0)) });

/** The cart's reducer: pure, deterministic, never mutating its input. */
const cartActions = {
  /** One more of `product`. */
  add: (cart: CartState, product: CartProduct): CartState => {
    const quantity = Object.hasOwn(cart, product.id) ? cart[product.id]!.quantity : 0; // own lines only: "constructor" is a product id like any other
    return { ...cart, [product.id]: { name: product.name, priceCents: product.priceCents, quantity: quantity + 1 } };
  },
};

/** Every action of the cart, checked when dispatched and when synced. */
export const CartActionSchema = v.variant('type', [v.object({ type: v.literal('add'), payload: ProductSchema })]);

/** `?relay=ws://host:port` in the page's URL: sync the cart across devices through that relay. */
const relayUrl = typeof location === 'object' ? new URLSearchParams(location.search).get('relay') : null;
/** The relay connection opens only in the one copy of this module that defines the store. */
const sync: Sync | 'tabs' = relayUrl ? relaySync(() => connectRelay(relayUrl)) : 'tabs';

/**
 * The shop's cart: one store on the page, whichever app's copy of this module asks first; its
 * actions are ordered across the tabs of the browser (or, with `?relay=`, across devices by the
 * relay), so concurrent adds all count, and persisted (nothing dispatched is lost to a reload).
 */
export const cartStore = defineReplicatedStore('cart', {
  version: 1,
  initial: {} as CartState,
  actions: cartActions,
  schema: { state: CartSchema, action: CartActionSchema },
  sync,
  persist: 'local',
});

/** Every app that loaded this module records the store it got (the shop's browser test compares them). */
((globalThis as { __shopCartStores?: unknown[] }).__shopCartStores ??= []).push(cartStore);

export function cartCount(state: CartState): number {
  return Object.values(state).reduce((sum, line) => sum + line.quantity, 0);
}

export function cartTotalCents(state: CartState): number {
  return Object.values(state).reduce((sum, line) => sum + line.quantity * line.priceCents, 0);
}
