package io.realtimestore.voice.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * One stream on the shared Silero session. The model (v5, 16 kHz) takes 512 new samples plus the last 64 samples of
 * the previous chunk as context, and its LSTM state [2,1,128] from the previous call.
 *
 * <p>The input tensors are created once over direct buffers, which ONNX Runtime reads in place: each frame only
 * rewrites the buffers, instead of allocating three tensors per 32 ms.
 */
final class SileroStream implements VadStream {

    static final int FRAME_SAMPLES = 512;
    private static final int CONTEXT_SAMPLES = 64;
    private static final int STATE_SIZE = 2 * 128;
    private static final long SAMPLE_RATE = 16000;

    private final OrtSession session;
    /** [context (64) | frame (512)]; the last 64 samples of one call are the context of the next. */
    private final FloatBuffer input = directFloats(CONTEXT_SAMPLES + FRAME_SAMPLES);
    private final FloatBuffer state = directFloats(STATE_SIZE);
    private final OnnxTensor inputTensor;
    private final OnnxTensor stateTensor;
    private final OnnxTensor sampleRateTensor;
    private final Map<String, OnnxTensor> inputs;

    SileroStream(OrtEnvironment environment, OrtSession session) {
        this.session = session;
        try {
            inputTensor = OnnxTensor.createTensor(environment, input, new long[] {1, CONTEXT_SAMPLES + FRAME_SAMPLES});
            stateTensor = OnnxTensor.createTensor(environment, state, new long[] {2, 1, 128});
            sampleRateTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[] {SAMPLE_RATE}), new long[0]);
        } catch (OrtException e) {
            throw new VadUnavailableException("Silero VAD stream could not allocate its tensors: " + e.getMessage(), e);
        }
        inputs = Map.of("input", inputTensor, "state", stateTensor, "sr", sampleRateTensor);
    }

    @Override
    public int frameSamples() {
        return FRAME_SAMPLES;
    }

    @Override
    public float speechProbability(short[] frame) {
        if (frame.length != FRAME_SAMPLES) {
            throw new IllegalArgumentException("Silero VAD needs frames of " + FRAME_SAMPLES + " samples, got " + frame.length);
        }
        for (int i = 0; i < CONTEXT_SAMPLES; i++) {
            input.put(i, input.get(FRAME_SAMPLES + i));
        }
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            input.put(CONTEXT_SAMPLES + i, frame[i] / 32768f);
        }
        try (OrtSession.Result result = session.run(inputs)) {
            float probability = output(result, "output").get(0);
            state.put(0, output(result, "stateN"), 0, STATE_SIZE);
            return probability;
        } catch (OrtException e) {
            throw new IllegalStateException("Silero VAD inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void reset() {
        for (int i = 0; i < input.capacity(); i++) {
            input.put(i, 0f);
        }
        for (int i = 0; i < STATE_SIZE; i++) {
            state.put(i, 0f);
        }
    }

    @Override
    public void close() {
        inputTensor.close();
        stateTensor.close();
        sampleRateTensor.close();
    }

    private static FloatBuffer output(OrtSession.Result result, String name) {
        return ((OnnxTensor) result.get(name)
                .orElseThrow(() -> new IllegalStateException("Silero VAD model has no output " + name)))
                .getFloatBuffer();
    }

    private static FloatBuffer directFloats(int size) {
        return ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
