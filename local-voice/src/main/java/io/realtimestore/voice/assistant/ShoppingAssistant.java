package io.realtimestore.voice.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.voice.assistant.Intent.ProductRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The offline engine's shopping assistant: one per session, holding the conversation's context (the last search
 * results and the product in focus) so "the second one" and "is it in stock" work. Each step either asks for tool
 * calls, which the gateway runs exactly as it does for Azure, or says an answer built from the tools' outputs.
 * Not thread-safe: the session calls it from one thread at a time.
 */
public final class ShoppingAssistant {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEARCH_LIMIT = 5;
    /** Enough to cover a whole category when the shopper asks for the cheapest, priciest, lightest or heaviest. */
    private static final int RANKING_LIMIT = 10;

    private final IntentParser parser;
    private List<Product> lastResults = List.of();
    private Product focus;
    /** What the tools were called for; answered when their outputs come back. */
    private Intent pending;
    /** When named products had to be searched first: the intent to carry out once they are found. */
    private List<String> resolvingNames = List.of();
    /** Ids already known when a comparison also needed name searches. */
    private List<Long> pendingIds = List.of();
    /** The last search, so "one from Voltaric instead" keeps its category. */
    private Intent.Search lastSearch;

    public ShoppingAssistant(CatalogTerms terms) {
        this.parser = new IntentParser(terms);
    }

