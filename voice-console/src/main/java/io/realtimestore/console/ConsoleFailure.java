package io.realtimestore.console;

/**
 * An expected failure (refused credentials, no microphone, an unreadable file...): the command prints the message,
 * which is written for the person at the terminal, and exits with the code. No stack trace is shown for these.
 */
public class ConsoleFailure extends RuntimeException {

    private final ExitCode exitCode;

    public ConsoleFailure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ConsoleFailure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
