import { getBus } from '@tessera/bus';
import { joinRelay } from './relay.js';

/** The shop's bus topics and their payloads. */
export interface ShopTopics {
  'cart.added': { productId: string; name: string; quantity: number };
}

/** The page's shared bus, whichever app's copy of this module asks; joined to the relay when the page names one (`?relay=`). */
export const shopBus = getBus<ShopTopics>();
joinRelay(shopBus);
