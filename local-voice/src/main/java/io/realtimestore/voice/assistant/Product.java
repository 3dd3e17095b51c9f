package io.realtimestore.voice.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A product as a tool output described it. The assistant only ever states what is here: prices, stock and facts
 * come from the catalog through the tools, never from the assistant itself.
 */
record Product(long id, String name, String brand, String category, Optional<BigDecimal> price, String currency,
        Optional<Boolean> inStock, Optional<Integer> stock, String summary, Map<String, String> attributes) {

    static Product from(JsonNode node) {
        String priceText = node.path("price").asText("");
        Optional<BigDecimal> price = Optional.empty();
        String currency = "USD";
        if (!priceText.isBlank()) {
            String[] parts = priceText.split(" ");
            try {
                price = Optional.of(new BigDecimal(parts[0]));
                currency = parts.length > 1 ? parts[1] : currency;
            } catch (NumberFormatException notANumber) {
                price = Optional.empty();
            }
        }
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        node.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        String summary = node.hasNonNull("description") ? node.path("description").asText() : node.path("summary").asText("");
        return new Product(node.path("id").asLong(), node.path("name").asText(), node.path("brand").asText(""),
                node.path("category").asText(""), price, currency,
                node.has("in_stock") ? Optional.of(node.path("in_stock").asBoolean()) : Optional.empty(),
                node.has("stock") ? Optional.of(node.path("stock").asInt()) : Optional.empty(), summary, attributes);
    }

    static List<Product> listFrom(JsonNode products) {
        List<Product> list = new ArrayList<>();
        products.forEach(node -> list.add(from(node)));
        return list;
    }

    /** "$289" or "$34.99": shoppers read it in the transcript; the synthesizer says it in words. */
    String priceText() {
        return price.map(p -> (currency.equals("USD") ? "$" : "") + p.stripTrailingZeros().toPlainString().replaceAll("\\.(\\d)$", ".$10")
                + (currency.equals("USD") ? "" : " " + currency)).orElse("an unknown price");
    }

    private static final java.util.regex.Pattern WEIGHT = java.util.regex.Pattern.compile("([0-9]+(?:[.,][0-9]+)?)\\s*(kg|g|lb|lbs|oz)\\b");

    /** The "weight" attribute as the catalog wrote it ("1.4 kg"), when the product has one. */
    Optional<String> weight() {
        return attributes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("weight")).findFirst()
                .map(Map.Entry::getValue);
    }

    /** The weight in grams ("1.4 kg", "850 g", "2 lb"), when there is one that reads as a weight. */
    Optional<Double> weightGrams() {
        return weight().flatMap(text -> {
            java.util.regex.Matcher m = WEIGHT.matcher(text.toLowerCase(java.util.Locale.ROOT));
            if (!m.find()) {
                return Optional.empty();
            }
            double value = Double.parseDouble(m.group(1).replace(',', '.'));
            return Optional.of(switch (m.group(2)) {
                case "kg" -> value * 1000;
                case "lb", "lbs" -> value * 453.6;
                case "oz" -> value * 28.35;
                default -> value;
            });
        });
    }

    /** The first sentence of the description: enough for a spoken answer. */
    String firstSentence() {
        int end = summary.indexOf(". ");
        String sentence = end > 0 ? summary.substring(0, end + 1) : summary;
        return sentence.replace("…", "").strip();
    }
}
