package io.realtimestore.voice.tts;

/**
 * A text-to-speech engine cannot run on this machine, typically because its native library is not installed. The message
 * names what to install, so an operator can act on the log line alone.
 */
public final class SynthesizerUnavailableException extends RuntimeException {

    public SynthesizerUnavailableException(String message) {
        super(message);
    }

    public SynthesizerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
