import { cartStore, type CartProduct } from './cart.js';
import { shopBus } from './topics.js';

/** Adds one of a product to the cart and announces it on `cart.added`. */
export function addToCart(product: CartProduct): void {
  cartStore.dispatch(cartStore.actions.add({ id: product.id, name: product.name, priceCents: product.priceCents }));
  const line = cartStore.getState()[product.id];
  shopBus.publish('cart.added', { productId: product.id, name: product.name, quantity: line?.quantity ?? 0 });
}
