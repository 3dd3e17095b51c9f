package io.realtimestore.voice.realtime;

import io.realtimestore.voice.assistant.CatalogTerms;
import io.realtimestore.voice.stt.SpeechRecognizer;
import io.realtimestore.voice.tts.SpeechSynthesizer;
import io.realtimestore.voice.vad.VoiceActivityDetector;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** The engine's shared parts that every session uses; the recogniser and synthesizer may be missing (degraded). */
public interface VoiceResources {

    VoiceActivityDetector vad();

    Optional<SpeechRecognizer> recognizer();

    Optional<SpeechSynthesizer> synthesizer();

    CatalogTerms catalogTerms();

    Executor workers();

    ScheduledExecutorService timers();
}
