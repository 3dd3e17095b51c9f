package io.realtimestore.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimestore.gateway.support.GaSchema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The schema check the gateway tests rely on does reject invalid events (it is not vacuous). */
class GaSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rejectsAnEventMissingARequiredFieldAndAcceptsAValidOne() throws Exception {
        Assumptions.assumeTrue(GaSchema.available(), "../shared/realtime is not present");
        assertThat(GaSchema.problems(JSON.readTree("""
                {"type":"response.output_audio.delta","event_id":"e1","response_id":"r1","item_id":"i1",
                 "output_index":0,"content_index":0,"delta":"AAAA"}"""))).isEmpty();
        assertThat(GaSchema.problems(JSON.readTree("""
                {"type":"response.output_audio.delta","event_id":"e1","response_id":"r1",
                 "output_index":0,"content_index":0,"delta":"AAAA"}"""))).isNotEmpty();
        assertThat(GaSchema.problems(JSON.readTree("{\"type\":\"store.session\"}"))).isNotEmpty();
        assertThat(GaSchema.problems(JSON.readTree(Events.error("invalid_request_error", "c", "m", null, null)))).isEmpty();
    }
}
