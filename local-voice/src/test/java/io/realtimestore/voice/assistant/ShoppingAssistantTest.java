package io.realtimestore.voice.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShoppingAssistantTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CatalogTerms TERMS = new CatalogTerms(
            List.of("Tents", "Sleeping Bags", "Headlamps", "Action Cameras", "Cameras", "GPS Units", "Hiking Poles"),
            List.of("Terravolt", "Northwild", "Waypoint Instruments", "Granite Fox"));
    private static final String HEADLAMPS = """
            {"count":3,"products":[
             {"id":41,"name":"Beacon 400 Headlamp","brand":"Brightmark","category":"Headlamps","price":"39.95 USD","in_stock":true,"stock":12,"summary":"A bright headlamp."},
             {"id":42,"name":"Trail Glow 250","brand":"Emberpeak","category":"Headlamps","price":"24.50 USD","in_stock":true,"stock":3,"summary":"Light."},
             {"id":43,"name":"Summit Beam Pro","brand":"Terravolt","category":"Headlamps","price":"89.00 USD","in_stock":false,"stock":0,"summary":"Pro."}]}
            """;

    private final ShoppingAssistant assistant = new ShoppingAssistant(TERMS);

    @Test
    void searchesWithSpokenFiltersAndAnswersFromTheResults() throws Exception {
        JsonNode arguments = onlyCall(assistant.onUserTurn("show me sleeping bags under two hundred dollars"), "search_products");
        assertThat(arguments.path("category").asText()).isEqualTo("Sleeping Bags");
        assertThat(arguments.path("max_price").decimalValue()).isEqualByComparingTo("200");
        assertThat(arguments.path("query").asText()).isEqualTo("sleeping bags");

        arguments = onlyCall(assistant.onUserTurn("Anything from Terravolt over $50 in stock?"), "search_products");
        assertThat(arguments.path("brand").asText()).isEqualTo("Terravolt");
        assertThat(arguments.path("min_price").decimalValue()).isEqualByComparingTo("50");
        assertThat(arguments.path("in_stock_only").asBoolean()).isTrue();

        arguments = onlyCall(assistant.onUserTurn("do you have any trekking poles between fifty and one hundred and twenty dollars"),
                "search_products");
        assertThat(arguments.path("category").asText()).isEqualTo("Hiking Poles");
        assertThat(arguments.path("min_price").decimalValue()).isEqualByComparingTo("50");
        assertThat(arguments.path("max_price").decimalValue()).isEqualByComparingTo("120");
        // "action camera" is not "camera"
        assertThat(onlyCall(assistant.onUserTurn("show me action cameras"), "search_products").path("category").asText())
                .isEqualTo("Action Cameras");
    }

    @Test
    void cheapestPicksTheLowestPriceFromTheToolOutputOnly() throws Exception {
        JsonNode arguments = onlyCall(assistant.onUserTurn("what's the cheapest headlamp"), "search_products");
        assertThat(arguments.path("limit").asInt()).isEqualTo(10);
        String answer = say(assistant.onToolOutputs(List.of(HEADLAMPS)));
        assertThat(answer).contains("Trail Glow 250").contains("$24.50").doesNotContain("Beacon");
    }

    @Test
    void lightestAndHeaviestRankTheWeighedResultsOfTheCategory() throws Exception {
        String tents = """
                {"count":3,"products":[
                 {"id":7,"name":"Basecamp 6 Family Cabin Tent","category":"Tents","price":"449.00 USD","in_stock":true,"attributes":{"weight":"11.2 kg"}},
                 {"id":8,"name":"Featherlite 1 Trekking Pole Shelter","category":"Tents","price":"379.00 USD","in_stock":false,"attributes":{"weight":"620 g"}},
                 {"id":9,"name":"Ridgeline 2 Ultralight Tent","category":"Tents","price":"329.00 USD","in_stock":true}]}
                """;
        JsonNode arguments = onlyCall(assistant.onUserTurn("what's the lightest tent you have"), "search_products");
        assertThat(arguments.path("category").asText()).isEqualTo("Tents");
        assertThat(arguments.path("limit").asInt()).isEqualTo(10);
        assertThat(say(assistant.onToolOutputs(List.of(tents))))
                .startsWith("The lightest one is the Featherlite 1 Trekking Pole Shelter, weighing 620 g, at $379, but it's out of stock");
        assertThat(onlyCall(assistant.onUserTurn("is it in stock"), "check_availability").path("product_id").asLong()).isEqualTo(8);

        onlyCall(assistant.onUserTurn("which tent is the heaviest"), "search_products");
        assertThat(say(assistant.onToolOutputs(List.of(tents)))).contains("heaviest one is the Basecamp 6", "11.2 kg");

        onlyCall(assistant.onUserTurn("show me the lightest headlamps"), "search_products");
        assertThat(say(assistant.onToolOutputs(List.of(HEADLAMPS)))) // no weights: never a guess
                .startsWith("I don't have the weights of these, but I found 3 options.").contains("Beacon 400 Headlamp");
    }

    @Test
    void followUpsResolveOrdinalsAndPronounsFromTheLastResults() throws Exception {
        onlyCall(assistant.onUserTurn("show me headlamps"), "search_products");
        String list = say(assistant.onToolOutputs(List.of(HEADLAMPS)));
        assertThat(list).contains("Beacon 400 Headlamp", "$39.95", "Trail Glow 250");

        JsonNode details = onlyCall(assistant.onUserTurn("tell me more about the second one"), "get_product_details");
        assertThat(details.path("product_id").asLong()).isEqualTo(42);
        String detailAnswer = say(assistant.onToolOutputs(List.of("""
                {"id":42,"name":"Trail Glow 250","brand":"Emberpeak","category":"Headlamps","price":"24.50 USD","in_stock":true,
                 "stock":3,"description":"A 250 lumen headlamp for night hikes. It runs on AAA batteries.","attributes":{"weight":"85 g"}}
                """)));
        assertThat(detailAnswer).contains("Trail Glow 250", "$24.50", "250 lumen", "85 g");

        JsonNode stock = onlyCall(assistant.onUserTurn("is it in stock"), "check_availability");
        assertThat(stock.path("product_id").asLong()).isEqualTo(42);
        assertThat(say(assistant.onToolOutputs(List.of("""
                {"id":42,"name":"Trail Glow 250","in_stock":true,"stock":3,"price":"24.50 USD"}""")))).contains("only 3 left");

        JsonNode compare = onlyCall(assistant.onUserTurn("compare the first two"), "compare_products");
        assertThat(compare.path("product_ids").toString()).isEqualTo("[41,42]");
    }

    @Test
    void namedProductsAreSearchedFirstThenLookedUp() throws Exception {
        JsonNode search = onlyCall(assistant.onUserTurn("is the summit beam pro in stock"), "search_products");
        assertThat(search.path("query").asText()).isEqualTo("summit beam pro");
        JsonNode availability = onlyCall(assistant.onToolOutputs(List.of(HEADLAMPS)), "check_availability");
        assertThat(availability.path("product_id").asLong()).isEqualTo(43);
        assertThat(say(assistant.onToolOutputs(List.of("""
                {"id":43,"name":"Summit Beam Pro","in_stock":false,"stock":0,"price":"89.00 USD"}""")))).contains("out of stock");
    }

    @Test
    void aFailingToolGivesAnApologyNotAGuess() throws Exception {
        onlyCall(assistant.onUserTurn("show me tents"), "search_products");
        assertThat(say(assistant.onToolOutputs(List.of("{\"error\":\"the product catalog did not answer in time\","
                + "\"instruction\":\"Apologise\"}")))).startsWith("Sorry").doesNotContain("$");
    }

    @Test
    void goodbyeEndsTheConversationThenSaysGoodbye() throws Exception {
        onlyCall(assistant.onUserTurn("thanks, that's all"), "end_conversation");
        assertThat(say(assistant.onToolOutputs(List.of("{\"ok\":true}")))).contains("Goodbye");
    }

    @Test
    void smallTalkAndOutOfScopeGetPoliteAnswersWithoutTools() {
        assertThat(say(assistant.onUserTurn("hello there"))).contains("What are you looking for");
        assertThat(say(assistant.onUserTurn("thank you"))).contains("welcome");
        assertThat(say(assistant.onUserTurn("what's the weather like tomorrow"))).contains("only help with products");
        assertThat(say(assistant.onUserTurn("tell me more about the second one"))).contains("Which product");
    }

    @Test
    void comparingTwoNamedProductsSearchesBothThenCompares() throws Exception {
        AssistantStep step = assistant.onUserTurn("compare the beacon four hundred with the summit beam pro");
        assertThat(step).isInstanceOf(AssistantStep.CallTools.class);
        List<ToolRequest> searches = ((AssistantStep.CallTools) step).calls();
        assertThat(searches).extracting(ToolRequest::name).containsExactly("search_products", "search_products");
        assertThat(JSON.readTree(searches.get(0).arguments()).path("query").asText()).isEqualTo("beacon four hundred");
        assertThat(JSON.readTree(searches.get(1).arguments()).path("query").asText()).isEqualTo("summit beam pro");
        JsonNode compare = onlyCall(assistant.onToolOutputs(List.of(HEADLAMPS, HEADLAMPS)), "compare_products");
        assertThat(compare.path("product_ids").toString()).isEqualTo("[41,43]");
        String answer = say(assistant.onToolOutputs(List.of("""
                {"products":[{"id":41,"name":"Beacon 400 Headlamp","price":"39.95 USD","in_stock":true,"attributes":{"weight":"95 g"}},
                 {"id":43,"name":"Summit Beam Pro","price":"89.00 USD","in_stock":false,"attributes":{"weight":"0.12 kg"}}],"not_found":[]}""")));
        assertThat(answer).contains("Beacon 400 Headlamp", "Summit Beam Pro", "$39.95");
        assertThat(say(assistant.onUserTurn("which one is lighter"))).contains("Beacon 400 Headlamp", "95 g");
        assertThat(say(assistant.onUserTurn("and which one is more expensive"))).contains("Summit Beam Pro", "$89");
    }

    @Test
    void misheardConnectorsStillGiveAComparisonAndAWeightQuestion() throws Exception {
        AssistantStep step = assistant.onUserTurn("compare the beacon four hundred in the summit beam pro");
        assertThat(((AssistantStep.CallTools) step).calls()).extracting(call -> JSON.readTree(call.arguments()).path("query").asText())
                .containsExactly("beacon four hundred", "summit beam pro");

        assistant.cancelPending();
        AssistantStep weight = assistant.onUserTurn("i've heavy is the summit beam pro");
        assertThat(JSON.readTree(((AssistantStep.CallTools) weight).calls().get(0).arguments()).path("query").asText())
                .contains("summit beam pro");
        assertThat(onlyCall(assistant.onToolOutputs(List.of(HEADLAMPS)), "get_product_details").path("product_id").asLong())
                .isEqualTo(43);
    }

    @Test
    void aPronounRightAfterAListMeansTheProductNamedFirst() throws Exception {
        onlyCall(assistant.onUserTurn("show me headlamps"), "search_products");
        say(assistant.onToolOutputs(List.of(HEADLAMPS)));
        assertThat(onlyCall(assistant.onUserTurn("is it in stock"), "check_availability").path("product_id").asLong()).isEqualTo(41);
    }

    @Test
    void aRefiningSearchKeepsThePreviousCategory() throws Exception {
        onlyCall(assistant.onUserTurn("what's the cheapest headlamp"), "search_products");
        say(assistant.onToolOutputs(List.of(HEADLAMPS)));
        JsonNode refined = onlyCall(assistant.onUserTurn("do you have one from terravolt instead"), "search_products");
        assertThat(refined.path("category").asText()).isEqualTo("Headlamps");
        assertThat(refined.path("brand").asText()).isEqualTo("Terravolt");
        JsonNode smaller = onlyCall(assistant.onUserTurn("and something smaller for one person"), "search_products");
        assertThat(smaller.path("category").asText()).isEqualTo("Headlamps");
        // a new category is a new search, not a refinement
        assertThat(onlyCall(assistant.onUserTurn("show me tents instead"), "search_products").path("category").asText())
                .isEqualTo("Tents");
    }

    private static JsonNode onlyCall(AssistantStep step, String tool) throws Exception {
        assertThat(step).isInstanceOf(AssistantStep.CallTools.class);
        List<ToolRequest> calls = ((AssistantStep.CallTools) step).calls();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).name()).isEqualTo(tool);
        return JSON.readTree(calls.get(0).arguments());
    }

    private static String say(AssistantStep step) {
        assertThat(step).isInstanceOf(AssistantStep.Say.class);
        return ((AssistantStep.Say) step).text();
    }
}
