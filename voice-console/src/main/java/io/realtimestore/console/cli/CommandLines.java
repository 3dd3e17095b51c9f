package io.realtimestore.console.cli;

import io.realtimestore.console.ConsoleIo;
import io.realtimestore.console.ExitCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The picocli set-up shared by the jar (through {@link CommandLineProducer}) and by tests that run the command
 * in-process: the exit-code table in --help, and invalid options answered with one line and a hint rather than the
 * whole usage text.
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** A command line for running the console in-process with these streams (tests). */
    public static CommandLine create(ConsoleIo io) {
        CommandLine commandLine = new CommandLine(new VoiceConsoleCommand(io));
        commandLine.setOut(new PrintWriter(io.out(), true));
        commandLine.setErr(new PrintWriter(io.err(), true));
        return configure(commandLine);
    }

    static CommandLine configure(CommandLine commandLine) {
        List<String> footer = new ArrayList<>(List.of(commandLine.getCommandSpec().usageMessage().footer()));
        footer.add("");
        footer.add("Exit codes:");
        for (ExitCode code : ExitCode.values()) {
            footer.add(String.format("  %3d  %s", code.code(), code.meaning()));
        }
        commandLine.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
        commandLine.setParameterExceptionHandler((problem, args) -> {
            PrintWriter err = problem.getCommandLine().getErr();
            err.println(problem.getMessage());
            err.println("Run voice-console --help for the options.");
            err.flush();
            return ExitCode.USAGE.code();
        });
        return commandLine;
    }
}
