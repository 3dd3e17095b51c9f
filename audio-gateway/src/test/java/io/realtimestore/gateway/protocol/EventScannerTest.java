package io.realtimestore.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The string-search fast paths and the streaming parser agree; malformed variants never pass as fast. */
class EventScannerTest {

    private static final String AUDIO = Base64.getEncoder().encodeToString(new byte[960]);

    @Test
    void aPlainAppendAndAReorderedOneReadTheSame() throws Exception {
        ClientFrame plain = EventScanner.scanClient("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + AUDIO + "\"}", 2);
        ClientFrame reordered = EventScanner.scanClient("{ \"event_id\":\"e1\", \"audio\":\"" + AUDIO
                + "\", \"type\":\"input_audio_buffer.append\" }", 2);
        assertThat(plain.isAppend()).isTrue();
        assertThat(plain.audioBytes()).isEqualTo(960).isEqualTo(reordered.audioBytes());
        assertThat(reordered.eventId()).isEqualTo("e1");
    }

    @Test
    void plainLookingButBrokenAppendsAreRefused() throws Exception {
        String head = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";
        assertThatThrownBy(() -> EventScanner.scanClient(head + "AAAA\",\"x\":\"AAAA\"}", 2))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown field 'x'");
        assertThatThrownBy(() -> EventScanner.scanClient(head + "AA\"AA\"}", 2)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> EventScanner.scanClient(head + "AA==\"}", 2)).hasMessageContaining("16-bit");
        assertThat(EventScanner.scanClient(head + "AA==\"}", 1).audioBytes()).isEqualTo(1);
    }

    @Test
    void aTypeFirstDeltaAndAnyOtherOrderReadTheSame() throws Exception {
        ServerFrame fast = EventScanner.scanServer("{\"type\":\"response.output_audio.delta\",\"event_id\":\"e\",\"response_id\":\"r1\","
                + "\"item_id\":\"i1\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + AUDIO.substring(0, 8) + "AA==\"}");
        ServerFrame parsed = EventScanner.scanServer("{\"delta\":\"" + AUDIO.substring(0, 8) + "AA==\",\"item_id\":\"i1\","
                + "\"type\":\"response.output_audio.delta\",\"response_id\":\"r1\"}");
        assertThat(fast).isEqualTo(parsed);
        assertThat(fast.audioBytes()).isEqualTo(7);
        assertThat(fast.itemId()).isEqualTo("i1");
    }
}
