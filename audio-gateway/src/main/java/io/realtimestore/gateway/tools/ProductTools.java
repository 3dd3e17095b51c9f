package io.realtimestore.gateway.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.realtimestore.dto.ProductView;
import io.realtimestore.dto.SearchHit;
import io.realtimestore.dto.SearchResponse;
import io.realtimestore.dto.realtime.StoreEvents.ProductCard;
import io.realtimestore.gateway.client.ProductSearch;
import io.realtimestore.gateway.client.ProductsClient;
import io.realtimestore.gateway.config.ToolsConfig;
import io.realtimestore.gateway.protocol.Events;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import java.util.List;
import java.util.Optional;

/**
 * The assistant's tools, run in the gateway against products-service. Every call ends in an outcome: a failing
 * or slow catalog becomes an output that tells the model to apologise, never a failed session.
 */
@ApplicationScoped
public class ProductTools {

    public static final String SEARCH = "search_products";
    public static final String DETAILS = "get_product_details";
    public static final String AVAILABILITY = "check_availability";
    public static final String COMPARE = "compare_products";
    public static final String END = "end_conversation";
    public static final List<String> NAMES = List.of(SEARCH, DETAILS, AVAILABILITY, COMPARE, END);

    private final ProductsClient products;
    private final ToolsConfig config;

    ProductTools(ProductsClient products, ToolsConfig config) {
        this.products = products;
        this.config = config;
    }

    public Uni<ToolOutcome> run(ToolCall call) {
        Uni<ToolOutcome> outcome;
        try {
            ToolArguments arguments = ToolArguments.parse(call.arguments());
            outcome = switch (call.name()) {
                case SEARCH -> search(arguments);
                case DETAILS -> details(arguments.requiredId("product_id"));
                case AVAILABILITY -> availability(arguments.requiredId("product_id"));
                case COMPARE -> compare(arguments.ids("product_ids", 2, 4));
                case END -> Uni.createFrom().item(ToolOutcome.endConversation());
                default -> Uni.createFrom().item(ToolOutcome.failed("there is no tool named '" + call.name() + "'"));
            };
        } catch (ToolArguments.InvalidArguments invalid) {
            outcome = Uni.createFrom().item(ToolOutcome.failed("invalid arguments for " + call.name() + ": " + invalid.getMessage()));
        }
        return outcome
                .ifNoItem().after(config.timeout()).failWith(TimeoutException::new)
                .onFailure().recoverWithItem(failure -> failed(call, failure));
    }

    private Uni<ToolOutcome> search(ToolArguments arguments) throws ToolArguments.InvalidArguments {
        ProductSearch search = new ProductSearch(arguments.requiredText("query", 200),
                arguments.optionalText("category", 100), arguments.optionalText("brand", 100),
                arguments.optionalPrice("min_price"), arguments.optionalPrice("max_price"),
                arguments.optionalBoolean("in_stock_only"),
                arguments.optionalInt("limit", config.defaultSearchLimit(), 1, config.maxSearchLimit()));
        return products.search(search).map(ProductTools::searchOutcome);
    }

    private static ToolOutcome searchOutcome(SearchResponse response) {
        List<ProductView> found = response.hits().stream().map(SearchHit::product).toList();
        ObjectNode output = Events.JSON.createObjectNode().put("count", found.size());
        ArrayNode list = output.putArray("products");
        // attributes (weight, capacity...) let a model answer "the lightest" or "the warmest" from one search
        found.forEach(product -> list.add(summary(product).putPOJO("attributes", product.attributes())));
        if (found.isEmpty()) {
            output.put("note", "No products matched. Suggest a broader search.");
        }
        return ToolOutcome.ok(Events.write(output), found.stream().map(ProductTools::card).toList());
    }

    private Uni<ToolOutcome> details(long id) {
        return products.product(id).map(found -> found
                .map(product -> {
                    ObjectNode output = summary(product).put("description", product.description());
                    output.putPOJO("attributes", product.attributes());
                    output.putPOJO("tags", product.tags());
                    return ToolOutcome.ok(Events.write(output), List.of(card(product)));
                })
                .orElseGet(() -> notFound(id)));
    }

    private Uni<ToolOutcome> availability(long id) {
        return products.product(id).map(found -> found
                .map(product -> ToolOutcome.ok(Events.write(Events.JSON.createObjectNode()
                        .put("id", product.id()).put("name", product.name()).put("in_stock", product.inStock())
                        .put("stock", product.stock()).put("price", price(product))), List.of(card(product))))
                .orElseGet(() -> notFound(id)));
    }

