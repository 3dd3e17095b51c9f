package io.realtimestore.voice.tts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spoken fixtures in {@code fixtures/voice/} must stay true to the seed catalog: a renamed product, a category that
 * no longer exists or a filter the expected product does not pass would make every speech benchmark built on them wrong.
 */
class VoiceFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> QUERY_COLUMNS = List.of("id", "text", "tool", "arguments", "expect_product");
    private static final Set<String> TOOLS =
            Set.of("search_products", "get_product_details", "check_availability", "compare_products", "none");
    private static final Set<String> SEARCH_FILTERS =
            Set.of("query", "category", "brand", "min_price", "max_price", "in_stock_only");

    private static Path repository;
    private static Map<String, JsonNode> productsByName;

    @BeforeAll
    static void readCatalog() throws IOException {
        repository = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repository.resolve("fixtures/voice"))) {
            repository = repository.getParent();
            assertThat(repository).as("a parent directory holding fixtures/voice").isNotNull();
        }
        productsByName = new HashMap<>();
        for (String line : Files.readAllLines(repository.resolve("products-service/src/main/resources/seed/catalog.ndjson"))) {
            if (!line.isBlank()) {
                JsonNode product = JSON.readTree(line);
                productsByName.put(product.get("name").asText(), product);
            }
        }
    }

    @Test
    void queriesAreWellFormedAndTrueToTheCatalog() throws IOException {
        List<Map<String, String>> rows = read("queries.tsv", QUERY_COLUMNS);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(24);
        rows.forEach(VoiceFixturesTest::assertTurn);
        assertThat(rows).extracting(row -> row.get("tool")).containsAll(TOOLS);
    }

    @Test
    void conversationsAreNumberedTurnByTurn() throws IOException {
        List<String> columns = new ArrayList<>(List.of("conversation", "turn"));
        columns.addAll(QUERY_COLUMNS);
        List<Map<String, String>> rows = read("conversations.tsv", columns);
        rows.forEach(VoiceFixturesTest::assertTurn);
        Map<String, List<Integer>> turns = rows.stream().collect(Collectors.groupingBy(row -> row.get("conversation"),
                Collectors.mapping(row -> Integer.parseInt(row.get("turn")), Collectors.toList())));
        assertThat(turns).hasSizeGreaterThanOrEqualTo(3);
        turns.forEach((conversation, numbers) -> {
            assertThat(numbers).as(conversation).hasSizeGreaterThanOrEqualTo(2);
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).as(conversation + " turn order").isEqualTo(i + 1);
            }
        });
    }

    @Test
    void idsAreUniqueAcrossBothFilesAndSafeAsFileNames() throws IOException {
        List<String> ids = new ArrayList<>(read("queries.tsv", QUERY_COLUMNS).stream().map(row -> row.get("id")).toList());
        List<String> columns = new ArrayList<>(List.of("conversation", "turn"));
        columns.addAll(QUERY_COLUMNS);
        read("conversations.tsv", columns).forEach(row -> ids.add(row.get("id")));
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9-]+"));
    }

    private static void assertTurn(Map<String, String> row) {
        String id = row.get("id");
        // written as a recogniser would transcribe it: lowercase words, numbers spelled out, no punctuation
        assertThat(row.get("text")).as(id + " text").matches("[a-z' ]+");
        String tool = row.get("tool");
        assertThat(TOOLS).as(id + " tool").contains(tool);
        JsonNode arguments = parse(id, row.get("arguments"));
        String expected = row.get("expect_product");
        JsonNode product = expected.equals("-") ? null : productsByName.get(expected);
        assertThat(expected.equals("-") || product != null).as(id + ": '" + expected + "' is a product in the seed").isTrue();
        if (!tool.equals("search_products")) {
            assertThat(arguments.isEmpty()).as(id + ": only search_products takes filters (the others take ids)").isTrue();
            return;
        }
        arguments.fieldNames().forEachRemaining(name -> assertThat(SEARCH_FILTERS).as(id + " filter").contains(name));
        if (arguments.has("category")) {
            assertThat(values("category")).as(id + " category").contains(arguments.get("category").asText());
        }
        if (arguments.has("brand")) {
            assertThat(values("brand")).as(id + " brand").contains(arguments.get("brand").asText());
        }
        if (product != null) {
            assertThat(passes(product, arguments)).as(id + ": " + expected + " passes " + arguments).isTrue();
        }
    }

    private static boolean passes(JsonNode product, JsonNode filters) {
        double price = product.get("price").asDouble();
        String searchable = (product.get("name").asText() + " " + product.get("description").asText() + " "
                + product.get("tags").toString()).toLowerCase(Locale.ROOT);
        return (!filters.has("category") || filters.get("category").asText().equals(product.get("category").asText()))
                && (!filters.has("brand") || filters.get("brand").asText().equals(product.get("brand").asText()))
                && (!filters.has("min_price") || price >= filters.get("min_price").asDouble())
                && (!filters.has("max_price") || price <= filters.get("max_price").asDouble())
                && (!filters.has("in_stock_only") || product.get("stock").asInt() > 0)
                && (!filters.has("query") || searchable.contains(filters.get("query").asText().toLowerCase(Locale.ROOT)));
    }

    private static Set<String> values(String field) {
        Set<String> values = new HashSet<>();
        productsByName.values().forEach(product -> values.add(product.get(field).asText()));
        return values;
    }

    private static JsonNode parse(String id, String arguments) {
        try {
            JsonNode parsed = JSON.readTree(arguments);
            assertThat(parsed.isObject()).as(id + " arguments are a JSON object").isTrue();
            return parsed;
        } catch (IOException e) {
            throw new AssertionError(id + ": arguments are not JSON: " + arguments, e);
        }
    }

    private static List<Map<String, String>> read(String file, List<String> columns) throws IOException {
        List<String> lines = Files.readAllLines(repository.resolve("fixtures/voice").resolve(file));
        assertThat(Arrays.asList(lines.getFirst().split("\t"))).as(file + " header").isEqualTo(columns);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            assertThat(cells).as(file + ": " + line).hasSize(columns.size());
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(columns.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
