package io.realtimestore.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.gateway.config.SessionDefaults;
import io.realtimestore.gateway.config.ToolsConfig;
import io.realtimestore.gateway.protocol.Events;
import io.realtimestore.gateway.protocol.ProtocolException;
import io.realtimestore.gateway.tools.ProductTools;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server-owned session: instructions, tools, voice and audio defaults, and what a client may change.
 * Instructions, tools and model belong to the gateway; a client may choose voice (from an allowlist), turn
 * detection (within bounds), transcription, noise reduction, audio formats and output modality.
 */
@ApplicationScoped
public class SessionPolicy {

    private static final Set<String> CLIENT_SESSION_FIELDS = Set.of("type", "audio", "output_modalities");
    private static final Set<String> CLIENT_RESPONSE_FIELDS = Set.of("output_modalities", "audio", "metadata",
            "conversation", "max_output_tokens");
    private static final Set<String> SERVER_OWNED = Set.of("instructions", "tools", "tool_choice", "model", "prompt",
            "parallel_tool_calls", "input");

    private final SessionDefaults defaults;
    private final ToolsConfig toolsConfig;
    private final String instructionsTemplate;
    private final String textChatNote = resource("/session/text-chat.txt");
    private final Clock clock;

    @jakarta.inject.Inject
    SessionPolicy(SessionDefaults defaults, ToolsConfig toolsConfig) {
        this(defaults, toolsConfig, Clock.systemDefaultZone());
    }

    SessionPolicy(SessionDefaults defaults, ToolsConfig toolsConfig, Clock clock) {
        this.defaults = defaults;
        this.toolsConfig = toolsConfig;
        this.clock = clock;
        this.instructionsTemplate = defaults.instructions().orElseGet(() -> resource("/session/instructions.txt"));
        if (!defaults.allowedVoices().contains(defaults.voice())) {
            throw new IllegalStateException("SESSION_VOICE '" + defaults.voice()
                    + "' is not in SESSION_ALLOWED_VOICES " + defaults.allowedVoices());
        }
    }

    public String defaultVoice() {
        return defaults.voice();
    }

    /** The voices a client may choose with session.update. */
    public List<String> allowedVoices() {
        return defaults.allowedVoices();
    }

