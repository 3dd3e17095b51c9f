package io.realtimestore.console.cli;

import io.realtimestore.console.ConsoleFailure;
import io.realtimestore.console.ConsoleIo;
import io.realtimestore.console.ExitCode;
import io.realtimestore.console.realtime.Endpoint;
import io.realtimestore.console.realtime.Endpoints;
import io.realtimestore.console.realtime.EntraIdToken;
import io.realtimestore.console.realtime.SessionSettings;
import io.realtimestore.console.session.SessionPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Checks that the options go together and turns them into a {@link SessionPlan}. Every refusal names the options
 * involved and what to do instead (exit 2). Credentials come last: an Entra ID token is fetched only once the rest
 * of the command line is known to be right.
 */
final class PlanBuilder {

    static final String DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
    static final String DEFAULT_OPENAI_MODEL = "gpt-realtime";
    static final int DEFAULT_FILE_TIMEOUT_SECONDS = 120;

    private final VoiceConsoleCommand options;
    private final ConsoleIo io;

    PlanBuilder(VoiceConsoleCommand options, ConsoleIo io) {
        this.options = options;
        this.io = io;
    }

    SessionPlan build() {
        Endpoint.Kind kind = connectionKind();
        checkAudioOptions();
        SessionPlan.Input input = options.text ? SessionPlan.Input.TEXT
                : options.input != null ? SessionPlan.Input.FILE : SessionPlan.Input.MICROPHONE;
        SessionPlan.Output output = options.output != null ? SessionPlan.Output.FILE
                : options.text && options.outputDevice == null ? SessionPlan.Output.NONE : SessionPlan.Output.SPEAKER;
        SessionSettings settings = new SessionSettings(options.voice, instructions(kind), transcriptionModel(kind),
                output == SessionPlan.Output.NONE);
        return new SessionPlan(endpoint(kind), settings, input, options.input, options.inputDevice, output, options.output,
                options.outputDevice, options.verbose, timeout(input));
    }

    private Endpoint.Kind connectionKind() {
        int chosen = (options.gateway != null ? 1 : 0) + (options.azureEndpoint != null ? 1 : 0) + (options.openAi ? 1 : 0);
        if (chosen == 0) {
            throw usage("Say where to connect: --gateway URL (the store's gateway), --azure-endpoint URL --deployment NAME, "
                    + "or --openai.");
        }
        if (chosen > 1) {
            throw usage("Choose one of --gateway, --azure-endpoint and --openai.");
        }
        Endpoint.Kind kind = options.gateway != null ? Endpoint.Kind.GATEWAY
                : options.azureEndpoint != null ? Endpoint.Kind.AZURE : Endpoint.Kind.OPENAI;
        if (options.token != null && kind != Endpoint.Kind.GATEWAY) {
            throw usage("--token is for the gateway; Azure OpenAI and OpenAI take --api-key.");
        }
        if (options.token != null && options.apiKey != null) {
            throw usage("Give the gateway either --api-key or --token, not both.");
        }
        if (options.deployment != null && kind != Endpoint.Kind.AZURE) {
            throw usage("--deployment goes with --azure-endpoint.");
        }
        if (kind == Endpoint.Kind.AZURE && options.deployment == null) {
            throw usage("--azure-endpoint needs --deployment NAME (the realtime deployment, e.g. gpt-realtime).");
        }
        if ((options.model != null || options.openAiBaseUrl != null) && kind != Endpoint.Kind.OPENAI) {
            throw usage("--model and --openai-base-url go with --openai.");
        }
        if (kind == Endpoint.Kind.GATEWAY && (options.instructionsFile != null || options.transcriptionModel != null)) {
            throw usage("The gateway owns the instructions and the transcription: --instructions-file and "
                    + "--transcription-model work only with --azure-endpoint or --openai.");
        }
        return kind;
    }

    private void checkAudioOptions() {
        if (options.text && options.input != null) {
            throw usage("--text (typed questions) and --input (a recording) cannot be used together.");
        }
        if (options.inputDevice != null && (options.text || options.input != null)) {
            throw usage("--input-device is for the microphone; it does not go with --text or --input.");
        }
        if (options.outputDevice != null && options.output != null) {
            throw usage("--output writes the answer to a file; it does not go with --output-device.");
        }
        if (options.timeoutSeconds != null && options.timeoutSeconds < 0) {
            throw usage("--timeout must be 0 (no limit) or a number of seconds.");
        }
    }

    private Endpoint endpoint(Endpoint.Kind kind) {
        try {
            return switch (kind) {
                case GATEWAY -> {
                    String key = options.token != null ? null : firstOf(options.apiKey, io.env("GATEWAY_API_KEY"));
                    if (key == null && options.token == null) {
                        throw usage("--gateway needs its key (--api-key KEY or GATEWAY_API_KEY) or a token (--token TOKEN).");
                    }
                    yield Endpoints.gateway(options.gateway, key, options.token);
                }
                case AZURE -> {
                    String key = firstOf(options.apiKey, io.env("AZURE_OPENAI_API_KEY"));
                    Endpoints.webSocketUri(options.azureEndpoint, "--azure-endpoint"); // a bad URL fails before any token is fetched
                    yield Endpoints.azure(options.azureEndpoint, options.deployment, key, key == null ? EntraIdToken.fetch() : null);
                }
                case OPENAI -> {
                    String key = firstOf(options.apiKey, io.env("OPENAI_API_KEY"));
                    if (key == null) {
                        throw usage("--openai needs the OpenAI key: --api-key KEY or OPENAI_API_KEY.");
                    }
                    yield Endpoints.openAi(firstOf(options.openAiBaseUrl, DEFAULT_OPENAI_BASE_URL),
                            firstOf(options.model, DEFAULT_OPENAI_MODEL), key);
                }
            };
        } catch (IllegalArgumentException badUrl) {
            throw usage(badUrl.getMessage());
        }
    }

    private String instructions(Endpoint.Kind kind) {
        if (kind == Endpoint.Kind.GATEWAY) {
            return null;
        }
        if (options.instructionsFile == null) {
            return SessionSettings.DEFAULT_INSTRUCTIONS;
        }
        try {
            String text = Files.readString(options.instructionsFile).strip();
            if (text.isEmpty()) {
                throw new ConsoleFailure(ExitCode.FILE, "The instructions file " + options.instructionsFile + " is empty.");
            }
            return text;
        } catch (IOException e) {
            throw new ConsoleFailure(ExitCode.FILE, "Cannot read the instructions file " + options.instructionsFile + " ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private String transcriptionModel(Endpoint.Kind kind) {
        if (kind == Endpoint.Kind.GATEWAY) {
            return null;
        }
        String model = firstOf(options.transcriptionModel, SessionSettings.DEFAULT_TRANSCRIPTION_MODEL);
        return model.equalsIgnoreCase("none") ? null : model;
    }

    private Duration timeout(SessionPlan.Input input) {
        int seconds = options.timeoutSeconds != null ? options.timeoutSeconds
                : input == SessionPlan.Input.FILE ? DEFAULT_FILE_TIMEOUT_SECONDS : 0;
        return Duration.ofSeconds(seconds);
    }

    private static String firstOf(String value, String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }

    private static ConsoleFailure usage(String message) {
        return new ConsoleFailure(ExitCode.USAGE, message);
    }
}
