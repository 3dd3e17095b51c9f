package io.realtimestore.voice.vad;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import org.jboss.logging.Logger;

/**
 * Silero VAD v5 (bundled ONNX model, MIT) on ONNX Runtime. One {@link OrtSession} serves every stream, because
 * {@code OrtSession.run} is thread-safe and the model's recurrent state travels as an input/output tensor that each
 * {@link SileroStream} keeps for itself.
 */
public final class SileroVad implements VoiceActivityDetector {

    private static final Logger LOG = Logger.getLogger(SileroVad.class);
    private static final String MODEL_RESOURCE = "silero_vad_v5.onnx";

    private final OrtEnvironment environment;
    private final OrtSession session;

    private SileroVad(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    /**
     * Loads the bundled model with one intra-op thread: a 32 ms frame is far too small to gain from parallelism, and
     * the engine runs many streams side by side.
     *
     * @throws VadUnavailableException if ONNX Runtime's native library cannot load or the model cannot be read
     */
    public static SileroVad load() {
        byte[] model = readModel();
        long started = System.nanoTime();
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                OrtSession session = environment.createSession(model, options);
                LOG.debugf("Silero VAD v5 loaded in %d ms", (System.nanoTime() - started) / 1_000_000);
                return new SileroVad(environment, session);
            }
        } catch (LinkageError e) { // UnsatisfiedLinkError first, NoClassDefFoundError on later attempts
            throw new VadUnavailableException("Silero VAD unavailable: ONNX Runtime's native library could not be loaded on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + e + ")", e);
        } catch (OrtException e) {
            throw new VadUnavailableException("Silero VAD unavailable: ONNX Runtime rejected the model: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "silero-v5";
    }

    @Override
    public VadStream newStream() {
        return new SileroStream(environment, session);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing the Silero VAD session failed", e);
        }
    }

    private static byte[] readModel() {
        try (InputStream in = SileroVad.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new VadUnavailableException("Silero VAD model missing from the classpath: "
                        + SileroVad.class.getPackageName().replace('.', '/') + "/" + MODEL_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new VadUnavailableException("Silero VAD model could not be read: " + e.getMessage(), e);
        }
    }
}
