package io.realtimestore.gateway.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * Reads the top-level fields of an event with a streaming parser, never building a tree and never decoding
 * base64. Audio frames in the shapes the SDKs and providers write are recognised before this, as bytes
 * ({@link AudioFrames}); this reads everything else.
 */
public final class EventScanner {

    private static final JsonFactory JSON = JsonFactory.builder()
            // an append may carry up to the configured message size of base64 in one string
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .build();

    private EventScanner() {
    }

    /**
     * Scans a client message completely (so malformed JSON is never forwarded). Appends are checked here: the
     * audio must be padded base64 of a whole number of samples.
     *
     * @param sampleBytes 2 for PCM16, 1 for G.711
     */
    public static ClientFrame scanClient(String text, int sampleBytes) throws ProtocolException {
        String type = null;
        String eventId = null;
        int audioBytes = -2; // -2: absent, -1: invalid base64
        String unexpectedField = null;
        boolean audioNotString = false;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("a client event must be a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new ProtocolException("invalid_type", "'type' must be a string", "type", null);
                        }
                        type = parser.getText();
                    }
                    case "event_id" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            eventId = parser.getText();
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw new ProtocolException("invalid_type", "'event_id' must be a string", "event_id", null);
                        }
                    }
                    case "audio" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            audioBytes = Base64Audio.decodedLength(parser.getTextCharacters(), parser.getTextOffset(),
                                    parser.getTextLength());
                        } else {
                            audioNotString = true;
                            parser.skipChildren();
                        }
                    }
                    default -> {
                        unexpectedField = field;
                        parser.skipChildren();
                    }
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw malformed("the message is not one JSON object");
            }
        } catch (IOException e) {
            throw malformed("malformed JSON: " + firstLine(e.getMessage()));
        } catch (ProtocolException e) {
            throw e.withClientEventId(eventId);
        }
        if (type == null) {
            throw new ProtocolException("missing_required_parameter", "missing required field 'type'", "type", eventId);
        }
        if (!ClientFrame.APPEND.equals(type)) {
            return new ClientFrame(type, eventId, 0);
        }
        if (audioNotString) {
            throw new ProtocolException("invalid_type", "'audio' must be a base64 string", "audio", eventId);
        }
        if (unexpectedField != null) {
            throw new ProtocolException("unknown_parameter", "unknown field '" + unexpectedField
                    + "' in input_audio_buffer.append", unexpectedField, eventId);
        }
        if (audioBytes == -2) {
            throw new ProtocolException("missing_required_parameter", "missing required field 'audio'", "audio", eventId);
        }
        if (audioBytes == -1) {
            throw new ProtocolException("invalid_value", "'audio' is not valid base64 (standard alphabet, padded)",
                    "audio", eventId);
        }
        if (audioBytes == 0) {
            throw new ProtocolException("invalid_value", "'audio' is empty", "audio", eventId);
        }
        if (audioBytes % sampleBytes != 0) {
            throw new ProtocolException("invalid_value", "'audio' has " + audioBytes
                    + " bytes, not a whole number of 16-bit PCM samples", "audio", eventId);
        }
        return new ClientFrame(type, eventId, audioBytes);
    }

    /** Scans an upstream message's top level for its type, response/item ids and audio delta size. */
    public static ServerFrame scanServer(String text) throws IOException {
        String type = null;
        String responseId = null;
        String itemId = null;
        int audioBytes = 0;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("upstream message is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    switch (field) {
                        case "type" -> type = parser.getText();
                        case "response_id" -> responseId = parser.getText();
                        case "item_id" -> itemId = parser.getText();
                        case "delta" -> audioBytes = deltaBytes(parser);
                        default -> {
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (type == null) {
            throw new IOException("upstream message has no type");
        }
        return new ServerFrame(type, responseId, itemId, ServerFrame.AUDIO_DELTA.equals(type) ? audioBytes : 0);
    }

    private static int deltaBytes(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        boolean onePad = length > 0 && chars[offset + length - 1] == '=';
        boolean twoPad = onePad && length > 1 && chars[offset + length - 2] == '=';
        return Base64Audio.decodedLength(length, onePad, twoPad);
    }

    private static ProtocolException malformed(String message) {
        return new ProtocolException("invalid_json", message, null, null);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
