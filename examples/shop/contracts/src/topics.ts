import { getBus } from '@tessera/bus';

/** The shop's bus topics and their payloads. */
export interface ShopTopics {
  'cart.added': { productId: string; name: string; quantity: number };
}

/** The page's shared bus, whichever app's copy of this module asks. */
export const shopBus = getBus<ShopTopics>();
