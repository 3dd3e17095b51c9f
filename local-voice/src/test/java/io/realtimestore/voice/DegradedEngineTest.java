package io.realtimestore.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.voice.stt.SpeechRecognizerUnavailableException;
import io.realtimestore.voice.testing.ServerEventLog;
import io.realtimestore.voice.tts.FreeTtsSynthesizer;
import io.realtimestore.voice.tts.SynthesizerUnavailableException;
import io.realtimestore.voice.vad.SileroVad;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Parts that cannot load leave a working engine that says what is missing and what to install. */
class DegradedEngineTest {

    @Test
    void withoutNativeSpeechLibrariesTheEngineFallsBackAndSaysWhatToInstall() throws Exception {
        LocalVoiceEngine.Loaders loaders = new LocalVoiceEngine.Loaders(SileroVad::load,
                () -> { throw new SpeechRecognizerUnavailableException("PocketSphinx is not installed. Install it with: apt-get install libpocketsphinx3 libsphinxbase3"); },
                () -> { throw new SynthesizerUnavailableException("libflite could not be loaded; install it with: apt-get install libflite1"); },
                FreeTtsSynthesizer::load);
        try (LocalVoiceEngine engine = LocalVoiceEngine.start(new LocalVoiceOptions(Path.of("target/unused"), 1, 2), loaders)) {
            EngineStatus status = engine.status();
            assertThat(status.degraded()).isTrue();
            assertThat(status.recognizer()).isEqualTo("none");
            assertThat(status.synthesizer()).isEqualTo("freetts");
            assertThat(status.summary()).contains("apt-get install libpocketsphinx3", "apt-get install libflite1");

            // typed questions still get a spoken answer (FreeTTS), and spoken turns say transcription is unavailable
            ServerEventLog events = new ServerEventLog();
            var session = engine.openSession("marin", 0, events);
            session.accept("""
                    {"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}""");
            session.accept("{\"type\":\"response.create\"}");
            JsonNode done = events.await("response.done", 1);
            assertThat(done.path("response").path("output").path(0).path("content").path(0).path("transcript").asText())
                    .contains("What are you looking for");
            assertThat(events.has("response.output_audio.delta")).isTrue();
            session.close();
        }
    }
}
