import { useState, type JSX } from 'react';
import { addToCart } from '@shop/contracts';
import { formatPrice, products } from './products.js';
import './ProductList.css';

export interface ProductListProps {
  /** Heading above the list. Default 'Catalog'. */
  title?: string;
}

/** The catalog's exposed component: products with an "Add to cart" button each, feeding the shared cart. */
export default function ProductList({ title = 'Catalog' }: ProductListProps): JSX.Element {
  const [added, setAdded] = useState<Record<string, number>>({});
  const total = Object.values(added).reduce((sum, n) => sum + n, 0);
  return (
    <section data-testid="product-list">
      <h2>{title}</h2>
      <ul className="catalog-products">
        {products.map((product) => (
          <li key={product.id} className="catalog-product" data-testid={`product-${product.id}`}>
            <span>
              {product.name} · {formatPrice(product.priceCents)}
            </span>
            <button
              type="button"
              data-testid="add-to-cart"
              onClick={() => {
                setAdded((counts) => ({ ...counts, [product.id]: (counts[product.id] ?? 0) + 1 }));
                addToCart(product);
              }}
            >
              Add to cart{added[product.id] ? ` (${added[product.id]})` : ''}
            </button>
          </li>
        ))}
      </ul>
      <p data-testid="catalog-added-count">{total} added</p>
    </section>
  );
}
