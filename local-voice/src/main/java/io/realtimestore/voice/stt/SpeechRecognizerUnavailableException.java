package io.realtimestore.voice.stt;

/**
 * The speech recognizer cannot run on this machine (a native library or the model is missing). The message says what
 * to install, so it can be shown to an operator as is.
 */
public final class SpeechRecognizerUnavailableException extends RuntimeException {

    public SpeechRecognizerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SpeechRecognizerUnavailableException(String message) {
        super(message);
    }
}
