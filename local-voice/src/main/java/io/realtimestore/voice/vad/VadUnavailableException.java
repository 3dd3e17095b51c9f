package io.realtimestore.voice.vad;

/** A voice activity detector cannot run here (e.g. ONNX Runtime's native library does not load on this platform). */
public final class VadUnavailableException extends RuntimeException {

    public VadUnavailableException(String message) {
        super(message);
    }

    public VadUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
