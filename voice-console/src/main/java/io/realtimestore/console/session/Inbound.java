package io.realtimestore.console.session;

/**
 * Everything the conversation loop reacts to, from whichever thread it comes: the WebSocket, the typed-lines reader,
 * the WAV player, the Ctrl-C hook. One queue, one consumer, so the session's state needs no locks.
 */
sealed interface Inbound {

    record ServerEvent(String json) implements Inbound {
    }

    record ServerClosed(int code, String reason) implements Inbound {
    }

    record LinkFailed(Throwable error) implements Inbound {
    }

    record TypedLine(String text) implements Inbound {
    }

    /** The WAV file has been played out, or stdin has ended. */
    record InputEnded() implements Inbound {
    }

    /** Ctrl-C (or SIGTERM). */
    record StopRequested() implements Inbound {
    }
}
