package io.realtimestore.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The GA client events the gateway reads (everything except the audio append, which is only scanned). Nested
 * objects the gateway only inspects in part (session, item, response) stay JSON trees.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientEvent.SessionUpdate.class, name = "session.update"),
        @JsonSubTypes.Type(value = ClientEvent.BufferCommit.class, name = "input_audio_buffer.commit"),
        @JsonSubTypes.Type(value = ClientEvent.BufferClear.class, name = "input_audio_buffer.clear"),
        @JsonSubTypes.Type(value = ClientEvent.OutputBufferClear.class, name = "output_audio_buffer.clear"),
        @JsonSubTypes.Type(value = ClientEvent.ItemCreate.class, name = "conversation.item.create"),
        @JsonSubTypes.Type(value = ClientEvent.ItemRetrieve.class, name = "conversation.item.retrieve"),
        @JsonSubTypes.Type(value = ClientEvent.ItemDelete.class, name = "conversation.item.delete"),
        @JsonSubTypes.Type(value = ClientEvent.ItemTruncate.class, name = "conversation.item.truncate"),
        @JsonSubTypes.Type(value = ClientEvent.ResponseCreate.class, name = "response.create"),
        @JsonSubTypes.Type(value = ClientEvent.ResponseCancel.class, name = "response.cancel"),
})
public sealed interface ClientEvent {

    String eventId();

    record SessionUpdate(String eventId, @JsonProperty(required = true) ObjectNode session) implements ClientEvent {
    }

    record BufferCommit(String eventId) implements ClientEvent {
    }

    record BufferClear(String eventId) implements ClientEvent {
    }

    record OutputBufferClear(String eventId) implements ClientEvent {
    }

    record ItemCreate(String eventId, String previousItemId, @JsonProperty(required = true) ObjectNode item)
            implements ClientEvent {
    }

    record ItemRetrieve(String eventId, @JsonProperty(required = true) String itemId) implements ClientEvent {
    }

    record ItemDelete(String eventId, @JsonProperty(required = true) String itemId) implements ClientEvent {
    }

    record ItemTruncate(String eventId, @JsonProperty(required = true) String itemId,
            @JsonProperty(required = true) Integer contentIndex, @JsonProperty(required = true) Integer audioEndMs)
            implements ClientEvent {
    }

    record ResponseCreate(String eventId, ObjectNode response) implements ClientEvent {
    }

    record ResponseCancel(String eventId, String responseId) implements ClientEvent {
    }
}
