import { cartStore } from './cart.js';
import { shopBus } from './topics.js';

/** Adds one of a product to the cart and announces it on `cart.added`. */
export function addToCart(product: { id: string; name: string; priceCents: number }): void {
  cartStore.setState((cart) => ({
    [product.id]: { name: product.name, priceCents: product.priceCents, quantity: (cart[product.id]?.quantity ?? 0) + 1 },
  }));
  shopBus.publish('cart.added', { productId: product.id, name: product.name, quantity: cartStore.getState()[product.id]!.quantity });
}
