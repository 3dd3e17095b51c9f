package io.realtimestore.console;

/**
 * What the process's exit status means. Scripts rely on these numbers: never renumber one, only add.
 */
public enum ExitCode {

    DONE(0, "finished: answered, ended by the assistant, or the session ended normally"),
    UNEXPECTED(1, "an unexpected error (a bug: please report it with the output of --verbose)"),
    USAGE(2, "invalid command line (unknown option, missing value, options that do not go together)"),
    AUTHENTICATION(3, "credentials refused (wrong or expired key or token, no Entra ID identity)"),
    CONNECTION(4, "the service could not be reached (down, wrong URL, TLS failure, busy)"),
    AUDIO_DEVICE(5, "no usable microphone or speaker (use --input/--output or --text instead)"),
    FILE(6, "the --input WAV file cannot be read or the --output file cannot be written"),
    SESSION(7, "the session failed after it started (closed by the service, connection lost, no speech heard)"),
    TIMEOUT(8, "--timeout passed before the conversation finished"),
    INTERRUPTED(130, "stopped with Ctrl-C (the session was closed cleanly first)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
