package io.realtimestore.console.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.realtimestore.console.ConsoleFailure;
import io.realtimestore.console.ConsoleIo;
import io.realtimestore.console.ExitCode;
import io.realtimestore.console.session.ConsoleRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line. Options only: what they mean together is {@link PlanBuilder}'s business, and running the
 * conversation {@link ConsoleRun}'s. Expected failures print one plain message and exit with their code; only a bug
 * shows a stack trace, and only with --verbose.
 */
@TopCommand
@Command(name = "voice-console", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpWidth = 110,
        description = {
            "Talk to the store's voice assistant from a terminal: through the audio-gateway (product search, cards, the "
                    + "store's instructions), or straight to Azure OpenAI or OpenAI (a plain assistant: no store tools).",
            "Audio is 24 kHz 16-bit mono: the microphone and speaker by default, WAV files with --input/--output, or "
                    + "typed lines with --text.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  voice-console --gateway ws://localhost:8082 --api-key $GATEWAY_API_KEY",
            "  voice-console --gateway ws://localhost:8082 --api-key KEY --input question.wav --output answer.wav",
            "  echo 'tents under 200 dollars' | voice-console --gateway ws://localhost:8082 --api-key KEY --text",
            "  voice-console --azure-endpoint https://my-res.openai.azure.com --deployment gpt-realtime   (Entra ID)",
            "  OPENAI_API_KEY=sk-... voice-console --openai --instructions-file persona.txt",
            "",
            "Keys can come from the environment instead of the command line (where other users may see them):",
            "GATEWAY_API_KEY, AZURE_OPENAI_API_KEY, OPENAI_API_KEY."})
public class VoiceConsoleCommand implements Callable<Integer> {

    private final ConsoleIo io;

    @Option(names = "--gateway", paramLabel = "URL", order = 1,
            description = "The store's audio-gateway, e.g. ws://localhost:8082 (the path /v1/realtime is added when absent).")
    String gateway;

    @Option(names = "--api-key", paramLabel = "KEY", order = 2,
            description = "The gateway's key (sent as X-Api-Key), the Azure OpenAI resource's key, or the OpenAI key. "
                    + "Default: GATEWAY_API_KEY, AZURE_OPENAI_API_KEY or OPENAI_API_KEY.")
    String apiKey;

    @Option(names = "--token", paramLabel = "TOKEN", order = 3,
            description = "A single-use gateway token (POST /api/realtime/sessions) instead of the key; sent as a bearer token.")
    String token;

    @Option(names = "--azure-endpoint", paramLabel = "URL", order = 4,
            description = "Straight to Azure OpenAI, e.g. https://my-res.openai.azure.com. Without a key: Entra ID "
                    + "(az login, managed identity...).")
    String azureEndpoint;

    @Option(names = "--deployment", paramLabel = "NAME", order = 5, description = "The Azure OpenAI realtime deployment.")
    String deployment;

    @Option(names = "--openai", order = 6, description = "Straight to OpenAI (key: --api-key or OPENAI_API_KEY).")
    boolean openAi;

    @Option(names = "--model", paramLabel = "NAME", order = 7, description = "The OpenAI realtime model (default: gpt-realtime).")
    String model;

    @Option(names = "--openai-base-url", paramLabel = "URL", order = 8, hidden = true,
            description = "OpenAI's API base URL (default: https://api.openai.com/v1), for compatible services and tests.")
    String openAiBaseUrl;

    @Option(names = "--voice", paramLabel = "NAME", order = 10,
            description = "The assistant's voice (e.g. marin, cedar, alloy); the gateway accepts only the voices it allows.")
    String voice;

    @Option(names = "--instructions-file", paramLabel = "FILE", order = 11,
            description = "Direct mode only: the assistant's instructions (default: a short, friendly assistant). "
                    + "Through the gateway the store's instructions apply.")
    Path instructionsFile;

    @Option(names = "--transcription-model", paramLabel = "NAME", order = 12,
            description = "Direct mode only: what transcribes your speech (default: gpt-4o-mini-transcribe; on Azure a "
                    + "deployment name; 'none' turns it off).")
    String transcriptionModel;

    @Option(names = "--text", order = 20,
            description = "Type questions (one a line, from the terminal or a pipe) instead of speaking; answers are "
                    + "written, and also spoken with --output or --output-device.")
    boolean text;

    @Option(names = "--input", paramLabel = "FILE.wav", order = 21,
            description = "Play this recording into the conversation in real time instead of using the microphone (any "
                    + "rate, resampled to 24 kHz), then stop once it has been answered.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE.wav", order = 22,
            description = "Record the assistant's voice (24 kHz mono PCM16) instead of playing it.")
    Path output;

    @Option(names = "--input-device", paramLabel = "NAME", order = 23, description = "The microphone to use (part of its name).")
    String inputDevice;

    @Option(names = "--output-device", paramLabel = "NAME", order = 24, description = "The speaker to use (part of its name).")
    String outputDevice;

    @Option(names = "--list-devices", order = 25, description = "List the microphones and speakers Java Sound sees, and exit.")
    boolean listDevices;

    @Option(names = "--timeout", paramLabel = "SECONDS", order = 30,
            description = "Stop (exit 8) if the conversation has not finished by then; 0: no limit. Default: 120 with "
                    + "--input, no limit otherwise.")
    Integer timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, order = 31,
            description = "Also print tool calls, the products found, speech detection, barge-in, usage and latency.")
    boolean verbose;

    /** Used by Quarkus (CDI) when run from the jar. */
    public VoiceConsoleCommand() {
        this(ConsoleIo.system());
    }

    public VoiceConsoleCommand(ConsoleIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            if (listDevices) {
                return DeviceList.print(io).code();
            }
            return ConsoleRun.run(new PlanBuilder(this, io).build(), io).code();
        } catch (ConsoleFailure failure) {
            io.err().println(failure.getMessage());
            if (failure.exitCode() == ExitCode.USAGE) {
                io.err().println("Run voice-console --help for the options.");
            }
            return failure.exitCode().code();
        } catch (RuntimeException bug) {
            io.err().println("Unexpected error: " + bug + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                bug.printStackTrace(io.err());
            }
            return ExitCode.UNEXPECTED.code();
        }
    }
}
