package io.realtimestore.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.gateway.chat.ChatEvent;
import io.realtimestore.gateway.chat.ChatSession;
import io.realtimestore.gateway.chat.ChatSessions;
import io.realtimestore.gateway.chat.TextChat;
import io.realtimestore.gateway.config.ChatConfig;
import io.realtimestore.gateway.protocol.Events;
import io.realtimestore.gateway.security.ClientAuthentication;
import io.realtimestore.gateway.security.ClientIdentity;
import io.realtimestore.gateway.security.ClientTokens;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * {@code POST /v1/chat}: one shopper message in, the answer out as server-sent events ({@code session},
 * {@code text.delta}, {@code tool}, {@code products}, {@code error}, {@code done}). Authenticated like Realtime
 * sessions. Everything that can be refused is refused before the stream starts, with a problem response; once
 * streaming, a failure is an {@code error} event followed by {@code done}.
 */
@Path("/v1/chat")
public class ChatResource {

    private final ClientAuthentication authentication;
    private final ChatSessions sessions;
    private final TextChat chat;
    private final ChatConfig config;

    ChatResource(ClientAuthentication authentication, ChatSessions sessions, TextChat chat, ChatConfig config) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.chat = chat;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> chat(@Context HttpServerRequest request, @Context Sse sse, String body) {
        if (!authentication.originAllowed(request)) {
            throw refusal(Problems.problem(Response.Status.FORBIDDEN, "origin not allowed: add it to GATEWAY_ALLOWED_ORIGINS"));
        }
        ClientIdentity client = identify(request);
        IncomingMessage message = IncomingMessage.parse(body, config.maxMessageChars());
        ChatSession session = message.session() == null ? start(client) : continued(message.session(), client);
        if (!session.begin()) {
            throw refusal(Problems.problem(Response.Status.CONFLICT,
                    "this conversation is still answering the previous message; wait for its done event"));
        }
        return chat.answer(session, message.text()).map(event -> sse.newEventBuilder()
                .name(event.event()).data(Events.write(event)).build());
    }

    private ClientIdentity identify(HttpServerRequest request) {
        try {
            return authentication.identify(request);
        } catch (ClientTokens.TokenRejected rejected) {
            Response problem = Problems.problem(rejected.status(),
                    rejected.status() == 401 ? "Unauthorized" : "Forbidden", rejected.getMessage());
            if (rejected.status() == 401) {
                problem = Response.fromResponse(problem)
                        .header(HttpHeaders.WWW_AUTHENTICATE, ClientTokens.bearerChallenge(rejected.getMessage())).build();
            }
            throw refusal(problem);
        }
    }

    private ChatSession start(ClientIdentity client) {
        try {
            return sessions.start(client);
        } catch (ChatSessions.CapacityException full) {
            throw refusal(Response.fromResponse(Problems.problem(Response.Status.SERVICE_UNAVAILABLE, full.getMessage()))
                    .header(HttpHeaders.RETRY_AFTER, "5").build());
        }
    }

    private ChatSession continued(String id, ClientIdentity client) {
        return sessions.find(id, client).orElseThrow(() -> refusal(Problems.problem(Response.Status.NOT_FOUND,
                "no conversation '" + shorten(id) + "': it ended or expired; send the message without \"session\" to start a new one")));
    }

    private static WebApplicationException refusal(Response problem) {
        return new WebApplicationException(problem);
    }

    private static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    /** The request body: {@code {"message": "...", "session": "..."}}. */
    record IncomingMessage(String text, String session) {

        static IncomingMessage parse(String body, int maxChars) {
            JsonNode json;
            try {
                json = body == null || body.isBlank() ? null : Events.JSON.readTree(body);
            } catch (JsonProcessingException e) {
                json = null;
            }
            if (json == null || !json.isObject()) {
                throw invalid("the body must be a JSON object such as {\"message\": \"Do you have tents?\"}");
            }
            JsonNode message = json.get("message");
            if (message == null || !message.isTextual() || message.asText().isBlank()) {
                throw invalid("\"message\" must be a non-empty string: what the shopper wrote");
            }
            String text = message.asText().strip();
            if (text.length() > maxChars) {
                throw invalid("\"message\" has " + text.length() + " characters; the limit is " + maxChars);
            }
            JsonNode session = json.get("session");
            if (session != null && !session.isNull() && (!session.isTextual() || session.asText().isBlank())) {
                throw invalid("\"session\" must be the id from an earlier answer's session event, or absent to start a new conversation");
            }
            return new IncomingMessage(text, session == null || session.isNull() ? null : session.asText());
        }

        private static WebApplicationException invalid(String detail) {
            return refusal(Problems.problem(Response.Status.BAD_REQUEST, detail));
        }
    }
}
