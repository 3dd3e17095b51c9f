package io.realtimestore.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.realtimestore.gateway.config.ChatConfig;
import io.realtimestore.gateway.security.ClientIdentity;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The conversations' bounds: caps in total and per client, ownership, and expiry after the idle time. */
class ChatSessionsTest {

    private static final ClientIdentity ANNA = new ClientIdentity("shopper-anna", false);
    private static final ClientIdentity BEN = new ClientIdentity("shopper-ben", false);
    private static final ClientIdentity SERVER = new ClientIdentity("trusted:10.0.0.5", true);

    @Test
    void eachClientHasItsOwnCapAndTheTotalCapCoversEveryone() throws Exception {
        ChatSessions sessions = sessions(Map.of("chat.max-sessions", "3", "chat.max-sessions-per-client", "2"));

        sessions.start(ANNA);
        sessions.start(ANNA);
        assertThatThrownBy(() -> sessions.start(ANNA)).isInstanceOf(ChatSessions.CapacityException.class)
                .hasMessageContaining("already has 2 open text conversations").hasMessageContaining("CHAT_MAX_SESSIONS_PER_CLIENT");
        sessions.start(BEN);
        assertThatThrownBy(() -> sessions.start(SERVER)).isInstanceOf(ChatSessions.CapacityException.class)
                .hasMessageContaining("maximum of 3").hasMessageContaining("CHAT_MAX_SESSIONS");
    }

    @Test
    void onlyTheClientThatStartedAConversationOrATrustedCallerMayContinueIt() throws Exception {
        ChatSessions sessions = sessions(Map.of());
        ChatSession annas = sessions.start(ANNA);

        assertThat(annas.id()).matches("chat_[0-9a-f]{32}");
        assertThat(sessions.find(annas.id(), ANNA)).contains(annas);
        assertThat(sessions.find(annas.id(), BEN)).isEmpty();
        assertThat(sessions.find(annas.id(), SERVER)).contains(annas);
        assertThat(sessions.find("chat_unknown", ANNA)).isEmpty();
        assertThat(annas.begin()).isTrue();
        assertThat(annas.begin()).as("one turn at a time").isFalse();
        annas.finish();
        assertThat(annas.begin()).isTrue();

        sessions.end(annas);
        assertThat(sessions.find(annas.id(), ANNA)).isEmpty();
    }

    @Test
    void aStrangerLookingForAConversationDoesNotKeepItAlive() throws Exception {
        ChatSessions sessions = sessions(Map.of("chat.session-ttl", "500ms"));
        ChatSession annas = sessions.start(ANNA);
        long until = System.nanoTime() + Duration.ofMillis(800).toNanos();
        while (System.nanoTime() < until) {
            assertThat(sessions.find(annas.id(), BEN)).isEmpty();
            Thread.sleep(50);
        }
        assertThat(sessions.find(annas.id(), ANNA)).isEmpty();
    }

    @Test
    void anIdleConversationIsForgottenAndNoLongerCountsAgainstItsClient() throws Exception {
        ChatSessions sessions = sessions(Map.of("chat.session-ttl", "300ms", "chat.max-sessions-per-client", "1"));
        ChatSession first = sessions.start(ANNA);

        // polling must not touch the first conversation: a look-up by its owner counts as activity
        Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> sessions.start(ANNA) != null);
        assertThat(sessions.find(first.id(), ANNA)).isEmpty();
    }

    private static ChatSessions sessions(Map<String, String> settings) {
        // Quarkus' duration syntax ("30s") needs its converter outside a Quarkus application
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ChatConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()).withDefaultValues(settings).build();
        return new ChatSessions(config.getConfigMapping(ChatConfig.class), new SilentModel());
    }

    /** A model whose conversations are never asked anything: these tests are about the sessions around them. */
    private static final class SilentModel implements AssistantModel {
        @Override
        public String name() {
            return "silent";
        }

        @Override
        public ModelConversation startConversation() {
            return new ModelConversation() {
                @Override
                public Uni<ModelReply> reply(String message, Consumer<String> text) {
                    return Uni.createFrom().item(new ModelReply("", List.of()));
                }

                @Override
                public Uni<ModelReply> continueWith(List<ToolResult> results, Consumer<String> text) {
                    return reply("", text);
                }

                @Override
                public void forgetTurn() {
                }
            };
        }
    }
}
