package io.realtimestore.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Set;
import java.util.stream.Collectors;

/** Binds client events strictly: unknown types and fields and wrongly typed values are named in the error. */
public final class ClientEventReader {

    /** Every GA client event type; the ones not listed in {@link ClientEvent} are refused as unsupported. */
    public static final Set<String> GA_CLIENT_EVENTS = Set.of("session.update", "input_audio_buffer.append",
            "input_audio_buffer.commit", "input_audio_buffer.clear", "output_audio_buffer.clear",
            "conversation.item.create", "conversation.item.retrieve", "conversation.item.truncate",
            "conversation.item.delete", "response.create", "response.cancel");

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ClientEventReader() {
    }

    public static ClientEvent read(String text, ClientFrame frame) throws ProtocolException {
        if (!GA_CLIENT_EVENTS.contains(frame.type())) {
            String hint = frame.type().equals("transcription_session.update")
                    ? " (GA uses session.update with session.type \"transcription\")"
                    : "";
            throw new ProtocolException("unknown_event_type", "unknown client event type '" + frame.type() + "'" + hint,
                    "type", frame.eventId());
        }
        try {
            return STRICT.readValue(text, ClientEvent.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ProtocolException("unknown_parameter", "unknown field '" + path(e) + "' in " + frame.type(),
                    path(e), frame.eventId());
        } catch (InvalidTypeIdException e) {
            throw new ProtocolException("unknown_event_type", "unknown client event type '" + frame.type() + "'",
                    "type", frame.eventId());
        } catch (MismatchedInputException e) {
            String field = path(e);
            String message = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Missing required")
                    ? "missing required field '" + field + "' in " + frame.type()
                    : "field '" + field + "' has the wrong type in " + frame.type();
            throw new ProtocolException(message.startsWith("missing") ? "missing_required_parameter" : "invalid_type",
                    message, field, frame.eventId());
        } catch (JsonProcessingException e) {
            throw new ProtocolException("invalid_json", "malformed JSON in " + frame.type(), null, frame.eventId());
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (e instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage() != null
                && mismatch.getOriginalMessage().startsWith("Missing required creator property")) {
            // Jackson names the missing property in the message, not the path
            String message = mismatch.getOriginalMessage();
            int open = message.indexOf('\'');
            int close = message.indexOf('\'', open + 1);
            if (open >= 0 && close > open) {
                String missing = message.substring(open + 1, close);
                return path.isEmpty() || path.endsWith(missing) ? (path.isEmpty() ? missing : path) : path + "." + missing;
            }
        }
        return path.isEmpty() ? "(root)" : path;
    }
}
