package io.realtimestore.store.view;

import io.realtimestore.dto.ProductView;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A product as the pages show it: the catalog's view plus the price and stock already worded. */
public record ProductTile(long id, String sku, String name, String brand, String category, String description,
        String price, String stock, boolean inStock, String imageUrl, List<String> tags, Map<String, String> attributes) {

    public static ProductTile of(ProductView product) {
        return new ProductTile(product.id(), product.sku(), product.name(), product.brand(), product.category(),
                product.description(), money(product.price(), product.currency()),
                product.inStock() ? "In stock (" + product.stock() + ")" : "Out of stock", product.inStock(),
                product.imageUrl(), product.tags() == null ? List.of() : product.tags(),
                product.attributes() == null ? Map.of() : product.attributes());
    }

    public String href() {
        return "/products/" + id;
    }

    static String money(BigDecimal amount, String currencyCode) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        try {
            format.setCurrency(Currency.getInstance(currencyCode));
        } catch (IllegalArgumentException | NullPointerException unknownCurrency) {
            return amount.toPlainString() + (currencyCode == null ? "" : " " + currencyCode);
        }
        return format.format(amount);
    }
}
