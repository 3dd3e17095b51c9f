package io.realtimestore.store.view;

import io.realtimestore.store.client.CatalogRequestException;
import io.realtimestore.store.client.ProductListing;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product grid's query as it appears in the page's URL ({@code /products?category=Tents&sort=price&page=2}):
 * pages are numbered from 1 for people (products-service counts from 0), and links to other pages or sort orders
 * keep the other filters.
 */
public record ListingPage(int page, String sort, String category, String brand, String minPrice, String maxPrice,
        boolean inStockOnly) {

    /** The sort orders products-service offers, with the words the page shows for them. */
    public static final List<Choice> SORTS = List.of(new Choice("name", "Name, A to Z"), new Choice("-name", "Name, Z to A"),
            new Choice("price", "Price, low to high"), new Choice("-price", "Price, high to low"), new Choice("newest", "Newest"));

    /** The grid of one category, first page. */
    public static ListingPage ofCategory(String category) {
        return new ListingPage(1, "name", category, null, null, null, false);
    }

    /** Reads the URL's parameters; a page that is not a positive whole number or an unknown sort is refused with a reason. */
    public static ListingPage parse(String page, String sort, String category, String brand, String minPrice,
            String maxPrice, String inStock) {
        int number = 1;
        if (page != null && !page.isBlank()) {
            try {
                number = Integer.parseInt(page.strip());
            } catch (NumberFormatException notANumber) {
                number = 0;
            }
            if (number < 1) {
                throw new CatalogRequestException("The page number must be a whole number, 1 or more.", 400);
            }
        }
        String order = blankToNull(sort);
        if (order != null && SORTS.stream().noneMatch(choice -> choice.value().equals(order))) {
            throw new CatalogRequestException("Products can be sorted by name, -name, price, -price or newest.", 400);
        }
        return new ListingPage(number, order == null ? "name" : order, blankToNull(category), blankToNull(brand),
                blankToNull(minPrice), blankToNull(maxPrice), "true".equals(inStock) || "on".equals(inStock));
    }

    public ProductListing toListing(int pageSize) {
        return new ProductListing(page - 1, pageSize, sort, category, brand, minPrice, maxPrice, inStockOnly);
    }

    /** This listing's URL on another page. */
    public String pageHref(int otherPage) {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "category", category);
        put(params, "brand", brand);
        put(params, "minPrice", minPrice);
        put(params, "maxPrice", maxPrice);
        if (inStockOnly) {
            params.put("inStock", "true");
        }
        if (!"name".equals(sort)) {
            params.put("sort", sort);
        }
        if (otherPage > 1) {
            params.put("page", Integer.toString(otherPage));
        }
        StringBuilder href = new StringBuilder("/products");
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            href.append(separator).append(param.getKey()).append('=').append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return href.toString();
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