    /** A new shopper turn (typed or transcribed): the first step of the answer. */
    public AssistantStep onUserTurn(String text) {
        pending = null;
        resolvingNames = List.of();
        Intent intent = parser.parse(text);
        if (intent instanceof Intent.OutOfScope && lastSearch != null && IntentParser.refinesPreviousSearch(text)) {
            // "and something smaller for one person": a new search within the last one's category
            String query = IntentParser.query(Phrases.normalize(text));
            intent = new Intent.Search(query.isEmpty() ? lastSearch.query() : query, lastSearch.category(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false, Intent.Ranking.RELEVANCE);
        }
        return switch (intent) {
            case Intent.Search search -> {
                Intent.Search refined = refine(search, text);
                lastSearch = refined;
                yield call(refined, searchCall(refined));
            }
            case Intent.WhichOne which -> new AssistantStep.Say(whichOne(which.criterion()));
            case Intent.Details details -> forProduct(details, details.product());
            case Intent.Availability availability -> forProduct(availability, availability.product());
            case Intent.Compare compare -> compare(compare);
            case Intent.Goodbye goodbye -> call(goodbye, new ToolRequest("end_conversation", "{\"reason\":\"the shopper said goodbye\"}"));
            case Intent.Thanks thanks -> new AssistantStep.Say(AnswerWriter.THANKS);
            case Intent.Greeting greeting -> new AssistantStep.Say(AnswerWriter.GREETING);
            case Intent.OutOfScope outOfScope -> new AssistantStep.Say(AnswerWriter.OUT_OF_SCOPE);
        };
    }

    /** The outputs of the calls of the previous step, in call order: the answer, or one more step. */
    public AssistantStep onToolOutputs(List<String> outputs) {
        Intent intent = pending;
        pending = null;
        if (intent == null) {
            return new AssistantStep.Say(AnswerWriter.THANKS);
        }
        List<JsonNode> parsed = new ArrayList<>();
        for (String output : outputs) {
            JsonNode node = parse(output);
            if (node.has("error") && node.has("instruction")) {
                return new AssistantStep.Say(AnswerWriter.CATALOG_TROUBLE);
            }
            parsed.add(node);
        }
        if (parsed.isEmpty()) {
            return new AssistantStep.Say(AnswerWriter.CATALOG_TROUBLE);
        }
        if (!resolvingNames.isEmpty()) {
            return resolved(intent, parsed);
        }
        return switch (intent) {
            case Intent.Search search -> {
                List<Product> found = Product.listFrom(parsed.get(0).path("products"));
                remember(found);
                AnswerWriter.ranked(search.ranking(), found).ifPresent(pick -> focus = pick);
                yield new AssistantStep.Say(AnswerWriter.searchResults(search, found));
            }
            case Intent.Details details -> productAnswer(parsed.get(0), product -> AnswerWriter.details(product));
            case Intent.Availability availability -> productAnswer(parsed.get(0),
                    product -> AnswerWriter.availability(product, availability.askedPrice()));
            case Intent.Compare compare -> {
                List<Product> compared = Product.listFrom(parsed.get(0).path("products"));
                remember(compared);
                yield new AssistantStep.Say(AnswerWriter.comparison(compared));
            }
            case Intent.Goodbye goodbye -> new AssistantStep.Say(AnswerWriter.GOODBYE);
            default -> new AssistantStep.Say(AnswerWriter.THANKS);
        };
    }

    /** A response was asked for with no new shopper input. */
    public AssistantStep onNothingNew() {
        return new AssistantStep.Say(focus == null ? AnswerWriter.GREETING : "Is there anything else you'd like to know about the "
                + focus.name() + "?");
    }

    /** The response that would have used pending tool outputs was cancelled: forget it. */
    public void cancelPending() {
        pending = null;
        resolvingNames = List.of();
    }

    /** A search without a category that refers back ("one from Voltaric instead") stays in the last search's category. */
    private Intent.Search refine(Intent.Search search, String text) {
        if (search.category().isPresent() || lastSearch == null || lastSearch.category().isEmpty()
                || !IntentParser.refinesPreviousSearch(text)) {
            return search;
        }
        return new Intent.Search(search.query(), lastSearch.category(), search.brand(), search.minPrice(), search.maxPrice(),
                search.inStockOnly(), search.ranking());
    }

    /** "Which one is lighter?" about the products the last tool results described (a comparison, or a search). */
    private String whichOne(Intent.Criterion criterion) {
        List<Product> candidates = lastResults;
        if (candidates.size() < 2) {
            return "Which products do you mean? Ask me to compare two of them first.";
        }
        java.util.Comparator<Product> order = switch (criterion) {
            case LIGHTER, HEAVIER -> java.util.Comparator.comparingDouble(p -> p.weightGrams().orElse(Double.NaN));
            case CHEAPER, PRICIER -> java.util.Comparator.comparing(p -> p.price().orElse(java.math.BigDecimal.ZERO));
        };
        boolean byWeight = criterion == Intent.Criterion.LIGHTER || criterion == Intent.Criterion.HEAVIER;
        if (byWeight && candidates.stream().anyMatch(p -> p.weightGrams().isEmpty())) {
            return "I don't have the weights of those products yet. Shall I compare them for you?";
        }
        boolean lowest = criterion == Intent.Criterion.LIGHTER || criterion == Intent.Criterion.CHEAPER;
        Product pick = lowest ? candidates.stream().min(order).orElseThrow() : candidates.stream().max(order).orElseThrow();
        focus = pick;
        String word = switch (criterion) {
            case LIGHTER -> "lighter";
            case HEAVIER -> "heavier";
            case CHEAPER -> "cheaper";
            case PRICIER -> "more expensive";
        };
        String fact = ", at " + (byWeight ? pick.weight().orElse("") : pick.priceText());
        return "The " + pick.name() + " is the " + word + " one" + fact + ".";
    }

    private AssistantStep forProduct(Intent intent, ProductRef ref) {
        Optional<Product> known = resolve(ref);
        if (known.isPresent()) {
            focus = known.get();
            return call(intent, idCall(intent, known.get().id()));
        }
        if (ref instanceof ProductRef.ById byId) {
            return call(intent, idCall(intent, byId.id()));
        }
        if (ref instanceof ProductRef.Named named) {
            resolvingNames = List.of(named.words());
            return call(intent, nameSearch(named.words()));
        }
        return new AssistantStep.Say(AnswerWriter.WHICH_PRODUCT);
    }

    private AssistantStep compare(Intent.Compare compare) {
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<ProductRef> refs = compare.products().isEmpty() && lastResults.size() >= 2
                ? List.of(new ProductRef.Ordinal(0), new ProductRef.Ordinal(1)) : compare.products();
        for (ProductRef ref : refs) {
            Optional<Product> known = resolve(ref);
            if (known.isPresent()) {
                ids.add(known.get().id());
            } else if (ref instanceof ProductRef.ById byId) {
                ids.add(byId.id());
            } else if (ref instanceof ProductRef.Named named) {
                names.add(named.words());
            }
        }
        if (!names.isEmpty() && ids.size() + names.size() >= 2) {
            resolvingNames = names;
            pendingIds = ids;
            return call(compare, names.stream().map(ShoppingAssistant::nameSearch).toArray(ToolRequest[]::new));
        }
        if (ids.size() < 2) {
            return new AssistantStep.Say("Which products should I compare? Search first, then say for example: compare the first two.");
        }
        return call(compare, compareCall(ids));
    }

    /** Searches for named products came back: carry out the intent with the products they found. */
    private AssistantStep resolved(Intent intent, List<JsonNode> searchOutputs) {
        List<String> names = resolvingNames;
        resolvingNames = List.of();
        List<Product> matches = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<Product> found = Product.listFrom(searchOutputs.get(Math.min(i, searchOutputs.size() - 1)).path("products"));
            Optional<Product> match = NameMatcher.best(names.get(i), found).or(() -> found.stream().findFirst());
            if (match.isEmpty()) {
                return new AssistantStep.Say(AnswerWriter.notFound(names.get(i)));
            }
            matches.add(match.get());
        }
        remember(matches);
        if (intent instanceof Intent.Compare compare) {
            List<Long> ids = new ArrayList<>(pendingIds);
            matches.forEach(m -> ids.add(m.id()));
            pendingIds = List.of();
            return call(compare, compareCall(ids));
        }
        focus = matches.get(0);
        return call(intent, idCall(intent, focus.id()));
    }

