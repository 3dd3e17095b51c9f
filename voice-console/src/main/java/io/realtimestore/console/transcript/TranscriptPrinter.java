package io.realtimestore.console.transcript;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Prints the conversation in conversation order, whatever order its events arrive in. The service transcribes the
 * user's speech asynchronously, so the answer often starts before the question's transcript is known; lines are
 * therefore queued in the order their items were created, and a line is printed only when everything before it
 * has been. The head answer is streamed as its text arrives; notes (--verbose) take their place in the queue too.
 *
 * <p>A question whose transcript never comes (transcription off or failed) does not hold the conversation up for
 * long: after {@code transcriptWaitMs} it is printed as "(no transcript)" if something is waiting behind it.
 *
 * <p>Not thread-safe: the session calls it from its one thread.
 */
public final class TranscriptPrinter {

    public static final String USER = "You: ";
    public static final String ASSISTANT = "Assistant: ";
    static final String NO_TRANSCRIPT = "(no transcript)";
    static final String INTERRUPTED = " [interrupted]";

    private enum Kind { USER, ASSISTANT, NOTE }

    private static final class Line {
        final Kind kind;
        final StringBuilder text = new StringBuilder();
        final long createdNanos;
        boolean complete;
        boolean interrupted;
        boolean started;
        int printed;

        Line(Kind kind, long createdNanos) {
            this.kind = kind;
            this.createdNanos = createdNanos;
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final LongSupplier nanoClock;
    private final long transcriptWaitNanos;
    private final ArrayDeque<Line> queue = new ArrayDeque<>();
    private final Map<String, Line> items = new HashMap<>();
    private boolean lineOpen;

    public TranscriptPrinter(PrintStream out, PrintStream err, LongSupplier nanoClock, long transcriptWaitMs) {
        this.out = out;
        this.err = err;
        this.nanoClock = nanoClock;
        this.transcriptWaitNanos = transcriptWaitMs * 1_000_000L;
    }

    /** The user spoke and the service made an item of it; its transcript comes later. */
    public void userTurn(String itemId) {
        line(itemId, Kind.USER);
    }

    /** What the user said (a transcript) or typed; null when the transcription failed. */
    public void userSaid(String itemId, String text) {
        Line line = line(itemId, Kind.USER);
        if (line.complete) {
            return;
        }
        line.text.append(text == null || text.isBlank() ? NO_TRANSCRIPT : text.strip());
        line.complete = true;
        flush();
    }

    /** The assistant started an answer item. */
    public void assistantItem(String itemId) {
        line(itemId, Kind.ASSISTANT);
    }

    /** More of the answer's text (its audio transcript, or its text in text-only sessions). */
    public void assistantText(String itemId, String delta) {
        Line line = line(itemId, Kind.ASSISTANT);
        if (!line.complete && delta != null) {
            line.text.append(delta);
            flush();
        }
    }

    /** The answer's text is complete; {@code fullText} (may be null) replaces the deltas when it extends them. */
    public void assistantDone(String itemId, String fullText) {
        Line line = line(itemId, Kind.ASSISTANT);
        if (line.complete) {
            return;
        }
        if (fullText != null && fullText.length() > line.text.length() && fullText.startsWith(line.text.toString())) {
            line.text.setLength(0);
            line.text.append(fullText);
        }
        line.complete = true;
        flush();
    }

    /** The user spoke over the answer: it ends here, marked as interrupted. */
    public void interrupted(String itemId) {
        Line line = items.get(itemId);
        if (line != null && !line.complete) {
            line.interrupted = true;
            line.complete = true;
            flush();
        }
    }

    /** A --verbose note (tool call, products, barge-in...), in conversation order. */
    public void note(String text) {
        Line line = new Line(Kind.NOTE, nanoClock.getAsLong());
        line.text.append(text);
        line.complete = true;
        queue.add(line);
        flush();
    }

    /**
     * A status line or an error, on stderr at once (ending a half-printed answer line first, so the two do not run
     * together on a terminal).
     */
    public void aside(String message) {
        breakOpenLine();
        err.println(message);
        err.flush();
    }

    /** Gives up waiting for a transcript that has not come in time, when something is waiting behind it. */
    public void releaseOverdue() {
        Line head = queue.peek();
        if (head != null && head.kind == Kind.USER && !head.complete && queue.size() > 1
                && nanoClock.getAsLong() - head.createdNanos > transcriptWaitNanos) {
            head.text.append(NO_TRANSCRIPT);
            head.complete = true;
            flush();
        }
    }

    /** True when lines are waiting (for a transcript, or for the rest of an answer). */
    public boolean hasPending() {
        return !queue.isEmpty();
    }

    /** The end: prints whatever is still waiting, as it is. */
    public void finish() {
        for (Line line : queue) {
            if (!line.complete) {
                if (line.kind == Kind.USER && line.text.isEmpty()) {
                    line.text.append(NO_TRANSCRIPT);
                }
                line.complete = true;
            }
        }
        flush();
    }

    private Line line(String itemId, Kind kind) {
        Line line = items.get(itemId);
        if (line == null) {
            line = new Line(kind, nanoClock.getAsLong());
            items.put(itemId, line);
            queue.add(line);
        }
        return line;
    }

    private void flush() {
        while (!queue.isEmpty()) {
            Line head = queue.peek();
            if (head.kind == Kind.USER) {
                if (!head.complete) {
                    break;
                }
                out.println(USER + head.text);
            } else if (head.kind == Kind.NOTE) {
                out.println(head.text);
            } else if (!printAnswer(head)) {
                break;
            }
            queue.poll();
        }
        out.flush();
    }

    /** Prints what is new of the answer at the head; returns whether it is complete (and its line ended). */
    private boolean printAnswer(Line answer) {
        if (answer.complete && !answer.started && answer.text.toString().isBlank()) {
            return true; // an answer cut off before it said anything: nothing to show
        }
        if (!answer.started) {
            out.print(ASSISTANT);
            answer.started = true;
            lineOpen = true;
        }
        if (answer.printed < answer.text.length()) {
            out.print(answer.text.substring(answer.printed));
            answer.printed = answer.text.length();
        }
        if (!answer.complete) {
            return false;
        }
        out.println(answer.interrupted ? INTERRUPTED : "");
        lineOpen = false;
        return true;
    }

    private void breakOpenLine() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
            Line head = queue.peek();
            if (head != null && head.kind == Kind.ASSISTANT) {
                head.started = false; // the rest of the answer continues on a line of its own
            }
        }
    }
}
