import { defineStore } from '@tessera/store';

export interface CartLine {
  name: string;
  priceCents: number;
  quantity: number;
}

/** One key per product, so adds of different products in two tabs never overwrite each other. */
export type CartState = Record<string, CartLine>;

/**
 * The shop's cart: one store on the page, whichever app's copy of this module asks first;
 * synced across tabs and kept across reloads.
 */
export const cartStore = defineStore<CartState>('cart', {
  version: 1,
  initial: {},
  sync: 'tabs',
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
