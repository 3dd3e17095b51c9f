package io.realtimestore.gateway.support;

import static io.realtimestore.gateway.support.FakeChatCompletions.AZURE_API_KEY;
import static io.realtimestore.gateway.support.FakeChatCompletions.AZURE_DEPLOYMENT;
import static io.realtimestore.gateway.support.FakeChatCompletions.OPENAI_API_KEY;
import static io.realtimestore.gateway.support.FakeChatCompletions.OPENAI_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.azure.AzureOpenAiChatModel;
import dev.langchain4j.model.azure.AzureOpenAiStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import io.realtimestore.gateway.support.FakeChatCompletions.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fake is only worth its name if the real clients cannot tell it from the services: LangChain4j's Azure OpenAI
 * and OpenAI chat models, unchanged, get parallel tool calls, streamed text, usage and each kind of failure from it.
 */
class FakeChatCompletionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ToolSpecification SEARCH = ToolSpecification.builder()
            .name(FakeChatCompletions.SEARCH_PRODUCTS).description("Search the store catalog.")
            .parameters(JsonObjectSchema.builder().addStringProperty("query", "what the shopper looks for")
                    .required("query").build())
            .build();
    private static final ToolSpecification END = ToolSpecification.builder()
            .name(FakeChatCompletions.END_CONVERSATION).description("End the conversation.")
            .parameters(JsonObjectSchema.builder().addStringProperty("reason", "why").build())
            .build();
    private static final SystemMessage INSTRUCTIONS = SystemMessage.from("You are the store's shopping assistant.");

    private static FakeChatCompletions fake;

    /** The two real clients, configured as the gateway would, with no retries of their own. */
    enum Client {
        AZURE {
            @Override
            StreamingChatModel streaming(String apiKey, Integer maxRetries) {
                AzureOpenAiStreamingChatModel.Builder builder = AzureOpenAiStreamingChatModel.builder()
                        .endpoint(fake.azureEndpoint()).apiKey(apiKey).deploymentName(AZURE_DEPLOYMENT)
                        .timeout(TIMEOUT);
                return (maxRetries == null ? builder : builder.maxRetries(maxRetries)).build();
            }

            @Override
            ChatModel blocking() {
                return AzureOpenAiChatModel.builder().endpoint(fake.azureEndpoint()).apiKey(AZURE_API_KEY)
                        .deploymentName(AZURE_DEPLOYMENT).maxRetries(0).timeout(TIMEOUT).build();
            }

            @Override
            String apiKey() {
                return AZURE_API_KEY;
            }
        },
        OPENAI {
            /** The OpenAI streaming model has no retries to turn off: it never retries. */
            @Override
            StreamingChatModel streaming(String apiKey, Integer maxRetries) {
                return OpenAiStreamingChatModel.builder().baseUrl(fake.openAiBaseUrl()).apiKey(apiKey)
                        .modelName(OPENAI_MODEL).timeout(TIMEOUT).build();
            }

            @Override
            ChatModel blocking() {
                return OpenAiChatModel.builder().baseUrl(fake.openAiBaseUrl()).apiKey(OPENAI_API_KEY)
                        .modelName(OPENAI_MODEL).maxRetries(0).timeout(TIMEOUT).build();
            }

            @Override
            String apiKey() {
                return OPENAI_API_KEY;
            }
        };

        abstract StreamingChatModel streaming(String apiKey, Integer maxRetries);

        abstract ChatModel blocking();

        abstract String apiKey();

        StreamingChatModel streaming() {
            return streaming(apiKey(), 0);
        }
    }

    @BeforeAll
    static void startFake() {
        fake = FakeChatCompletions.open();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void resetFake() {
        FakeChatCompletions.reset();
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void parallelToolCallsThenAnAnswerBuiltFromTheirResults(Client client) {
        StreamingChatModel model = client.streaming();
        List<ChatMessage> history = new ArrayList<>(List.of(INSTRUCTIONS, UserMessage.from("show me tents and stoves")));

        Streamed calls = Streamed.chat(model, request(history));

        assertThat(calls.error()).isNull();
        assertThat(calls.response().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        AiMessage asked = calls.response().aiMessage();
        assertThat(asked.toolExecutionRequests()).extracting(ToolExecutionRequest::name)
                .containsExactly("search_products", "search_products");
        assertThat(asked.toolExecutionRequests()).extracting(ToolExecutionRequest::arguments)
                .containsExactly("{\"query\":\"tents\"}", "{\"query\":\"stoves\"}");
        assertThat(asked.toolExecutionRequests()).extracting(ToolExecutionRequest::id)
                .allMatch(id -> id.startsWith("call_")).doesNotHaveDuplicates();
        assertThat(calls.partialToolCalls()).hasSizeGreaterThanOrEqualTo(4); // the arguments came in fragments
        assertThat(calls.completeToolCalls()).extracting(CompleteToolCall::index).containsExactly(0, 1);

        FakeChatCompletions.RecordedRequest seen = FakeChatCompletions.lastRequest();
        assertThat(seen.path()).isEqualTo(client == Client.AZURE
                ? "/openai/deployments/" + AZURE_DEPLOYMENT + "/chat/completions" : "/v1/chat/completions");
        assertThat(seen.credentialPresent()).isTrue();
        assertThat(seen.authorized()).isTrue();
        assertThat(seen.stream()).isTrue();
        assertThat(seen.toolNames()).containsExactly("search_products", "end_conversation");
        assertThat(seen.roles()).containsExactly("system", "user");

        history.add(asked);
        history.add(ToolExecutionResultMessage.from(asked.toolExecutionRequests().get(0),
                "{\"count\":2,\"products\":[{\"id\":7,\"name\":\"Trail Tent 2P\",\"price\":\"249.00 EUR\"},"
                        + "{\"id\":9,\"name\":\"Ultralight Tent\",\"price\":\"399.00 EUR\"}]}"));
        history.add(ToolExecutionResultMessage.from(asked.toolExecutionRequests().get(1),
                "{\"count\":1,\"products\":[{\"id\":12,\"name\":\"Camp Stove\",\"price\":\"49.90 EUR\"}]}"));

        Streamed answer = Streamed.chat(model, request(history));

        String expected = "I found 2 products: Trail Tent 2P at 249.00 EUR, Ultralight Tent at 399.00 EUR."
                + " I found 1 product: Camp Stove at 49.90 EUR.";
        assertThat(answer.error()).isNull();
        assertThat(answer.partials()).hasSizeGreaterThan(3);
        assertThat(String.join("", answer.partials())).isEqualTo(expected);
        assertThat(answer.response().aiMessage().text()).isEqualTo(expected);
        assertThat(answer.response().finishReason()).isEqualTo(FinishReason.STOP);
        seen = FakeChatCompletions.lastRequest();
        assertThat(seen.roles()).containsExactly("system", "user", "assistant", "tool", "tool");
        assertThat(seen.messages().get(3).path("tool_call_id").asText())
                .isEqualTo(asked.toolExecutionRequests().get(0).id());
        assertThat(seen.includeUsage()).isTrue(); // both clients ask for the usage chunk, and get it
        assertThat(answer.response().tokenUsage().totalTokenCount()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void greetsThenEndsTheConversationWhenTheShopperSaysBye(Client client) {
        StreamingChatModel model = client.streaming();

        Streamed greeting = Streamed.chat(model, request(List.of(INSTRUCTIONS, UserMessage.from("Hello there"))));
        assertThat(greeting.response().aiMessage().text()).isEqualTo(FakeChatCompletions.GREETING);
        assertThat(greeting.response().aiMessage().hasToolExecutionRequests()).isFalse();

        List<ChatMessage> history = new ArrayList<>(List.of(INSTRUCTIONS, UserMessage.from("ok, bye!")));
        AiMessage ending = Streamed.chat(model, request(history)).response().aiMessage();
        assertThat(ending.toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("end_conversation");
            assertThat(call.arguments()).isEqualTo("{\"reason\":\"the shopper said goodbye\"}");
        });
        history.add(ending);
        history.add(ToolExecutionResultMessage.from(ending.toolExecutionRequests().get(0),
                "{\"ok\":true,\"instruction\":\"Say a short goodbye now.\"}"));
        assertThat(Streamed.chat(model, request(history)).response().aiMessage().text())
                .isEqualTo(FakeChatCompletions.GOODBYE);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aFailedToolIsApologisedFor(Client client) {
        StreamingChatModel model = client.streaming();
        List<ChatMessage> history = new ArrayList<>(List.of(INSTRUCTIONS, UserMessage.from("Do you have any lanterns?")));
        AiMessage asked = Streamed.chat(model, request(history)).response().aiMessage();
        assertThat(asked.toolExecutionRequests()).singleElement()
                .extracting(ToolExecutionRequest::arguments).isEqualTo("{\"query\":\"lanterns\"}");

        history.add(asked);
        history.add(ToolExecutionResultMessage.from(asked.toolExecutionRequests().get(0),
                "{\"error\":\"the product catalog did not answer in time\",\"instruction\":\"Apologise.\"}"));
        assertThat(Streamed.chat(model, request(history)).response().aiMessage().text())
                .isEqualTo(FakeChatCompletions.CATALOG_UNAVAILABLE);
    }

    /** The LangChain4j exception each failure reaches {@code onError} as, the same for both clients. */
    static Stream<Arguments> failures() {
        return Stream.of(Client.values()).flatMap(client -> Stream.of(
                Arguments.of(client, Failure.SERVER_ERROR_500, InternalServerException.class),
                Arguments.of(client, Failure.RATE_LIMITED_429, RateLimitException.class),
                Arguments.of(client, Failure.UNAUTHORIZED_401, AuthenticationException.class),
                Arguments.of(client, Failure.DROP_MID_STREAM, LangChain4jException.class),
                Arguments.of(client, Failure.HANG, TimeoutException.class)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failures")
    void everyFailureReachesOnErrorAsItsLangChain4jException(Client client, Failure failure,
            Class<? extends LangChain4jException> expected) {
        FakeChatCompletions.enqueueFailure(failure);

        Streamed failed = Streamed.chat(client.streaming(), request(List.of(INSTRUCTIONS, UserMessage.from("tents"))));

        assertThat(failed.response()).isNull();
        assertThat(failed.error()).isExactlyInstanceOf(expected);
        assertThat(FakeChatCompletions.requests()).hasSize(1); // no retries
        if (failure == Failure.DROP_MID_STREAM) {
            assertThat(failed.partials()).containsExactly("Let me check"); // text can come before the failure
        }
        if (failure == Failure.HANG) {
            assertThat(failed.took()).isBetween(TIMEOUT, TIMEOUT.plusSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aWrongKeyIsRefusedAsTheServiceRefusesIt(Client client) {
        Streamed refused = Streamed.chat(client.streaming("not-the-key", 0),
                request(List.of(INSTRUCTIONS, UserMessage.from("tents"))));

        assertThat(refused.error()).isExactlyInstanceOf(AuthenticationException.class);
        FakeChatCompletions.RecordedRequest seen = FakeChatCompletions.lastRequest();
        assertThat(seen.credentialPresent()).isTrue();
        assertThat(seen.authorized()).isFalse();
    }

    /** Left to its defaults, the Azure client retries a 429 or a 5xx twice itself (honouring Retry-After). */
    @Test
    void theAzureClientRetriesTwiceByItselfUnlessToldNotTo() {
        StreamingChatModel defaults = Client.AZURE.streaming(AZURE_API_KEY, null);
        FakeChatCompletions.enqueueFailure(Failure.RATE_LIMITED_429);
        FakeChatCompletions.enqueueFailure(Failure.RATE_LIMITED_429);

        Streamed recovered = Streamed.chat(defaults, request(List.of(INSTRUCTIONS, UserMessage.from("hello"))));

        assertThat(recovered.response().aiMessage().text()).isEqualTo(FakeChatCompletions.GREETING);
        assertThat(FakeChatCompletions.requests()).hasSize(3);
        assertThat(recovered.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(2)); // Retry-After: 1, twice

        FakeChatCompletions.reset();
        for (int i = 0; i < 3; i++) {
            FakeChatCompletions.enqueueFailure(Failure.SERVER_ERROR_500);
        }
        Streamed exhausted = Streamed.chat(defaults, request(List.of(INSTRUCTIONS, UserMessage.from("hello"))));

        assertThat(exhausted.error()).isExactlyInstanceOf(InternalServerException.class);
        assertThat(FakeChatCompletions.requests()).hasSize(3);
    }

    @Test
    void asAQuarkusTestResourceItConfiguresTheGatewayForEitherProvider() {
        FakeChatCompletions azure = new FakeChatCompletions();
        FakeChatCompletions openAi = new FakeChatCompletions();
        openAi.init(Map.of("provider", "openai"));
        try {
            assertThat(azure.start()).containsEntry("chat.provider", "azure")
                    .containsEntry("realtime.azure.endpoint", "https://localhost:" + azure.port())
                    .containsEntry("realtime.azure.api-key", AZURE_API_KEY)
                    .containsEntry("chat.azure.deployment", AZURE_DEPLOYMENT);
            assertThat(openAi.start()).containsEntry("chat.provider", "openai")
                    .containsEntry("realtime.openai.base-url", "https://localhost:" + openAi.port() + "/v1")
                    .containsEntry("realtime.openai.api-key", OPENAI_API_KEY)
                    .containsEntry("chat.openai.model", OPENAI_MODEL);
        } finally {
            azure.stop();
            openAi.stop();
        }
        // the servers share one trusted certificate: closing two of three leaves the first one usable
        Streamed stillTrusted = Streamed.chat(Client.OPENAI.streaming(), request(List.of(UserMessage.from("hi"))));
        assertThat(stillTrusted.response().aiMessage().text()).isEqualTo(FakeChatCompletions.GREETING);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void nonStreamingRequestsGetAWholeCompletion(Client client) {
        ChatResponse greeting = client.blocking().chat(request(List.of(UserMessage.from("hi"))));
        assertThat(greeting.aiMessage().text()).isEqualTo(FakeChatCompletions.GREETING);
        assertThat(greeting.tokenUsage().totalTokenCount()).isPositive();

        ChatResponse calls = client.blocking().chat(request(List.of(UserMessage.from("find sleeping bags"))));
        assertThat(calls.aiMessage().toolExecutionRequests()).singleElement()
                .extracting(ToolExecutionRequest::arguments).isEqualTo("{\"query\":\"sleeping bags\"}");
        assertThat(FakeChatCompletions.lastRequest().stream()).isFalse();
    }

    @Test
    void queriesLoseTheRequestAroundThem() {
        assertThat(FakeChatCompletions.Script.query("Show me the lightest tent?")).isEqualTo("lightest tent");
        assertThat(FakeChatCompletions.Script.query("do you have any headlamps")).isEqualTo("headlamps");
        assertThat(FakeChatCompletions.Script.query("find me a stove!")).isEqualTo("stove");
    }

    private static ChatRequest request(List<ChatMessage> messages) {
        return ChatRequest.builder().messages(messages).toolSpecifications(SEARCH, END).build();
    }

    /** What a streaming call produced, collected through the handler the gateway uses. */
    record Streamed(List<String> partials, List<PartialToolCall> partialToolCalls,
            List<CompleteToolCall> completeToolCalls, ChatResponse response, Throwable error, Duration took) {

        static Streamed chat(StreamingChatModel model, ChatRequest request) {
            List<String> partials = new CopyOnWriteArrayList<>();
            List<PartialToolCall> partialToolCalls = new CopyOnWriteArrayList<>();
            List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            long start = System.nanoTime();
            model.chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    partials.add(partial);
                }

                @Override
                public void onPartialToolCall(PartialToolCall partial) {
                    partialToolCalls.add(partial);
                }

                @Override
                public void onCompleteToolCall(CompleteToolCall complete) {
                    completeToolCalls.add(complete);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            ChatResponse response = null;
            Throwable error = null;
            try {
                response = done.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                error = e.getCause();
            } catch (Exception e) {
                throw new AssertionError("the client neither completed nor failed", e);
            }
            return new Streamed(partials, partialToolCalls, completeToolCalls, response, error,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
