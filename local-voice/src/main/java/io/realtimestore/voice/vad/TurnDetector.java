package io.realtimestore.voice.vad;

import java.util.Arrays;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Server-VAD turn detection with the GA Realtime API's semantics (turn_detection type "server_vad"): a frame whose
 * speech probability is at or above {@code threshold} counts as speech; a turn starts once speech is confirmed and
 * reaches back {@code prefix_padding_ms} before it; it ends once {@code silence_duration_ms} have passed without
 * speech. Positions are milliseconds since the stream started (audio_start_ms / audio_end_ms in the Realtime events).
 *
 * <p>Input is 16 kHz PCM16 in chunks of any length, cut into the VAD's frames here. Speech is confirmed only when at
 * least 64 ms of the last 96 ms are speech, so a click neither opens
 * a turn nor keeps one open. Every sample of a turn reaches the listener exactly once and in order; the prefix padding
 * never reaches back into an earlier turn or past a {@link #clear()}.
 *
 * <p>The silence is counted from where the voice actually stopped, found in 10 ms steps by {@link TailLevels} when the
 * tail is clearly quiet (up to {@value #MAX_TAIL_BACK_MS} ms before the end of the VAD's last speech frame), and the
 * turn may end between two VAD frames when the audio since the last one is just as quiet: a clean tail is not kept
 * waiting for the VAD's frame grid. In noise neither applies and the VAD's frames decide alone.
 *
 * <p>Single-threaded like its {@link VadStream}, except {@link #settings(Settings)}, which may come from any thread.
 */
public final class TurnDetector {

    private static final Logger LOG = Logger.getLogger(TurnDetector.class);
    private static final int SAMPLES_PER_MS = 16;
    private static final int MIN_SPEECH_MS = 64;
    private static final int EVIDENCE_WINDOW_MS = 96;
    /** How far before the VAD's last speech frame end the quiet tail may place the end of speech (two Silero frames). */
    private static final int MAX_TAIL_BACK_MS = 64;

    /**
     * @param threshold         probability (0..1) at or above which a frame counts as speech
     * @param prefixPaddingMs   audio kept before the detected start of speech and included in the turn
     * @param silenceDurationMs how long speech must be absent before the turn ends
     */
    public record Settings(double threshold, int prefixPaddingMs, int silenceDurationMs) {
        public Settings {
            if (!(threshold >= 0 && threshold <= 1) || prefixPaddingMs < 0 || silenceDurationMs < 0) {
                throw new IllegalArgumentException("Invalid turn detection settings: " + threshold + ", "
                        + prefixPaddingMs + " ms, " + silenceDurationMs + " ms");
            }
        }

        /** The GA Realtime defaults: 0.5, 300 ms, 500 ms. */
        public static Settings defaults() {
            return new Settings(0.5, 300, 500);
        }
    }

    public interface Listener {
        /**
         * A turn opened. {@code audioStartMs} includes the prefix padding; {@code audio} is every sample from there up
         * to now (the padding plus the frames that confirmed speech).
         */
        void speechStarted(long audioStartMs, short[] audio);

        /** Further audio while the turn is open: speech, and the silence inside and after it until the turn ends. */
        void speechAudio(short[] audio);

        /** The turn ended; {@code audioEndMs} is where its speech ended (the trailing silence excluded). */
        void speechStopped(long audioEndMs);
    }

    private final VadStream vad;
    private final Listener listener;
    private final int frameSamples;
    private final int evidenceFrames;
    private final SpeechEvidence evidence;
    private final AudioHistory history;
    private final TailLevels tail;
    private final short[] frame;
    private int frameFill;

    private volatile Settings settings;
    private Settings appliedSettings;
    /** Samples accepted so far; during a callback, the end of the frame that caused it. */
    private long position;
    private boolean inSpeech;
    private long lastSpeechEnd;
    /** Where the current silence began: {@link #lastSpeechEnd}, or earlier when the tail before it is quiet. */
    private long silenceStart;
    /** False until the 10 ms block holding {@link #lastSpeechEnd} is complete, so its level is known. */
    private boolean silenceStartSettled;

    public TurnDetector(VadStream vad, Settings settings, Listener listener) {
        this.vad = Objects.requireNonNull(vad, "vad");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.frameSamples = vad.frameSamples();
        this.evidenceFrames = framesCovering(EVIDENCE_WINDOW_MS);
        this.evidence = new SpeechEvidence(evidenceFrames, Math.min(evidenceFrames, framesCovering(MIN_SPEECH_MS)));
        this.history = new AudioHistory(historyCapacity(settings));
        this.tail = new TailLevels(EVIDENCE_WINDOW_MS + MAX_TAIL_BACK_MS + 2 * vad.frameSamples() / SAMPLES_PER_MS);
        this.frame = new short[frameSamples];
    }

    /** Feeds 16 kHz PCM16 audio of any length; events fire as whole frames complete. */
    public void accept(short[] pcm16k) {
        for (int offset = 0; offset < pcm16k.length; ) {
            int count = Math.min(frameSamples - frameFill, pcm16k.length - offset);
            System.arraycopy(pcm16k, offset, frame, frameFill, count);
            tail.accept(pcm16k, offset, count);
            frameFill += count;
            offset += count;
            position += count;
            if (frameFill == frameSamples) {
                frameFill = 0;
                analyseFrame();
            }
        }
        if (inSpeech && frameFill > 0 && silenceReached(tail.quietUntil(position - frameFill), settings)) {
            endTurn(); // the rest of the frame is as quiet as the tail: no need to wait for the VAD's verdict on it
        }
    }

    /** Replaces the settings; they apply from the next frame. */
    public void settings(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public boolean inSpeech() {
        return inSpeech;
    }

    public long positionMs() {
        return toMs(position);
    }

    /** Forgets buffered audio and any open turn (input_audio_buffer.clear): no speechStopped is emitted. */
    public void clear() {
        inSpeech = false;
        frameFill = 0;
        evidence.reset();
        vad.reset();
        history.restartAt(position);
    }

    /**
     * Forces the end of an open turn now (input_audio_buffer.commit with VAD on): the audio not yet analysed goes to
     * the turn, then speechStopped. Does nothing outside a turn.
     */
    public void endTurn() {
        if (!inSpeech) {
            return;
        }
        if (frameFill > 0) {
            short[] pending = Arrays.copyOf(frame, frameFill);
            frameFill = 0;
            listener.speechAudio(pending);
        }
        stopTurn();
    }

    private void analyseFrame() {
        Settings current = settings;
        if (current != appliedSettings) {
            history.capacity(historyCapacity(current));
            appliedSettings = current;
        }
        boolean speech = vad.speechProbability(frame) >= current.threshold();
        history.append(frame);
        boolean confirmed = evidence.add(speech);
        if (inSpeech) {
            if (confirmed) {
                speechEndsAt(position - (long) evidence.framesSinceLastSpeech() * frameSamples);
            }
            listener.speechAudio(frame.clone());
            if (silenceReached(position, current)) {
                stopTurn();
            }
        } else if (confirmed) {
            startTurn(current);
        }
    }

    private void startTurn(Settings current) {
        long speechStart = position - (evidence.framesSinceFirstSpeech() + 1L) * frameSamples;
        short[] audio = history.from(speechStart - (long) current.prefixPaddingMs() * SAMPLES_PER_MS);
        long audioStart = position - audio.length;
        inSpeech = true;
        tail.turnStarted();
        speechEndsAt(position - (long) evidence.framesSinceLastSpeech() * frameSamples);
        LOG.debugf("Speech started at %d ms (audio from %d ms)", toMs(speechStart), toMs(audioStart));
        listener.speechStarted(toMs(audioStart), audio);
    }

    private void stopTurn() {
        inSpeech = false;
        evidence.reset();
        history.restartAt(position); // the next turn's padding must not repeat this turn's audio
        LOG.debugf("Speech stopped at %d ms (last VAD speech frame ended at %d ms)", toMs(silenceStart), toMs(lastSpeechEnd));
        listener.speechStopped(toMs(silenceStart));
    }

    private void speechEndsAt(long frameEnd) {
        lastSpeechEnd = frameEnd;
        silenceStart = frameEnd;
        silenceStartSettled = false;
    }

    /** Whether the silence from {@link #silenceStart} to {@code silentUntil} fills the window. */
    private boolean silenceReached(long silentUntil, Settings current) {
        if (!silenceStartSettled) {
            // a VAD frame rarely ends on a 10 ms block boundary: the block it ends in completes with the next audio
            silenceStart = tail.lastLoudEnd(lastSpeechEnd, MAX_TAIL_BACK_MS * SAMPLES_PER_MS);
            silenceStartSettled = tail.completeUpTo(lastSpeechEnd);
        }
        long silence = silentUntil - silenceStart;
        return silence > 0 && silence >= (long) current.silenceDurationMs() * SAMPLES_PER_MS;
    }

    /** The prefix padding plus the evidence window, which is as far back as a confirmed start of speech can lie. */
    private int historyCapacity(Settings current) {
        return current.prefixPaddingMs() * SAMPLES_PER_MS + evidenceFrames * frameSamples;
    }

    private int framesCovering(int ms) {
        return Math.max(1, Math.ceilDiv(ms * SAMPLES_PER_MS, frameSamples));
    }

    private static long toMs(long samples) {
        return samples / SAMPLES_PER_MS;
    }
}
