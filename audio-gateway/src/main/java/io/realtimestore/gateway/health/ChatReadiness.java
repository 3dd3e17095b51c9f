package io.realtimestore.gateway.health;

import io.realtimestore.gateway.chat.AssistantModel;
import io.realtimestore.gateway.chat.ChatSessions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which model answers text chat and how many conversations are open. Always up: a cloud model's trouble shows per
 * turn (and in the circuit breaker), and a probe must not cost a model call.
 */
@Readiness
@ApplicationScoped
public class ChatReadiness implements HealthCheck {

    private final AssistantModel model;
    private final ChatSessions sessions;

    ChatReadiness(AssistantModel model, ChatSessions sessions) {
        this.model = model;
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("text-chat").up().withData("model", model.name())
                .withData("conversations", sessions.activeCount());
        model.degradedReason().ifPresent(reason -> response.withData("degraded", reason));
        return response.build();
    }
}
