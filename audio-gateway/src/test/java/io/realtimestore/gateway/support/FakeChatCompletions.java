package io.realtimestore.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.realtimestore.testsupport.SelfSignedHttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the chat-completions APIs of Azure OpenAI ({@code POST /openai/deployments/{deployment}/chat/completions
 * ?api-version=…}, key in {@code api-key}) and OpenAI ({@code POST /v1/chat/completions}, {@code Authorization: Bearer}),
 * which cannot be reached from here. It answers in each service's wire format — server-sent event chunks ending in
 * {@code data: [DONE]}, Azure's prompt and content filter annotations, tool calls streamed as argument fragments,
 * the usage chunk when {@code stream_options.include_usage} asks for it, each service's error bodies — so the real
 * LangChain4j clients run against it unchanged ({@code FakeChatCompletionsTest} proves that).
 *
 * <p>What it answers is scripted from the request's messages, deterministically: a greeting for "hello"/"hi", an
 * {@code end_conversation} call for "bye", one {@code search_products} call per side of " and " (parallel calls),
 * else one {@code search_products} call; after tool results, a sentence built only from those results. Failures are
 * queued with {@link #enqueueFailure(Failure)} and consumed by the next request. Every request is recorded (never a
 * key: only whether a credential came and whether it was the right one).
 *
 * <p>Use it as a Quarkus test resource ({@code @WithTestResource(FakeChatCompletions.class)}; init arg
 * {@code provider=openai} configures OpenAI instead of Azure) or directly ({@code try (var fake =
 * FakeChatCompletions.open())}). The recorded requests and the failure queue are static, shared by all instances,
 * because a Quarkus test cannot reach the resource instance; call {@link #reset()} between tests.
 */
public class FakeChatCompletions implements QuarkusTestResourceLifecycleManager, AutoCloseable {

    public static final String AZURE_API_KEY = "fake-azure-chat-key-0123456789";
    public static final String AZURE_DEPLOYMENT = "chat-deployment";
    public static final String OPENAI_API_KEY = "sk-fake-openai-chat-key-0123456789";
    /** The model a client asks OpenAI for. */
    public static final String OPENAI_MODEL = "gpt-4o-mini";
    /** The model snapshot that answers, as both services name it in their responses. */
    public static final String ANSWERING_MODEL = "gpt-4o-mini-2024-07-18";

    /** The gateway's configuration keys that {@link #start()}, {@link #azureConfig()} and {@link #openAiConfig()} set. */
    public static final String CONFIG_PROVIDER = "chat.provider";
    public static final String CONFIG_AZURE_ENDPOINT = "realtime.azure.endpoint";
    public static final String CONFIG_AZURE_API_KEY = "realtime.azure.api-key";
    public static final String CONFIG_AZURE_DEPLOYMENT = "chat.azure.deployment";
    public static final String CONFIG_OPENAI_API_KEY = "realtime.openai.api-key";
    public static final String CONFIG_OPENAI_BASE_URL = "realtime.openai.base-url";
    public static final String CONFIG_OPENAI_MODEL = "chat.openai.model";

    /** The scripted answers, for assertions. */
    public static final String GREETING = "Hello! I can help you find products in our catalog. What are you looking for?";
    public static final String GOODBYE = "Goodbye, and thanks for shopping with us!";
    public static final String CATALOG_UNAVAILABLE = "Sorry, I couldn't check the catalog just now. Please try again in a moment.";
    /** What a {@link Failure#DROP_MID_STREAM} answer starts to say before the connection drops. */
    public static final String DROPPED_ANSWER = "Let me check that for you.";

    public static final String SEARCH_PRODUCTS = "search_products";
    public static final String END_CONVERSATION = "end_conversation";

    /** What the next request suffers instead of being answered. */
    public enum Failure {
        SERVER_ERROR_500,
        /** 429 with {@code Retry-After: 1}. */
        RATE_LIMITED_429,
        /** 401, whatever key came. */
        UNAUTHORIZED_401,
        /** The request is accepted and never answered, until {@link #reset()} or the fake stops. */
        HANG,
        /**
         * The stream starts (Azure's prompt filter chunk, the role chunk, one content chunk: "Let me check"), then the
         * connection closes without ending the body or sending {@code [DONE]}.
         */
        DROP_MID_STREAM
    }

    /** One request as the fake received it; the credential itself is never kept. */
    public record RecordedRequest(Api api, String method, String path, String query, boolean credentialPresent,
            boolean authorized, JsonNode body) {

        public boolean stream() {
            return body.path("stream").asBoolean(false);
        }

        public boolean includeUsage() {
            return body.path("stream_options").path("include_usage").asBoolean(false);
        }

        public JsonNode messages() {
            return body.path("messages");
        }

        public List<String> roles() {
            List<String> roles = new ArrayList<>();
            messages().forEach(message -> roles.add(message.path("role").asText()));
            return roles;
        }

        public List<String> toolNames() {
            List<String> names = new ArrayList<>();
            body.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
            return names;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AZURE_PATH = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");
    private static final String OPENAI_PATH = "/v1/chat/completions";
    /** Longest a {@link Failure#HANG} keeps its exchange if nobody resets or stops the fake. */
    private static final long HANG_LIMIT_MINUTES = 10;
    /**
     * How long a {@link Failure#DROP_MID_STREAM} waits between its last chunk and the drop: a connection dies some
     * time after the last data, and without the pause a client may see the close before it has handed on the data.
     */
    private static final long DROP_AFTER_MILLIS = 200;

    private static final List<RecordedRequest> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Queue<Failure> FAILURES = new ConcurrentLinkedQueue<>();
    /** Numbers responses, so completion and tool call ids differ between requests but not between runs. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile CountDownLatch hangRelease = new CountDownLatch(1);

    private SelfSignedHttpsServer server;
    private String provider = "azure";

    /** Starts a fake for a plain test; close it when done. */
    public static FakeChatCompletions open() {
        FakeChatCompletions fake = new FakeChatCompletions();
        fake.start();
        return fake;
    }

    public static void enqueueFailure(Failure failure) {
        FAILURES.add(failure);
    }

    /** Every request since the last {@link #reset()}, oldest first. */
    public static List<RecordedRequest> requests() {
        return List.copyOf(REQUESTS);
    }

    public static RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("the fake chat completions service has received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets requests and queued failures, and lets hanging requests go (their connections are dropped). */
    public static void reset() {
        REQUESTS.clear();
        FAILURES.clear();
        SEQUENCE.set(0);
        releaseHangingRequests();
    }

    @Override
    public void init(Map<String, String> initArgs) {
        provider = initArgs.getOrDefault("provider", provider).toLowerCase(Locale.ROOT);
    }

    /** Starts the server; returns the gateway configuration for the provider chosen by the init arg (Azure by default). */
    @Override
    public Map<String, String> start() {
        server = SelfSignedHttpsServer.start(this::handle);
        return switch (provider) {
            case "azure" -> azureConfig();
            case "openai" -> openAiConfig();
            default -> throw new IllegalArgumentException("provider must be azure or openai, not " + provider);
        };
    }

    @Override
    public void stop() {
        releaseHangingRequests();
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return server.port();
    }

    /** {@code https://localhost:<port>}: an Azure OpenAI resource endpoint. */
    public String azureEndpoint() {
        return server.url();
    }

    /** {@code https://localhost:<port>/v1}: an OpenAI base URL. */
    public String openAiBaseUrl() {
        return server.url() + "/v1";
    }

    public Map<String, String> azureConfig() {
        return Map.of(CONFIG_PROVIDER, "azure", CONFIG_AZURE_ENDPOINT, azureEndpoint(),
                CONFIG_AZURE_API_KEY, AZURE_API_KEY, CONFIG_AZURE_DEPLOYMENT, AZURE_DEPLOYMENT);
    }

    public Map<String, String> openAiConfig() {
        return Map.of(CONFIG_PROVIDER, "openai", CONFIG_OPENAI_API_KEY, OPENAI_API_KEY,
                CONFIG_OPENAI_BASE_URL, openAiBaseUrl(), CONFIG_OPENAI_MODEL, OPENAI_MODEL);
    }

    private static void releaseHangingRequests() {
        CountDownLatch hanging = hangRelease;
        hangRelease = new CountDownLatch(1);
        hanging.countDown();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Api api = path.startsWith("/openai/") ? Api.AZURE : Api.OPENAI;
        RecordedRequest request = record(exchange, api);
        if (!"POST".equals(request.method()) || !api.routes(path)) {
            sendError(exchange, api.notFound());
            return;
        }
        int number = SEQUENCE.incrementAndGet();
        Failure failure = FAILURES.poll();
        if (failure != null) {
            fail(exchange, request, number, failure);
        } else if (!request.authorized()) {
            sendError(exchange, api.unauthorized());
        } else if (api == Api.AZURE && missingApiVersion(request)) {
            sendError(exchange, api.notFound());
        } else if (api == Api.AZURE && !AZURE_DEPLOYMENT.equals(deployment(path))) {
            sendError(exchange, Api.deploymentNotFound());
        } else if (request.body().isMissingNode()) {
            sendError(exchange, api.unreadableBody());
        } else {
            answer(exchange, new Response(request, number, Script.replyTo(request.messages(), number)));
        }
    }

    private static RecordedRequest record(HttpExchange exchange, Api api) {
        String credential = exchange.getRequestHeaders().getFirst(api.credentialHeader());
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (IOException unreadable) {
            body = MissingNode.getInstance();
        }
        RecordedRequest request = new RecordedRequest(api, exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), credential != null,
                api.expectedCredential().equals(credential), body == null ? MissingNode.getInstance() : body);
        REQUESTS.add(request);
        return request;
    }

    private static boolean missingApiVersion(RecordedRequest request) {
        return request.query() == null || !request.query().contains("api-version=");
    }

    private static String deployment(String path) {
        Matcher matcher = AZURE_PATH.matcher(path);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static void fail(HttpExchange exchange, RecordedRequest request, int number, Failure failure)
            throws IOException {
        Api api = request.api();
        switch (failure) {
            case SERVER_ERROR_500 -> sendError(exchange, api.serverError());
            case RATE_LIMITED_429 -> {
                exchange.getResponseHeaders().add("Retry-After", "1");
                sendError(exchange, api.rateLimited(request.query()));
            }
            case UNAUTHORIZED_401 -> sendError(exchange, api.unauthorized());
            case HANG -> hang();
            case DROP_MID_STREAM -> dropMidStream(exchange, new Response(request, number, new Text(DROPPED_ANSWER)));
        }
    }

    /** Keeps the exchange (and this handler thread, one of many) until released, then drops the connection. */
    private static void hang() throws IOException {
        try {
            hangRelease.await(HANG_LIMIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        throw dropConnection();
    }

    private static void dropMidStream(HttpExchange exchange, Response response) throws IOException {
        if (response.request.stream()) {
            EventStream events = new EventStream(exchange);
            response.prelude().forEach(events::send);
            response.streamedChunks().stream().limit(2).forEach(events::send);
        } else {
            byte[] body = JSON.writeValueAsBytes(response.completion());
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(body, 0, body.length / 2);
            exchange.getResponseBody().flush();
        }
        pause(DROP_AFTER_MILLIS);
        throw dropConnection();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The JDK server closes the connection, without ending a chunked body, when a handler throws before the response
     * is complete: that is how a dropped connection looks to the client.
     */
    private static IOException dropConnection() {
        return new IOException("connection dropped on purpose by the fake");
    }

    private static void answer(HttpExchange exchange, Response response) throws IOException {
        RecordedRequest request = response.request;
        if (request.stream()) {
            EventStream events = new EventStream(exchange);
            response.prelude().forEach(events::send);
            response.streamedChunks().forEach(events::send);
            if (request.includeUsage()) {
                events.send(response.usageChunk());
            }
            events.done();
        } else {
            sendJson(exchange, 200, response.completion());
        }
    }

    private static void sendError(HttpExchange exchange, ApiError error) throws IOException {
        sendJson(exchange, error.status(), error.body());
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] body = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Server-sent events as both services send them: {@code data: <json>} and a blank line, flushed one by one. */
    private static final class EventStream {

        private final HttpExchange exchange;
        private final OutputStream out;

        EventStream(HttpExchange exchange) throws IOException {
            this.exchange = exchange;
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0); // chunked: the length is unknown while the model "thinks"
            this.out = exchange.getResponseBody();
        }

        void send(JsonNode chunk) {
            write("data: " + chunk + "\n\n");
        }

        void done() throws IOException {
            write("data: [DONE]\n\n");
            exchange.close();
        }

        private void write(String event) {
            try {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The two services' differences: routes, credentials, annotations, error bodies

    /** An error response: status and the service's JSON body. */
    record ApiError(int status, JsonNode body) {
    }

    public enum Api {
        AZURE {
            @Override
            boolean routes(String path) {
                return AZURE_PATH.matcher(path).matches();
            }

            @Override
            String credentialHeader() {
                return "api-key";
            }

            @Override
            String expectedCredential() {
                return AZURE_API_KEY;
            }

            @Override
            ApiError unauthorized() {
                return azureError(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. "
                        + "Make sure to provide a valid key for an active subscription and use a correct regional API "
                        + "endpoint for your resource.");
            }

            @Override
            ApiError rateLimited(String query) {
                String version = query == null ? "" : query.replaceFirst(".*api-version=([^&]*).*", "$1");
                return azureError(429, "429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API "
                        + "version " + version + " have exceeded call rate limit of your current OpenAI S0 pricing tier. "
                        + "Please retry after 1 second. Please go here: https://aka.ms/oai/quotaincrease if you would "
                        + "like to further increase the default rate limit.");
            }

            @Override
            ApiError serverError() {
                return azureError(500, "InternalServerError", "The service is temporarily unable to process your "
                        + "request. Please try again later.");
            }

            @Override
            ApiError notFound() {
                return azureError(404, "404", "Resource not found");
            }

            @Override
            ApiError unreadableBody() {
                return azureError(400, "BadRequest", "Invalid JSON in the request body.");
            }
        },
        OPENAI {
            @Override
            boolean routes(String path) {
                return OPENAI_PATH.equals(path);
            }

            @Override
            String credentialHeader() {
                return "Authorization";
            }

            @Override
            String expectedCredential() {
                return "Bearer " + OPENAI_API_KEY;
            }

            @Override
            ApiError unauthorized() {
                return openAiError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided. "
                        + "You can find your API key at https://platform.openai.com/account/api-keys.");
            }

            @Override
            ApiError rateLimited(String query) {
                return openAiError(429, "requests", "rate_limit_exceeded", "Rate limit reached for " + OPENAI_MODEL
                        + " in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. "
                        + "Please try again in 1s.");
            }

            @Override
            ApiError serverError() {
                return openAiError(500, "server_error", null, "The server had an error while processing your "
                        + "request. Sorry about that!");
            }

            @Override
            ApiError notFound() {
                return openAiError(404, "invalid_request_error", null, "Invalid URL");
            }

            @Override
            ApiError unreadableBody() {
                return openAiError(400, "invalid_request_error", null, "We could not parse the JSON body of your "
                        + "request.");
            }
        };

        abstract boolean routes(String path);

        abstract String credentialHeader();

        /** The header value that authorises a request. */
        abstract String expectedCredential();

        abstract ApiError unauthorized();

        abstract ApiError rateLimited(String query);

        abstract ApiError serverError();

        abstract ApiError notFound();

        abstract ApiError unreadableBody();

        static ApiError deploymentNotFound() {
            return azureError(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you "
                    + "created the deployment within the last 5 minutes, please wait a moment and try again.");
        }

        private static ApiError azureError(int status, String code, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("code", code).put("message", message);
            return new ApiError(status, body);
        }

        private static ApiError openAiError(int status, String type, String code, String message) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
            return new ApiError(status, body);
        }
    }

    /** One answer rendered in a service's format: chunks for a stream, or a whole {@code chat.completion}. */
    private static final class Response {

        private final RecordedRequest request;
        private final Reply reply;
        private final String id;
        private final long created = Instant.now().getEpochSecond();

        Response(RecordedRequest request, int number, Reply reply) {
            this.request = request;
            this.reply = reply;
            this.id = "chatcmpl-fake%08d".formatted(number);
        }

        /** Azure first reports its prompt filter in a chunk of its own: no choices, empty id and model. */
        List<JsonNode> prelude() {
            if (request.api() != Api.AZURE) {
                return List.of();
            }
            ObjectNode chunk = JSON.createObjectNode();
            chunk.putArray("choices");
            chunk.put("created", 0).put("id", "").put("model", "").put("object", "");
            chunk.set("prompt_filter_results", promptFilterResults());
            return List.of(chunk);
        }

        List<JsonNode> streamedChunks() {
            List<JsonNode> chunks = new ArrayList<>();
            for (ObjectNode delta : reply.deltas()) {
                chunks.add(chunk(choice(delta, null)));
            }
            chunks.add(chunk(choice(JSON.createObjectNode(), reply.finishReason())));
            return chunks;
        }

        /** Sent last when {@code stream_options.include_usage} asks for it: no choices, the usage of the request. */
        JsonNode usageChunk() {
            ObjectNode chunk = chunk(null);
            chunk.set("usage", usage());
            return chunk;
        }

        JsonNode completion() {
            ObjectNode completion = header("chat.completion");
            if (request.api() == Api.AZURE) {
                completion.set("prompt_filter_results", promptFilterResults());
            }
            ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
            choice.set("message", reply.message());
            choice.putNull("logprobs");
            choice.put("finish_reason", reply.finishReason());
            annotate(choice, reply.message());
            completion.set("usage", usage());
            return completion;
        }

        private ObjectNode chunk(ObjectNode choice) {
            ObjectNode chunk = header("chat.completion.chunk");
            ArrayNode choices = chunk.putArray("choices");
            if (choice != null) {
                choices.add(choice);
            }
            if (request.api() == Api.OPENAI && request.includeUsage()) {
                chunk.putNull("usage"); // OpenAI marks every chunk but the last when usage was asked for
            }
            return chunk;
        }

        private ObjectNode header(String object) {
            ObjectNode header = JSON.createObjectNode().put("id", id).put("object", object).put("created", created)
                    .put("model", ANSWERING_MODEL).put("system_fingerprint", "fp_fake0001");
            if (request.api() == Api.OPENAI) {
                header.put("service_tier", "default");
            }
            return header;
        }

        private ObjectNode choice(ObjectNode delta, String finishReason) {
            ObjectNode choice = JSON.createObjectNode().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason);
            annotate(choice, delta);
            return choice;
        }

        /** Azure annotates each choice with its content filter's verdict: empty unless the choice carries text. */
        private void annotate(ObjectNode choice, JsonNode message) {
            if (request.api() != Api.AZURE) {
                return;
            }
            boolean hasText = message.path("content").isTextual() && !message.path("content").asText().isEmpty();
            choice.set("content_filter_results", hasText ? safeVerdicts() : JSON.createObjectNode());
        }

        private ArrayNode promptFilterResults() {
            ArrayNode results = JSON.createArrayNode();
            ObjectNode verdicts = safeVerdicts();
            verdicts.putObject("jailbreak").put("filtered", false).put("detected", false);
            results.addObject().put("prompt_index", 0).set("content_filter_results", verdicts);
            return results;
        }

        private static ObjectNode safeVerdicts() {
            ObjectNode verdicts = JSON.createObjectNode();
            for (String category : List.of("hate", "self_harm", "sexual", "violence")) {
                verdicts.putObject(category).put("filtered", false).put("severity", "safe");
            }
            return verdicts;
        }

        /** Roughly four characters a token, as with English text: enough for clients that add usage up. */
        private ObjectNode usage() {
            int prompt = Math.max(1, (request.messages().toString().length() + request.body().path("tools").toString()
                    .length()) / 4);
            int completion = reply.completionTokens();
            ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                    .put("total_tokens", prompt + completion);
            if (request.api() == Api.OPENAI) {
                usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
                usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
            }
            return usage;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What the assistant says, independent of the service

    /** An assistant turn: streamed as deltas (the first carries the role) or sent whole as a message. */
    sealed interface Reply permits Text, ToolCalls {

        List<ObjectNode> deltas();

        ObjectNode message();

        String finishReason();

        int completionTokens();
    }

    /** Text, streamed in pieces of about three words, as a model streams a few tokens at a time. */
    record Text(String text) implements Reply {

        private static final int WORDS_PER_CHUNK = 3;

        @Override
        public List<ObjectNode> deltas() {
            List<ObjectNode> deltas = new ArrayList<>();
            deltas.add(JSON.createObjectNode().put("role", "assistant").put("content", "").putNull("refusal"));
            String[] words = text.split(" ");
            for (int i = 0; i < words.length; i += WORDS_PER_CHUNK) {
                String piece = String.join(" ", List.of(words).subList(i, Math.min(words.length, i + WORDS_PER_CHUNK)));
                deltas.add(JSON.createObjectNode().put("content", i == 0 ? piece : " " + piece));
            }
            return deltas;
        }

        @Override
        public ObjectNode message() {
            return JSON.createObjectNode().put("role", "assistant").put("content", text).putNull("refusal");
        }

        @Override
        public String finishReason() {
            return "stop";
        }

        @Override
        public int completionTokens() {
            return Math.max(1, text.length() / 4);
        }
    }

    record ToolCall(String id, String name, String arguments) {
    }

    /**
     * Function calls, streamed as OpenAI does: per call, a chunk with its index, id, name and empty arguments, then
     * the arguments in a few fragments under the same index.
     */
    record ToolCalls(List<ToolCall> calls) implements Reply {

        private static final int FRAGMENTS = 3;

        @Override
        public List<ObjectNode> deltas() {
            List<ObjectNode> deltas = new ArrayList<>();
            for (int index = 0; index < calls.size(); index++) {
                ToolCall call = calls.get(index);
                ObjectNode opening = JSON.createObjectNode();
                if (index == 0) {
                    opening.put("role", "assistant").putNull("content").putNull("refusal");
                }
                ObjectNode toolCall = opening.putArray("tool_calls").addObject().put("index", index)
                        .put("id", call.id()).put("type", "function");
                toolCall.putObject("function").put("name", call.name()).put("arguments", "");
                deltas.add(opening);
                for (String fragment : fragments(call.arguments())) {
                    ObjectNode delta = JSON.createObjectNode();
                    delta.putArray("tool_calls").addObject().put("index", index)
                            .putObject("function").put("arguments", fragment);
                    deltas.add(delta);
                }
            }
            return deltas;
        }

        private static List<String> fragments(String arguments) {
            List<String> fragments = new ArrayList<>();
            int pieces = Math.min(FRAGMENTS, arguments.length());
            for (int i = 0; i < pieces; i++) {
                fragments.add(arguments.substring(arguments.length() * i / pieces, arguments.length() * (i + 1) / pieces));
            }
            return fragments;
        }

        @Override
        public ObjectNode message() {
            ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content").putNull("refusal");
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (ToolCall call : calls) {
                toolCalls.addObject().put("id", call.id()).put("type", "function")
                        .putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
            return message;
        }

        @Override
        public String finishReason() {
            return "tool_calls";
        }

        @Override
        public int completionTokens() {
            return calls.stream().mapToInt(call -> (call.name().length() + call.arguments().length()) / 4 + 3).sum();
        }
    }

    /** The scripted assistant: decides from the conversation alone, so the same request gets the same answer. */
    static final class Script {

        /** Leading words that are not part of what the shopper looks for, lower case, longest first where they overlap. */
        private static final List<String> LEADING_WORDS = List.of("please", "can you", "could you", "show me",
                "find me", "find", "do you have", "do you sell", "search for", "look for", "i'm looking for",
                "i am looking for", "i want", "i need", "any", "some", "the", "an", "a");
        private static final Pattern HI = Pattern.compile("^hi([\\s!.,]|$)");
        private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
        private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$");
        private static final int PRODUCTS_NAMED = 3;

        private Script() {
        }

        /** {@code number} tells this answer's tool call ids from those of other answers. */
        static Reply replyTo(JsonNode messages, int number) {
            JsonNode last = messages.path(messages.size() - 1);
            return switch (last.path("role").asText()) {
                case "user" -> replyToShopper(text(last), number);
                case "tool" -> replyToToolResults(messages);
                default -> new Text(GREETING);
            };
        }

        private static Reply replyToShopper(String said, int number) {
            String lower = said.strip().toLowerCase(Locale.ROOT);
            if (lower.contains("hello") || HI.matcher(lower).find()) {
                return new Text(GREETING);
            }
            if (lower.contains("bye")) {
                return new ToolCalls(List.of(call(number, 0, END_CONVERSATION, "reason", "the shopper said goodbye")));
            }
            List<ToolCall> searches = new ArrayList<>();
            for (String side : AND.split(said)) {
                String query = query(side);
                if (!query.isEmpty()) {
                    searches.add(call(number, searches.size(), SEARCH_PRODUCTS, "query", query));
                }
            }
            return searches.isEmpty() ? new Text(GREETING) : new ToolCalls(searches);
        }

        private static ToolCall call(int number, int index, String name, String argument, String value) {
            String arguments = JSON.createObjectNode().put(argument, value).toString();
            return new ToolCall("call_fake%06d%02d".formatted(number, index), name, arguments);
        }

        /** "Show me the tents?" → "tents": what to search for, without the request around it. */
        static String query(String words) {
            String query = EDGE_PUNCTUATION.matcher(words).replaceAll("");
            boolean stripped = true;
            while (stripped) {
                stripped = false;
                for (String leading : LEADING_WORDS) {
                    if (query.toLowerCase(Locale.ROOT).startsWith(leading + " ")) {
                        query = query.substring(leading.length()).strip();
                        stripped = true;
                        break;
                    }
                }
            }
            return query;
        }

        /** The answer to the tool results at the end of the conversation: one sentence per distinct result. */
        private static Reply replyToToolResults(JsonNode messages) {
            Map<String, String> toolNames = toolNamesById(messages);
            List<JsonNode> results = new ArrayList<>();
            for (int i = messages.size() - 1; i >= 0 && "tool".equals(messages.get(i).path("role").asText()); i--) {
                results.add(0, messages.get(i));
            }
            LinkedHashSet<String> sentences = new LinkedHashSet<>();
            for (JsonNode result : results) {
                sentences.add(sentence(toolNames.get(result.path("tool_call_id").asText()), text(result)));
            }
            return new Text(String.join(" ", sentences));
        }

        private static Map<String, String> toolNamesById(JsonNode messages) {
            Map<String, String> names = new HashMap<>();
            for (JsonNode message : messages) {
                for (JsonNode call : message.path("tool_calls")) {
                    names.put(call.path("id").asText(), call.path("function").path("name").asText());
                }
            }
            return names;
        }

        private static String sentence(String toolName, String output) {
            if (END_CONVERSATION.equals(toolName) || output.contains("ended")) {
                return GOODBYE;
            }
            JsonNode result = parse(output);
            if (result.has("error")) {
                return CATALOG_UNAVAILABLE;
            }
            if (result.path("products").isArray()) {
                return productsFound(result.path("products"));
            }
            return "Done.";
        }

        /** "I found 2 products: Trail Tent at 249.00 EUR, Dome Tent at 199.00 EUR." */
        private static String productsFound(JsonNode products) {
            if (products.isEmpty()) {
                return "I found no matching products.";
            }
            List<String> named = new ArrayList<>();
            for (int i = 0; i < Math.min(PRODUCTS_NAMED, products.size()); i++) {
                JsonNode product = products.get(i);
                String price = product.path("price").asText("");
                named.add(product.path("name").asText("a product") + (price.isEmpty() ? "" : " at " + price));
            }
            String noun = products.size() == 1 ? "product" : "products";
            return "I found " + products.size() + " " + noun + ": " + String.join(", ", named) + ".";
        }

        /** A message's content as text: a string, or the text parts of an array of parts. */
        private static String text(JsonNode message) {
            JsonNode content = message.path("content");
            if (!content.isArray()) {
                return content.asText("");
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())) {
                    text.append(text.isEmpty() ? "" : " ").append(part.path("text").asText());
                }
            }
            return text.toString();
        }

        private static JsonNode parse(String output) {
            try {
                JsonNode parsed = JSON.readTree(output);
                return parsed == null ? MissingNode.getInstance() : parsed;
            } catch (IOException notJson) {
                return MissingNode.getInstance();
            }
        }
    }
}
