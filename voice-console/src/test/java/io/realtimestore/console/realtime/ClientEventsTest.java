package io.realtimestore.console.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ClientEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SessionSettings DIRECT = new SessionSettings("cedar", "Be brief.", "gpt-4o-mini-transcribe", false);

    @Test
    void directSessionsAreSetUpCompletely() throws Exception {
        JsonNode session = JSON.readTree(ClientEvents.sessionUpdate(DIRECT, true)).path("session");
        assertThat(session.path("type").asText()).isEqualTo("realtime");
        assertThat(session.path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(session.path("output_modalities").toString()).isEqualTo("[\"audio\"]");
        assertThat(session.at("/audio/input/format/rate").asInt()).isEqualTo(24_000);
        assertThat(session.at("/audio/input/transcription/model").asText()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(session.at("/audio/input/turn_detection/type").asText()).isEqualTo("server_vad");
        assertThat(session.at("/audio/output/voice").asText()).isEqualTo("cedar");
        assertThat(session.has("tools")).isFalse();
    }

    @Test
    void throughTheGatewayOnlyTheVoiceAndModalityAreAskedFor() throws Exception {
        JsonNode session = JSON.readTree(ClientEvents.sessionUpdate(new SessionSettings("cedar", null, null, true), false)).path("session");
        assertThat(session.has("instructions")).isFalse();
        assertThat(session.at("/audio/output/voice").asText()).isEqualTo("cedar");
        assertThat(session.path("output_modalities").toString()).isEqualTo("[\"text\"]");
        assertThat(session.at("/audio/input").isMissingNode()).isTrue();

        assertThat(ClientEvents.sessionUpdate(new SessionSettings(null, null, null, false), false)).isNull();
    }

    @Test
    void audioIsBase64OfTheSamples() throws Exception {
        JsonNode append = JSON.readTree(ClientEvents.appendAudio(new byte[] {1, 2, 3, 4}));
        assertThat(Base64.getDecoder().decode(append.path("audio").asText())).containsExactly(1, 2, 3, 4);
    }

    @Test
    void typedTextIsEscaped() throws Exception {
        JsonNode item = JSON.readTree(ClientEvents.userText("a \"quoted\" word\n")).path("item");
        assertThat(item.at("/content/0/text").asText()).isEqualTo("a \"quoted\" word\n");
    }

    /** Every client event the console sends follows the published GA schema (../shared/realtime). */
    @Test
    void everyEventFollowsTheGaSchema() throws Exception {
        Path schema = Stream.iterate(Path.of("").toAbsolutePath(), dir -> dir != null, Path::getParent)
                .map(dir -> dir.resolveSibling("shared").resolve("realtime/realtime-ga.schema.json"))
                .filter(Files::isRegularFile).findFirst().orElse(null);
        Assumptions.assumeTrue(schema != null, "../shared/realtime/realtime-ga.schema.json is not here: schema check skipped");
        JsonNode document = JSON.readTree(schema.toFile());
        List<String> events = List.of(ClientEvents.sessionUpdate(DIRECT, true),
                ClientEvents.sessionUpdate(new SessionSettings("marin", null, null, true), false),
                ClientEvents.appendAudio(new byte[480]), ClientEvents.userText("tents?"), ClientEvents.createResponse(),
                ClientEvents.truncate("item_1", 1234));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (String text : events) {
            JsonNode event = JSON.readTree(text);
            String pointer = document.path("x-client-events").path(event.path("type").asText()).asText();
            assertThat(pointer).as("client event type %s", event.path("type")).isNotEmpty();
            assertThat(factory.getSchema(SchemaLocation.of(schema.toUri() + pointer)).validate(event)).as(text).isEmpty();
        }
    }
}
