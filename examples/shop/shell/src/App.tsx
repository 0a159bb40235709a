import { cartCount, cartStore } from '@shop/contracts';
import { RemoteComponent, useStore } from '@tessera/react';
import './App.css';

function Unavailable({ name, error, retry }: { name: string; error: Error; retry: () => void }) {
  return (
    <div className="shell-unavailable" data-testid={`${name}-fallback`} role="alert">
      <strong>The {name} is unavailable right now.</strong>
      <small data-testid={`${name}-error`}>{error.message}</small>
      <button type="button" data-testid={`retry-${name}`} onClick={retry}>
        Retry
      </button>
    </div>
  );
}

function CartCount() {
  const count = useStore(cartStore, cartCount);
  return (
    <span className="shell-cart-count" aria-label="items in cart">
      Cart: <span data-testid="cart-count">{count}</span>
    </span>
  );
}

export function App() {
  return (
    <>
      <header className="shell-header" data-testid="shell-header">
        <h1>Tessera Shop</h1>
        <CartCount />
      </header>
      <main className="shell-main">
        <RemoteComponent
          id="catalog/ProductList"
          props={{ title: 'Catalog' }}
          loading={<p>Loading catalog…</p>}
          fallback={(error, retry) => <Unavailable name="catalog" error={error} retry={retry} />}
        />
        <RemoteComponent
          id="cart/CartSummary"
          loading={<p>Loading cart…</p>}
          fallback={(error, retry) => <Unavailable name="cart" error={error} retry={retry} />}
        />
      </main>
    </>
  );
}
