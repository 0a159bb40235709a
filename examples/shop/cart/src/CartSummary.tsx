import { useState, type JSX } from 'react';
import { cartStore, cartTotalCents, shopBus } from '@shop/contracts';
import { useStore, useTopic } from '@tessera/react';

const price = (cents: number) => `€${(cents / 100).toFixed(2)}`;

/** The cart's exposed component: the shared cart's lines, the last addition (from the bus), a details toggle. */
export default function CartSummary(): JSX.Element {
  const cart = useStore(cartStore);
  const lastAdded = useTopic(shopBus, 'cart.added');
  const [open, setOpen] = useState(false);
  // Sorted: tabs merge the same lines in different orders.
  const lines = Object.entries(cart)
    .filter(([, line]) => line.quantity > 0)
    .sort(([, a], [, b]) => a.name.localeCompare(b.name));
  return (
    <aside data-testid="cart-summary" style={{ border: '1px solid #d0d7de', borderRadius: 6, padding: '0.75rem' }}>
      <h2>Cart</h2>
      {lines.length === 0 ? (
        <p data-testid="cart-empty">Your cart is empty.</p>
      ) : (
        <ul>
          {lines.map(([id, line]) => (
            <li key={id} data-testid="cart-line" data-product={id}>
              {line.quantity} × {line.name}
            </li>
          ))}
        </ul>
      )}
      <p data-testid="cart-total">Total {price(cartTotalCents(cart))}</p>
      {lastAdded && <p data-testid="cart-last-added">Just added: {lastAdded.name}</p>}
      <button type="button" data-testid="cart-toggle" onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide details' : 'Show details'}
      </button>
      {open && <p data-testid="cart-details">Free shipping from €50.</p>}
    </aside>
  );
}
