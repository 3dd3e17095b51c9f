package io.realtimestore.voice.tts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceMapTest {

    private static final List<String> FLITE = List.of("slt", "rms", "awb", "kal16");

    @Test
    void femaleSoundingVoicesGetSlt() {
        for (String voice : List.of("alloy", "coral", "sage", "shimmer", "marin")) {
            assertThat(VoiceMap.engineVoice(voice, FLITE)).as(voice).isEqualTo("slt");
        }
    }

    @Test
    void maleSoundingVoicesGetAMaleVoiceAndNotAllTheSameOne() {
        List<String> male = List.of("ash", "ballad", "echo", "verse", "cedar").stream()
                .map(voice -> VoiceMap.engineVoice(voice, FLITE)).toList();
        assertThat(male).allMatch(List.of("rms", "awb", "kal16")::contains);
        assertThat(male).containsExactly("rms", "kal16", "awb", "awb", "rms");
    }

    @Test
    void fallsBackWithinTheVoicesThatArePresent() {
        assertThat(VoiceMap.engineVoice("ballad", List.of("slt", "rms"))).isEqualTo("rms");
        assertThat(VoiceMap.engineVoice("cedar", List.of("slt"))).isEqualTo("slt");
        assertThat(VoiceMap.engineVoice("coral", List.of("kevin16"))).isEqualTo("kevin16");
    }

    @Test
    void unknownOrMissingNamesGetTheDefault() {
        assertThat(VoiceMap.engineVoice("nova", FLITE)).isEqualTo("slt");
        assertThat(VoiceMap.engineVoice(null, FLITE)).isEqualTo("slt");
        assertThat(VoiceMap.engineVoice("nova", List.of("awb", "rms"))).isEqualTo("rms");
        assertThat(VoiceMap.engineVoice("nova", List.of("kevin16"))).isEqualTo("kevin16");
    }

    @Test
    void namesAreMatchedRegardlessOfCase() {
        assertThat(VoiceMap.engineVoice(" Cedar ", FLITE)).isEqualTo("rms");
    }

    @Test
    void needsAtLeastOneVoice() {
        assertThatThrownBy(() -> VoiceMap.engineVoice("alloy", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
