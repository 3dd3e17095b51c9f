package io.realtimestore.console.session;

import java.util.HashSet;
import java.util.Set;

/**
 * Which of the user's turns still wait for an answer. A turn is answered by a response that is final: one that did
 * not just call tools (after a tool call the gateway asks for another response with the tools' results) or that
 * was cancelled or failed. Headless runs end when nothing is pending.
 *
 * <p>Between the end of speech and the service committing it as a turn there is a moment in which nothing seems to
 * be pending; the turn counts as coming for up to {@link #COMMIT_WAIT_NANOS} after the speech stopped.
 */
final class TurnTracker {

    static final long COMMIT_WAIT_NANOS = 3_000_000_000L;

    private final Set<String> responding = new HashSet<>();
    private int unanswered;
    private int answered;
    private boolean speaking;
    private boolean commitDue;
    private long speechStoppedNanos;

    void speechStarted() {
        speaking = true;
    }

    void speechStopped(long nowNanos) {
        speaking = false;
        commitDue = true;
        speechStoppedNanos = nowNanos;
    }

    /** The service committed a spoken turn, or the console sent a typed one. */
    void userTurn() {
        speaking = false;
        commitDue = false;
        unanswered++;
    }

    void responseStarted(String responseId) {
        responding.add(responseId);
    }

    /** @param finalAnswer false when the response only called tools and another one will follow */
    void responseDone(String responseId, boolean finalAnswer) {
        responding.remove(responseId);
        if (finalAnswer) {
            answered++;
            unanswered = Math.max(0, unanswered - 1);
        }
    }

    boolean responding() {
        return !responding.isEmpty();
    }

    /** Nobody is speaking or about to have spoken, no response is being generated and every turn has its answer. */
    boolean idle(long nowNanos) {
        boolean turnComing = commitDue && nowNanos - speechStoppedNanos < COMMIT_WAIT_NANOS;
        return !speaking && !turnComing && unanswered == 0 && responding.isEmpty();
    }

    int answered() {
        return answered;
    }
}
