package io.realtimestore.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@code /v1/chat} client as any HTTP client would write one: POST the message, read the server-sent events line
 * by line as they stream in.
 */
public final class ChatClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChatClient() {
    }

    /** One server-sent event: its name and its JSON data. */
    public record Event(String name, JsonNode data) {
    }

    /** The response: status, headers and either the events or the problem body. */
    public record Answer(int status, Map<String, List<String>> headers, List<Event> events, String body) {

        public List<Event> named(String name) {
            return events.stream().filter(event -> event.name().equals(name)).toList();
        }

        public JsonNode first(String name) {
            return named(name).stream().findFirst().map(Event::data)
                    .orElseThrow(() -> new AssertionError("no " + name + " event in " + events));
        }

        public String session() {
            return first("session").path("session").asText();
        }

        public JsonNode done() {
            return first("done");
        }

        /** The text deltas joined. */
        public String text() {
            return String.join("", named("text.delta").stream().map(event -> event.data().path("delta").asText()).toList());
        }

        public JsonNode problem() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not a JSON problem: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    public static Answer withApiKey(String message, String session) {
        return send(body(message, session), "X-Api-Key", Gateway.API_KEY);
    }

    public static Answer withToken(String token, String message, String session) {
        return send(body(message, session), "Authorization", "Bearer " + token);
    }

    /** A raw body with the given headers (name, value, name, value…). */
    public static Answer send(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + Gateway.port() + "/v1/chat"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                if (response.statusCode() != 200) {
                    return new Answer(response.statusCode(), response.headers().map(), List.of(), String.join("\n", lines.toList()));
                }
                return new Answer(200, response.headers().map(), parse(lines), "");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String body(String message, String session) {
        var body = JSON.createObjectNode().put("message", message);
        if (session != null) {
            body.put("session", session);
        }
        return body.toString();
    }

    private static List<Event> parse(Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        String[] name = { "message" };
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name[0], read(data.toString())));
                }
                name[0] = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name[0] = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
            } else {
                // the gateway writes only event and data fields: anything else is noise every client must skip
                throw new AssertionError("unexpected line in the event stream: " + line);
            }
        });
        return events;
    }

    private static JsonNode read(String data) {
        try {
            return JSON.readTree(data);
        } catch (Exception e) {
            throw new AssertionError("an SSE data line is not JSON: " + data, e);
        }
    }
}
