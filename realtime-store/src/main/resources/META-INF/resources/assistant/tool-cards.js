// Product cards from what the assistant's tools returned, for a WebRTC call. Over the WebSocket the gateway sends
// the products of each tool call as store.tool_result; a direct call has no store.* events, but the tool outputs
// themselves pass on the data channel as function_call_output items (item.output, a JSON string). This reads the
// products of the store's tools out of them, in the shape Cards.show() takes:
//   search        {"count": 3, "products": [{id, name, brand, category, price, in_stock, stock, ...}]}
//   details       {id, name, brand, category, price, in_stock, stock, description, ...}
//   availability  {id, name, in_stock, stock, price}
//   compare       {"products": [...], "not_found": [...]}
//   failures      {"error": "..."} (no cards)
// Prices come as "amount CURRENCY" ("399.00 USD").

const PRICE = /^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z]{3})?\s*$/;

function isProduct(value) {
  return Boolean(value) && typeof value === 'object'
    && (Number.isFinite(value.id) || (typeof value.id === 'string' && value.id !== ''))
    && typeof value.name === 'string';
}

/** "399.00 USD" → [399, 'USD']; a bare number is taken as is. */
function splitPrice(price) {
  if (typeof price === 'number') {
    return [price, undefined];
  }
  const match = typeof price === 'string' ? PRICE.exec(price) : null;
  return match ? [Number(match[1]), match[2] ? match[2].toUpperCase() : undefined] : [null, undefined];
}

function toCard(product) {
  const [price, currency] = splitPrice(product.price);
  return {
    id: product.id,
    name: product.name,
    brand: product.brand,
    category: product.category,
    price,
    currency,
    stock: product.stock,
    in_stock: product.in_stock,
    // The tool outputs carry no image URL; the store serves every product's image here.
    image_url: `/api/products/${encodeURIComponent(String(product.id))}/image`,
  };
}

/** The products in a function_call_output item, as card data; [] for anything else (errors, other items). */
export function productsFromToolOutput(item) {
  if (!item || item.type !== 'function_call_output' || typeof item.output !== 'string') {
    return [];
  }
  let output;
  try {
    output = JSON.parse(item.output);
  } catch (notJson) {
    return [];
  }
  if (!output || typeof output !== 'object' || Array.isArray(output) || output.error) {
    return [];
  }
  const listed = Array.isArray(output.products) ? output.products : [output];
  return listed.filter(isProduct).map(toCard);
}
