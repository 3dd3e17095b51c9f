package io.realtimestore.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.dto.realtime.StoreEvents;
import io.realtimestore.gateway.protocol.Events;

/** Token usage summed over a session's responses (from each response.done); guarded by the session's lock. */
final class UsageTotals {

    private int responses;
    private long input;
    private long output;
    private long total;
    private long inputAudio;
    private long outputAudio;

    void add(JsonNode usage) {
        responses++;
        if (usage == null || usage.isMissingNode() || usage.isNull()) {
            return;
        }
        input += usage.path("input_tokens").asLong();
        output += usage.path("output_tokens").asLong();
        total += usage.path("total_tokens").asLong();
        inputAudio += usage.path("input_token_details").path("audio_tokens").asLong();
        outputAudio += usage.path("output_token_details").path("audio_tokens").asLong();
    }

    StoreEvents.Usage event() {
        return new StoreEvents.Usage(Events.newEventId(), responses, input, output, total, inputAudio, outputAudio);
    }
}
