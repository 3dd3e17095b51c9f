// Product cards from store.tool_result (on a WebRTC call: from the tool outputs, see tool-cards.js): what the
// assistant just found, as links the shopper can follow, with a "Tell me more" button that asks the assistant
// about that product.
//
// All server data goes into the DOM through textContent and attributes, never innerHTML.

const MAX_CARDS = 6;

function formatPrice(price, currency) {
  const amount = typeof price === 'number' ? price : Number(price);
  if (!Number.isFinite(amount)) {
    return '';
  }
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' }).format(amount);
  } catch (invalidCurrency) {
    return `${amount.toFixed(2)} ${currency || ''}`.trim();
  }
}

function stockText(product) {
  const inStock = product.in_stock === true || (product.in_stock === undefined && product.stock > 0);
  if (!inStock) {
    return 'Out of stock';
  }
  return Number.isFinite(product.stock) ? `In stock (${product.stock})` : 'In stock';
}

/** Keeps only the fields a card needs, so what goes to sessionStorage stays small and predictable. */
function normalise(product) {
  if (!product || (typeof product.id !== 'number' && typeof product.id !== 'string')) {
    return null;
  }
  return {
    id: product.id,
    sku: typeof product.sku === 'string' ? product.sku : '',
    name: typeof product.name === 'string' ? product.name : `Product ${product.id}`,
    brand: typeof product.brand === 'string' ? product.brand : '',
    category: typeof product.category === 'string' ? product.category : '',
    price: product.price,
    currency: typeof product.currency === 'string' ? product.currency : 'USD',
    stock: typeof product.stock === 'number' ? product.stock : null,
    in_stock: typeof product.in_stock === 'boolean' ? product.in_stock : undefined,
    image_url: typeof product.image_url === 'string' ? product.image_url : '',
  };
}

export class Cards {
  /**
   * @param {HTMLElement} container  #assistant-cards
   * @param {{onPick: (product: object) => void, onChange?: () => void}} handlers
   */
  constructor(container, { onPick, onChange }) {
    this.container = container;
    this.onPick = onPick;
    this.onChange = onChange || (() => {});
    this.products = [];
  }

  /** Replaces the shown cards (store.tool_result with products). Empty results keep the current cards. */
  show(products) {
    if (!Array.isArray(products)) {
      return;
    }
    const usable = products.map(normalise).filter(Boolean).slice(0, MAX_CARDS);
    if (usable.length === 0) {
      return;
    }
    this.products = usable;
    this.render();
    this.onChange();
  }

  render() {
    const cards = this.products.map((product) => this.card(product));
    this.container.replaceChildren(...cards);
    this.container.hidden = cards.length === 0;
  }

  card(product) {
    const id = String(product.id);
    const article = document.createElement('article');
    article.className = 'product-card';
    article.dataset.productId = id;

    const link = document.createElement('a');
    link.className = 'card-link';
    link.href = `/products/${encodeURIComponent(id)}`;
    if (product.image_url) {
      const image = document.createElement('img');
      image.className = 'assistant-card-image';
      image.src = product.image_url; // as given: the store serves relative /api/products/ID/image URLs
      image.alt = ''; // decorative: the name follows in the same link
      image.loading = 'lazy';
      image.decoding = 'async';
      image.width = 96;
      image.height = 96;
      image.addEventListener('error', () => image.remove(), { once: true });
      link.append(image);
    }
    const name = document.createElement('span');
    name.className = 'assistant-card-name';
    name.textContent = product.name;
    link.append(name);

    const brand = document.createElement('p');
    brand.className = 'assistant-card-brand';
    brand.textContent = product.brand;

    const price = document.createElement('p');
    price.className = 'assistant-card-price';
    price.textContent = formatPrice(product.price, product.currency);

    const stock = document.createElement('p');
    stock.className = 'assistant-card-stock';
    const inStock = stockText(product);
    stock.textContent = inStock;
    stock.dataset.inStock = String(inStock !== 'Out of stock');

    const pick = document.createElement('button');
    pick.type = 'button';
    pick.className = 'assistant-button card-pick';
    pick.textContent = 'Tell me more';
    pick.setAttribute('aria-label', `Tell me more about ${product.name}`);
    pick.addEventListener('click', () => this.onPick(product));

    article.append(link, brand, price, stock, pick);
    return article;
  }

  snapshot() {
    return this.products;
  }

  restore(saved) {
    if (Array.isArray(saved) && saved.length > 0) {
      this.products = saved.map(normalise).filter(Boolean).slice(0, MAX_CARDS);
      this.render();
    }
  }
}