    private Uni<ToolOutcome> compare(List<Long> ids) {
        List<Uni<Optional<ProductView>>> lookups = ids.stream().map(products::product).toList();
        return Uni.join().all(lookups).andFailFast().map(results -> {
            ObjectNode output = Events.JSON.createObjectNode();
            ArrayNode list = output.putArray("products");
            ArrayNode missing = output.putArray("not_found");
            List<ProductCard> cards = new java.util.ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Optional<ProductView> product = results.get(i);
                if (product.isPresent()) {
                    ObjectNode entry = summary(product.get());
                    entry.putPOJO("attributes", product.get().attributes());
                    list.add(entry);
                    cards.add(card(product.get()));
                } else {
                    missing.add(ids.get(i));
                }
            }
            return ToolOutcome.ok(Events.write(output), cards);
        });
    }

    private static ToolOutcome notFound(long id) {
        return ToolOutcome.ok("{\"error\":\"no product with id " + id + "\",\"instruction\":\"Search again instead of guessing.\"}",
                List.of());
    }

    private static ToolOutcome failed(ToolCall call, Throwable failure) {
        String problem;
        if (failure instanceof TimeoutException
                || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            problem = "the product catalog did not answer in time";
        } else if (failure instanceof CircuitBreakerOpenException) {
            problem = "the product catalog is unavailable at the moment";
        } else {
            problem = "the product catalog could not be reached";
        }
        Log.warnf("Tool %s (call %s) failed: %s (%s)", call.name(), call.callId(), problem, failure.getClass().getSimpleName());
        return ToolOutcome.failed(problem);
    }

    private static ObjectNode summary(ProductView product) {
        return Events.JSON.createObjectNode()
                .put("id", product.id()).put("name", product.name()).put("brand", product.brand())
                .put("category", product.category()).put("price", price(product))
                .put("in_stock", product.inStock()).put("stock", product.stock())
                .put("summary", shorten(product.description(), 160));
    }

    private static String price(ProductView product) {
        return product.price().toPlainString() + " " + product.currency();
    }

    private static ProductCard card(ProductView product) {
        return new ProductCard(product.id(), product.sku(), product.name(), product.brand(), product.category(),
                product.price(), product.currency(), product.stock(), product.inStock(), product.imageUrl());
    }

    private static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > max / 2 ? cut : max) + "…";
    }

    /** The function tools as the Realtime session declares them. */
    public static ArrayNode definitions(ToolsConfig config) {
        ArrayNode tools = Events.JSON.createArrayNode();
        ObjectNode search = function(tools, SEARCH, "Search the store catalog. Use for any product question; "
                + "put the shopper's words in query and use the filters only when the shopper states them. Each result "
                + "has its price, stock and attributes (such as weight).");
        ObjectNode searchProperties = search.putObject("properties");
        text(searchProperties, "query", "what the shopper is looking for, e.g. 'waterproof hiking boots'");
        text(searchProperties, "category", "exact category name, only if the shopper named one");
        text(searchProperties, "brand", "exact brand name, only if the shopper named one");
        number(searchProperties, "min_price", "lowest price in the store currency");
        number(searchProperties, "max_price", "highest price in the store currency");
        searchProperties.putObject("in_stock_only").put("type", "boolean").put("description", "only products in stock");
        searchProperties.putObject("limit").put("type", "integer").put("minimum", 1).put("maximum", config.maxSearchLimit())
                .put("description", "how many products to return (default " + config.defaultSearchLimit() + ")");
        search.putArray("required").add("query");

        idTool(tools, DETAILS, "Full details of one product: description, attributes, price and stock.");
        idTool(tools, AVAILABILITY, "Current stock and price of one product. Use before promising availability.");

        ObjectNode compare = function(tools, COMPARE, "Compare two to four products side by side.");
        compare.putObject("properties").putObject("product_ids").put("type", "array").put("minItems", 2).put("maxItems", 4)
                .put("description", "ids from search results").putObject("items").put("type", "integer");
        compare.putArray("required").add("product_ids");

        ObjectNode end = function(tools, END, "End the conversation after you said goodbye, when the shopper is done.");
        end.putObject("properties").putObject("reason").put("type", "string").put("description", "why the conversation ends");
        return tools;
    }

    private static void idTool(ArrayNode tools, String name, String description) {
        ObjectNode parameters = function(tools, name, description);
        parameters.putObject("properties").putObject("product_id").put("type", "integer")
                .put("description", "the product id from search results");
        parameters.putArray("required").add("product_id");
    }

    private static ObjectNode function(ArrayNode tools, String name, String description) {
        ObjectNode tool = tools.addObject().put("type", "function").put("name", name).put("description", description);
        return tool.putObject("parameters").put("type", "object");
    }

    private static void text(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "string").put("description", description);
    }

    private static void number(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "number").put("minimum", 0).put("description", description);
    }
}
