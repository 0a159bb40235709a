export interface Product {
  id: string;
  name: string;
  priceCents: number;
}

export const products: Product[] = [
  { id: 'tea', name: 'Green tea', priceCents: 450 },
  { id: 'mug', name: 'Stoneware mug', priceCents: 1200 },
  { id: 'kettle', name: 'Copper kettle', priceCents: 3900 },
];

export function formatPrice(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}
