package io.realtimestore.console.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** Hands Quarkus the command line with the console's picocli set-up ({@link CommandLines}). */
@ApplicationScoped
class CommandLineProducer {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return CommandLines.configure(factory.create());
    }
}