    private Optional<Product> resolve(ProductRef ref) {
        return switch (ref) {
            case ProductRef.Ordinal ordinal -> {
                int index = ordinal.index() < 0 ? lastResults.size() + ordinal.index() : ordinal.index();
                yield index >= 0 && index < lastResults.size() ? Optional.of(lastResults.get(index)) : Optional.empty();
            }
            // "is it in stock" right after a list means the product named first
            case ProductRef.Focus f -> Optional.ofNullable(focus).or(() -> lastResults.stream().findFirst());
            case ProductRef.ById byId -> lastResults.stream().filter(p -> p.id() == byId.id()).findFirst();
            case ProductRef.Named named -> {
                List<Product> known = new ArrayList<>(lastResults);
                if (focus != null) {
                    known.add(focus);
                }
                yield NameMatcher.best(named.words(), known);
            }
        };
    }

    private AssistantStep productAnswer(JsonNode output, java.util.function.Function<Product, String> answer) {
        if (output.has("error")) {
            return new AssistantStep.Say("I couldn't find that product. Could you ask me to search for it?");
        }
        Product product = Product.from(output);
        focus = product;
        return new AssistantStep.Say(answer.apply(product));
    }

    private void remember(List<Product> found) {
        if (!found.isEmpty()) {
            lastResults = List.copyOf(found);
            if (found.size() == 1) {
                focus = found.get(0);
            }
        }
    }

    private AssistantStep call(Intent intent, ToolRequest... calls) {
        pending = intent;
        return new AssistantStep.CallTools(List.of(calls));
    }

    private static ToolRequest searchCall(Intent.Search search) {
        ObjectNode arguments = JSON.createObjectNode().put("query", search.query());
        search.category().ifPresent(c -> arguments.put("category", c));
        search.brand().ifPresent(b -> arguments.put("brand", b));
        search.minPrice().ifPresent(p -> arguments.put("min_price", p));
        search.maxPrice().ifPresent(p -> arguments.put("max_price", p));
        if (search.inStockOnly()) {
            arguments.put("in_stock_only", true);
        }
        arguments.put("limit", search.ranking() == Intent.Ranking.RELEVANCE ? SEARCH_LIMIT : RANKING_LIMIT);
        return new ToolRequest("search_products", arguments.toString());
    }

    private static ToolRequest nameSearch(String words) {
        return new ToolRequest("search_products", JSON.createObjectNode().put("query", words).put("limit", 3).toString());
    }

    private static ToolRequest idCall(Intent intent, long id) {
        String tool = intent instanceof Intent.Details ? "get_product_details" : "check_availability";
        return new ToolRequest(tool, JSON.createObjectNode().put("product_id", id).toString());
    }

    private static ToolRequest compareCall(List<Long> ids) {
        ObjectNode arguments = JSON.createObjectNode();
        ids.stream().distinct().limit(4).forEach(arguments.putArray("product_ids")::add);
        return new ToolRequest("compare_products", arguments.toString());
    }

    private static JsonNode parse(String output) {
        try {
            return JSON.readTree(output);
        } catch (Exception notJson) {
            return JSON.createObjectNode().put("error", "unreadable tool output").put("instruction", "apologise");
        }
    }
}
