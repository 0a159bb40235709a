import { useState } from 'react';

/** The cart's exposed component: a summary with a details toggle. */
export default function CartSummary() {
  const [open, setOpen] = useState(false);
  return (
    <aside data-testid="cart-summary" style={{ border: '1px solid #d0d7de', borderRadius: 6, padding: '0.75rem' }}>
      <h2>Cart</h2>
      <button type="button" data-testid="cart-toggle" onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide details' : 'Show details'}
      </button>
      {open && <p data-testid="cart-details">Free shipping from €50.</p>}
    </aside>
  );
}
