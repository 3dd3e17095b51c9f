package io.realtimestore.voice.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimestore.voice.tts.SpeechSynthesizer;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** What a response needs from its session; everything is called on the session's lane. */
interface SessionContext {

    void send(ObjectNode event);

    Executor lane();

    ScheduledExecutorService timers();

    Optional<SpeechSynthesizer> synthesizer();

    Conversation conversation();

    void responseFinished(ResponseRun response);
}
