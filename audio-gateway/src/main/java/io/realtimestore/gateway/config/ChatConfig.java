package io.realtimestore.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Text chat ({@code POST /v1/chat}): which chat model answers, how it is guarded, and the limits of a conversation.
 * Azure's endpoint and key and OpenAI's key and base URL are shared with the Realtime upstream ({@link UpstreamConfig}).
 */
@ConfigMapping(prefix = "chat")
public interface ChatConfig {

    /**
     * {@code CHAT_PROVIDER}: auto (Azure OpenAI when AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_CHAT_DEPLOYMENT are set,
     * else OpenAI when OPENAI_API_KEY is set, else the offline assistant), azure, openai or local.
     */
    @WithDefault("auto")
    Provider provider();

    Azure azure();

    OpenAi openai();

    /** Longest wait for the model's next streamed piece (the first included); then the turn fails with a message. */
    @WithDefault("30s")
    Duration modelTimeout();

    /** Retries of a model call that failed before it produced any text (connection errors, 429, 5xx). */
    @WithDefault("2")
    int maxRetries();

    @WithDefault("500ms")
    Duration retryDelay();

    /** Failed model calls within the rolling window that open the circuit: then turns fail at once for a while. */
    @WithDefault("6")
    int circuitRequestVolume();

    @WithDefault("0.5")
    double circuitFailureRatio();

    @WithDefault("30s")
    Duration circuitDelay();

    /** Longest shopper message, in characters. */
    @WithDefault("2000")
    int maxMessageChars();

    /** Messages a conversation remembers (the oldest whole turns are forgotten first). */
    @WithDefault("40")
    int memoryMessages();

    /** A conversation nobody has written to for this long is forgotten. */
    @WithDefault("30m")
    Duration sessionTtl();

    @WithDefault("1000")
    int maxSessions();

    @WithDefault("20")
    int maxSessionsPerClient();

    /** Rounds of tool calls in one answer before the gateway stops the model going round in circles. */
    @WithDefault("4")
    int maxToolRounds();

    enum Provider {
        AUTO, AZURE, OPENAI, LOCAL
    }

    interface Azure {
        /** {@code AZURE_OPENAI_CHAT_DEPLOYMENT}, e.g. gpt-4o-mini */
        Optional<String> deployment();
    }

    interface OpenAi {
        /** {@code OPENAI_CHAT_MODEL} */
        @WithDefault("gpt-4o-mini")
        String model();
    }
}
