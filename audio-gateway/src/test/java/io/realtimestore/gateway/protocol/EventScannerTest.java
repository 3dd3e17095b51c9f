package io.realtimestore.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The byte-level audio shortcuts ({@link AudioFrames}) and the streaming parser agree; malformed variants never pass as plain. */
class EventScannerTest {

    private static final String AUDIO = Base64.getEncoder().encodeToString(new byte[960]);
    private static final String APPEND_HEAD = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";

    @Test
    void aPlainAppendAndAReorderedOneReadTheSame() throws Exception {
        String plain = APPEND_HEAD + AUDIO + "\"}";
        ClientFrame reordered = EventScanner.scanClient("{ \"event_id\":\"e1\", \"audio\":\"" + AUDIO
                + "\", \"type\":\"input_audio_buffer.append\" }", 2);
        assertThat(AudioFrames.plainAppend(utf8(plain), 2)).isEqualTo(960);
        assertThat(EventScanner.scanClient(plain, 2).audioBytes()).isEqualTo(960).isEqualTo(reordered.audioBytes());
        assertThat(reordered.isAppend()).isTrue();
        assertThat(reordered.eventId()).isEqualTo("e1");
        assertThat(AudioFrames.plainAppend(utf8(" " + plain), 2)).as("anything but the exact shape takes the parser").isEqualTo(-1);
    }

    @Test
    void plainLookingButBrokenAppendsAreNotPlainAndTheParserRefusesThem() throws Exception {
        for (String broken : new String[] {"AAAA\",\"x\":\"AAAA", "AA\"AA", "AA=A", "AAA", "AA\\u0041AA", "AAA\u00e9", "AA==AAAA", "====", "A==="}) {
            String event = APPEND_HEAD + broken + "\"}";
            assertThat(AudioFrames.plainAppend(utf8(event), 1)).as(event).isEqualTo(-1);
            assertThatThrownBy(() -> EventScanner.scanClient(event, 1)).as(event).isInstanceOf(ProtocolException.class);
        }
        assertThatThrownBy(() -> EventScanner.scanClient(APPEND_HEAD + "AAAA\",\"x\":\"AAAA\"}", 2))
                .hasMessageContaining("unknown field 'x'");
        assertThat(AudioFrames.plainAppend(utf8(APPEND_HEAD + "AA==\"}"), 2)).as("one byte is not a PCM16 sample").isEqualTo(-1);
        assertThatThrownBy(() -> EventScanner.scanClient(APPEND_HEAD + "AA==\"}", 2)).hasMessageContaining("16-bit");
        assertThat(AudioFrames.plainAppend(utf8(APPEND_HEAD + "AA==\"}"), 1)).isEqualTo(1);
    }

    @Test
    void aTypeFirstDeltaAndAnyOtherOrderReadTheSame() throws Exception {
        ServerFrame plain = AudioFrames.plainDelta(utf8("{\"type\":\"response.output_audio.delta\",\"event_id\":\"e\",\"response_id\":\"r1\","
                + "\"item_id\":\"i1\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + AUDIO.substring(0, 8) + "AA==\"}"));
        ServerFrame parsed = EventScanner.scanServer("{\"delta\":\"" + AUDIO.substring(0, 8) + "AA==\",\"item_id\":\"i1\","
                + "\"type\":\"response.output_audio.delta\",\"response_id\":\"r1\"}");
        assertThat(plain).isEqualTo(parsed);
        assertThat(plain.audioBytes()).isEqualTo(7);
        assertThat(plain.itemId()).isEqualTo("i1");
    }

    @Test
    void deltasThatAreNotPlainAsciiOrLackFieldsTakeTheParser() {
        String head = "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r1\",";
        assertThat(AudioFrames.plainDelta(utf8(head + "\"item_id\":\"i\u00e9\",\"delta\":\"AAAA\"}"))).isNull();
        assertThat(AudioFrames.plainDelta(utf8(head + "\"delta\":\"AAAA\"}"))).as("no item_id").isNull();
        assertThat(AudioFrames.plainDelta(utf8(head + "\"item_id\":\"i1\"}"))).as("no delta").isNull();
        assertThat(AudioFrames.plainDelta(utf8("{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"i1\",\"delta\":\"hi\"}")))
                .isNull();
    }

    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void releaseBuffers() {
        buffers.forEach(ByteBuf::release);
    }

    private ByteBuf utf8(String text) {
        // direct, like the buffers Netty reads into
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf buffer = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        buffers.add(buffer);
        return buffer;
    }
}
