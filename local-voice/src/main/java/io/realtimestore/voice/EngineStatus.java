package io.realtimestore.voice;

import java.util.List;

/**
 * Which parts of the engine run and which are missing, with what to install: shown at start-up and in the
 * gateway's readiness. A missing recogniser or synthesizer degrades the engine; it never stops it.
 */
public record EngineStatus(String vad, String recognizer, String synthesizer, List<String> problems) {

    public boolean degraded() {
        return !problems.isEmpty();
    }

    public String summary() {
        String parts = "VAD " + vad + ", speech-to-text " + recognizer + ", text-to-speech " + synthesizer;
        return problems.isEmpty() ? parts : parts + "; degraded: " + String.join("; ", problems);
    }
}