    public String instructions() {
        String date = LocalDate.now(clock).format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH));
        return instructionsTemplate.replace("{store}", defaults.storeName()).replace("{date}", date);
    }

    /** The same instructions for a written conversation ({@code /v1/chat}), with a note that it is written. */
    public String textChatInstructions() {
        return instructions() + "\n" + textChatNote;
    }

    /** The complete session the gateway sends upstream as soon as the upstream session exists. */
    public ObjectNode initialSession() {
        ObjectNode session = Events.JSON.createObjectNode().put("type", "realtime").put("instructions", instructions());
        session.putArray("output_modalities").add("audio");
        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        input.putObject("format").put("type", "audio/pcm").put("rate", 24000);
        input.putObject("noise_reduction").put("type", defaults.noiseReduction());
        input.putObject("transcription").put("model", defaults.transcriptionModel());
        input.putObject("turn_detection").put("type", "server_vad").put("threshold", defaults.vadThreshold())
                .put("prefix_padding_ms", defaults.vadPrefixPaddingMs())
                .put("silence_duration_ms", defaults.vadSilenceDurationMs())
                .put("create_response", true).put("interrupt_response", true);
        ObjectNode output = audio.putObject("output");
        output.putObject("format").put("type", "audio/pcm").put("rate", 24000);
        output.put("voice", defaults.voice());
        session.set("tools", ProductTools.definitions(toolsConfig));
        session.put("tool_choice", "auto");
        session.put("max_output_tokens", defaults.maxOutputTokens());
        return session;
    }

    /**
     * Checks a client's session.update; returns the session object to forward. Nothing of a refused update is
     * applied (the error names the first refused field).
     */
    public ObjectNode clientSessionUpdate(ObjectNode session, String eventId) throws ProtocolException {
        refuseServerOwned(session, "session", eventId);
        for (Iterator<String> names = session.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!CLIENT_SESSION_FIELDS.contains(field)) {
                throw refused("session." + field, "session." + field + " cannot be changed through the gateway", eventId);
            }
        }
        JsonNode type = session.get("type");
        if (type != null && !type.isNull() && !"realtime".equals(type.asText())) {
            throw invalid("session.type", "session.type must be \"realtime\" on this gateway", eventId);
        }
        ObjectNode forwarded = session.deepCopy();
        forwarded.put("type", "realtime");
        checkModalities(forwarded.get("output_modalities"), "session.output_modalities", eventId);
        JsonNode audio = forwarded.get("audio");
        if (audio != null && !audio.isNull()) {
            checkAudio(audio, eventId);
        }
        return forwarded;
    }

    /** Checks a client's response.create parameters (per-response overrides of server-owned fields are refused). */
    public void clientResponseCreate(ObjectNode response, String eventId) throws ProtocolException {
        if (response == null) {
            return;
        }
        refuseServerOwned(response, "response", eventId);
        for (Iterator<String> names = response.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!CLIENT_RESPONSE_FIELDS.contains(field)) {
                throw refused("response." + field, "response." + field + " cannot be set through the gateway", eventId);
            }
        }
        checkModalities(response.get("output_modalities"), "response.output_modalities", eventId);
        JsonNode voice = response.path("audio").path("output").get("voice");
        if (voice != null && !voice.isNull()) {
            checkVoice(voice, "response.audio.output.voice", eventId);
        }
        JsonNode maxTokens = response.get("max_output_tokens");
        if (maxTokens != null && !maxTokens.isNull()
                && (!maxTokens.isInt() || maxTokens.asInt() < 1 || maxTokens.asInt() > defaults.maxOutputTokens())) {
            throw invalid("response.max_output_tokens", "response.max_output_tokens must be an integer from 1 to "
                    + defaults.maxOutputTokens(), eventId);
        }
    }

    /** Clients may add user messages; instructions (system/developer messages) and tool items are the gateway's. */
    public void clientItemCreate(ObjectNode item, String eventId) throws ProtocolException {
        String type = item.path("type").asText("");
        if (type.equals("function_call") || type.equals("function_call_output")) {
            throw refused("item.type", "tools run in the gateway: clients cannot create " + type + " items", eventId);
        }
        if (!type.equals("message")) {
            throw invalid("item.type", "item.type must be \"message\"", eventId);
        }
        String role = item.path("role").asText("");
        if (role.equals("system") || role.equals("developer")) {
            throw refused("item.role", "instructions are set by the gateway: clients cannot add " + role + " messages", eventId);
        }
        if (!role.equals("user") && !role.equals("assistant")) {
            throw invalid("item.role", "item.role must be \"user\" or \"assistant\"", eventId);
        }
    }

    private void checkAudio(JsonNode audio, String eventId) throws ProtocolException {
        if (!audio.isObject()) {
            throw invalid("session.audio", "session.audio must be an object", eventId);
        }
        requireOnly(audio, Set.of("input", "output"), "session.audio", eventId);
        JsonNode input = audio.get("input");
        if (input != null && !input.isNull()) {
            requireOnly(input, Set.of("format", "transcription", "noise_reduction", "turn_detection"), "session.audio.input", eventId);
            checkFormat(input.get("format"), "session.audio.input.format", eventId);
            TurnDetectionBounds.check(input, eventId);
            checkTranscription(input.get("transcription"), eventId);
            checkNoiseReduction(input.get("noise_reduction"), eventId);
        }
        JsonNode output = audio.get("output");
        if (output != null && !output.isNull()) {
            requireOnly(output, Set.of("format", "voice", "speed"), "session.audio.output", eventId);
            checkFormat(output.get("format"), "session.audio.output.format", eventId);
            JsonNode voice = output.get("voice");
            if (voice != null && !voice.isNull()) {
                checkVoice(voice, "session.audio.output.voice", eventId);
            }
            JsonNode speed = output.get("speed");
            if (speed != null && !speed.isNull() && (!speed.isNumber() || speed.asDouble() < 0.25 || speed.asDouble() > 1.5)) {
                throw invalid("session.audio.output.speed", "session.audio.output.speed must be a number from 0.25 to 1.5", eventId);
            }
        }
    }

    private void checkVoice(JsonNode voice, String param, String eventId) throws ProtocolException {
        if (!voice.isTextual() || !defaults.allowedVoices().contains(voice.asText())) {
            throw invalid(param, param + " must be one of " + String.join(", ", defaults.allowedVoices()), eventId);
        }
    }

    private static void checkFormat(JsonNode format, String param, String eventId) throws ProtocolException {
        if (format == null || format.isNull()) {
            return;
        }
        String type = format.path("type").asText("");
        boolean pcm = type.equals("audio/pcm") && (format.get("rate") == null || format.path("rate").asInt() == 24000);
        if (!pcm && !type.equals("audio/pcmu") && !type.equals("audio/pcma")) {
            throw invalid(param, param + " must be {\"type\":\"audio/pcm\",\"rate\":24000}, {\"type\":\"audio/pcmu\"} or {\"type\":\"audio/pcma\"}", eventId);
        }
    }

    private static void checkTranscription(JsonNode transcription, String eventId) throws ProtocolException {
        if (transcription == null || transcription.isNull()) {
            return;
        }
        String param = "session.audio.input.transcription";
        requireOnly(transcription, Set.of("model", "language", "prompt"), param, eventId);
        JsonNode model = transcription.get("model");
        if (model != null && !model.isNull() && (!model.isTextual() || model.asText().isBlank() || model.asText().length() > 100)) {
            throw invalid(param + ".model", param + ".model must be a model (on Azure: deployment) name", eventId);
        }
        JsonNode language = transcription.get("language");
        if (language != null && !language.isNull() && (!language.isTextual() || !language.asText().matches("[a-z]{2,3}"))) {
            throw invalid(param + ".language", param + ".language must be an ISO-639-1 code such as \"en\"", eventId);
        }
        JsonNode prompt = transcription.get("prompt");
        if (prompt != null && !prompt.isNull() && (!prompt.isTextual() || prompt.asText().length() > 1000)) {
            throw invalid(param + ".prompt", param + ".prompt must be text of at most 1000 characters", eventId);
        }
    }

    private static void checkNoiseReduction(JsonNode noiseReduction, String eventId) throws ProtocolException {
        if (noiseReduction == null || noiseReduction.isNull()) {
            return;
        }
        String type = noiseReduction.path("type").asText("");
        if (!type.equals("near_field") && !type.equals("far_field")) {
            throw invalid("session.audio.input.noise_reduction.type",
                    "session.audio.input.noise_reduction.type must be \"near_field\" or \"far_field\"", eventId);
        }
    }

    private static void checkModalities(JsonNode modalities, String param, String eventId) throws ProtocolException {
        if (modalities == null || modalities.isNull()) {
            return;
        }
        if (!(modalities instanceof ArrayNode array) || array.size() != 1
                || !(array.get(0).asText().equals("audio") || array.get(0).asText().equals("text"))) {
            throw invalid(param, param + " must be [\"audio\"] or [\"text\"]", eventId);
        }
    }

    static void requireOnly(JsonNode node, Set<String> allowed, String param, String eventId) throws ProtocolException {
        if (!node.isObject()) {
            throw invalid(param, param + " must be an object", eventId);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw new ProtocolException("unknown_parameter", "unknown or unsupported field " + param + "."
                        + field.getKey(), param + "." + field.getKey(), eventId);
            }
        }
    }

    private static void refuseServerOwned(ObjectNode node, String prefix, String eventId) throws ProtocolException {
        for (String field : SERVER_OWNED) {
            if (node.has(field)) {
                throw refused(prefix + "." + field, prefix + "." + field
                        + " is set by the gateway and cannot be changed; the session continues unchanged", eventId);
            }
        }
    }

    static ProtocolException invalid(String param, String message, String eventId) {
        return new ProtocolException("invalid_value", message, param, eventId);
    }

    private static ProtocolException refused(String param, String message, String eventId) {
        return new ProtocolException("forbidden_parameter", message, param, eventId);
    }

    private static String resource(String path) {
        try (InputStream in = SessionPolicy.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the gateway");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
