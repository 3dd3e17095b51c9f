package io.realtimestore.gateway.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.realtimestore.gateway.config.ChatConfig;
import io.realtimestore.gateway.security.ClientIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The text conversations in memory: bounded in number (in total and per client) and forgotten after
 * {@code chat.session-ttl} without a message. A conversation id is an unguessable random value, and only the client
 * that started a conversation (the name its token was minted for) may continue it; trusted callers may continue any.
 */
@ApplicationScoped
public class ChatSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChatConfig config;
    private final AssistantModel model;
    private final Cache<String, ChatSession> sessions;
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

    ChatSessions(ChatConfig config, AssistantModel model) {
        this.config = config;
        this.model = model;
        this.sessions = Caffeine.newBuilder()
                .expireAfterAccess(config.sessionTtl())
                .scheduler(Scheduler.systemScheduler())
                .removalListener((String id, ChatSession session, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (session != null) {
                        perClient.computeIfPresent(session.owner(), (owner, count) -> count.decrementAndGet() <= 0 ? null : count);
                    }
                })
                .build();
    }

    /** Thrown when a new conversation would exceed a cap. */
    public static final class CapacityException extends Exception {
        CapacityException(String message) {
            super(message, null, false, false);
        }
    }

    public String modelName() {
        return model.name();
    }

    public ChatSession start(ClientIdentity client) throws CapacityException {
        if (sessions.estimatedSize() >= config.maxSessions()) {
            throw new CapacityException("the gateway holds its maximum of " + config.maxSessions()
                    + " text conversations (CHAT_MAX_SESSIONS); try again shortly");
        }
        AtomicInteger count = perClient.computeIfAbsent(client.client(), owner -> new AtomicInteger());
        if (count.incrementAndGet() > config.maxSessionsPerClient()) {
            count.decrementAndGet();
            throw new CapacityException("this client already has " + config.maxSessionsPerClient()
                    + " open text conversations (CHAT_MAX_SESSIONS_PER_CLIENT); continue one of them");
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        ChatSession session = new ChatSession("chat_" + HexFormat.of().formatHex(random), client.client(), model.startConversation());
        sessions.put(session.id(), session);
        return session;
    }

    /** The conversation, if it exists and this client may continue it (otherwise it does not exist for them). */
    public Optional<ChatSession> find(String id, ClientIdentity client) {
        // Looked up quietly first: only its own client's message counts as activity that keeps a conversation alive.
        ChatSession session = sessions.policy().getIfPresentQuietly(id);
        if (session == null || !(client.trusted() || session.owner().equals(client.client()))) {
            return Optional.empty();
        }
        return Optional.ofNullable(sessions.getIfPresent(id));
    }

    /** The conversation is over (the assistant said goodbye): it can no longer be continued. */
    void end(ChatSession session) {
        sessions.invalidate(session.id());
    }

    public long activeCount() {
        return sessions.estimatedSize();
    }
}
