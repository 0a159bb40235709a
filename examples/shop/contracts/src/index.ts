export { cartStore, cartCount, cartTotalCents, type CartLine, type CartState } from './cart.js';
export { shopBus, type ShopTopics } from './topics.js';
export { addToCart } from './add-to-cart.js';
export { joinRelay } from './relay.js';
