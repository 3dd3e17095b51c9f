package io.realtimestore.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.console.ExitCode;
import io.realtimestore.console.audio.AudioDevices;
import io.realtimestore.console.support.ConsoleRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as users type it: what goes together, what does not, and the exit codes of each refusal. */
class CommandLineTest {

    private static final String GATEWAY = "--gateway=ws://127.0.0.1:9";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--text                                                         | Say where to connect",
        "--gateway=ws://a --openai --api-key=k --text                   | Choose one of --gateway, --azure-endpoint and --openai",
        "--gateway=ws://a --api-key=k --instructions-file=x.txt --text  | The gateway owns the instructions",
        "--gateway=ws://a --api-key=k --transcription-model=w --text    | --transcription-model work only with",
        "--gateway=ws://a --api-key=k --token=t --text                  | either --api-key or --token",
        "--openai --token=t --text                                      | --token is for the gateway",
        "--azure-endpoint=https://r.openai.azure.com --api-key=k --text | needs --deployment",
        "--gateway=ws://a --deployment=d --api-key=k --text             | --deployment goes with --azure-endpoint",
        "--gateway=ws://a --model=m --api-key=k --text                  | --model and --openai-base-url go with --openai",
        "--gateway=ws://a --api-key=k --text --input=q.wav              | --text (typed questions) and --input",
        "--gateway=ws://a --api-key=k --input=q.wav --input-device=usb  | --input-device is for the microphone",
        "--gateway=ws://a --api-key=k --output=a.wav --output-device=usb | --output writes the answer to a file",
        "--gateway=ws://a --api-key=k --text --timeout=-1               | --timeout must be 0",
        "--gateway=localhost:8082 --api-key=k --text                    | --gateway must start with ws://",
        "--openai --text                                                | --openai needs the OpenAI key",
        "--gateway=ws://a --api-key=k --volume=11                       | Unknown option: '--volume=11'",
        "--gateway=ws://a --api-key=k --timeout=soon                    | Invalid value for option '--timeout'",
    })
    void optionsThatDoNotGoTogetherAreRefusedWithOneLineAndAHint(String args, String message) {
        ConsoleRunner.Result result = ConsoleRunner.run(args.trim().split("\\s+"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains(message).contains("Run voice-console --help for the options.");
        assertThat(result.err().lines().count()).isLessThanOrEqualTo(3);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void helpListsEveryOptionAndTheExitCodes() {
        ConsoleRunner.Result result = ConsoleRunner.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--gateway=URL", "--api-key=KEY", "--token=TOKEN", "--azure-endpoint=URL",
                "--deployment=NAME", "--openai", "--voice=NAME", "--instructions-file=FILE", "--list-devices", "--input-device=NAME",
                "--output-device=NAME", "--verbose", "--text", "--input=FILE.wav", "--output=FILE.wav", "--timeout=SECONDS",
                "no store tools");
        for (ExitCode code : ExitCode.values()) {
            assertThat(result.out()).contains(String.format("%3d  %s", code.code(), code.meaning().substring(0, 20)));
        }
    }

    @Test
    void listingDevicesOnAMachineWithoutSoundSaysSoAndSuggestsTheHeadlessOptions() {
        Assumptions.assumeTrue(AudioDevices.list().isEmpty(), "this machine has sound devices");
        ConsoleRunner.Result result = ConsoleRunner.run("--list-devices");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("No audio devices found").contains("--input question.wav --output answer.wav")
                .contains("--text");
    }

    @Test
    void withoutAMicrophoneTheConsoleExitsWithTheDeviceCodeAndSuggestsInputOrText() {
        Assumptions.assumeTrue(AudioDevices.list().isEmpty(), "this machine has sound devices");
        ConsoleRunner.Result result = ConsoleRunner.run(GATEWAY, "--api-key=k");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUDIO_DEVICE.code());
        assertThat(result.err()).contains("No microphone is available").contains("--input question.wav").contains("--text");
        assertThat(result.all()).doesNotContain("Exception");
    }

    @Test
    void withoutASpeakerTheConsoleSuggestsOutput() throws Exception {
        Assumptions.assumeTrue(AudioDevices.list().isEmpty(), "this machine has sound devices");
        Path question = Files.write(dir.resolve("q.wav"), io.realtimestore.console.wav.WavFilesForTests.silence(16_000, 100));
        ConsoleRunner.Result result = ConsoleRunner.run(GATEWAY, "--api-key=k", "--input", question.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUDIO_DEVICE.code());
        assertThat(result.err()).contains("No speaker is available").contains("--output answer.wav");
    }

    @Test
    void aMissingOrUnreadableInputAndAnUnwritableOutputExitWithTheFileCode() throws Exception {
        ConsoleRunner.Result missing = ConsoleRunner.run(GATEWAY, "--api-key=k", "--input", dir.resolve("nope.wav").toString(),
                "--output", dir.resolve("a.wav").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.FILE.code());
        assertThat(missing.err()).contains("nope.wav: no such file");

        Path mp3 = Files.writeString(dir.resolve("q.mp3"), "ID3 not a wav");
        ConsoleRunner.Result notWav = ConsoleRunner.run(GATEWAY, "--api-key=k", "--input", mp3.toString(),
                "--output", dir.resolve("a.wav").toString());
        assertThat(notWav.exitCode()).isEqualTo(ExitCode.FILE.code());
        assertThat(notWav.err()).contains("not a WAV file");

        ConsoleRunner.Result unwritable = ConsoleRunner.run(GATEWAY, "--api-key=k", "--text",
                "--output", dir.resolve("no/such/dir/a.wav").toString());
        assertThat(unwritable.exitCode()).isEqualTo(ExitCode.FILE.code());
        assertThat(unwritable.err()).contains("Cannot write");

        ConsoleRunner.Result instructions = ConsoleRunner.run("--openai", "--api-key=k", "--text", "--instructions-file",
                dir.resolve("persona.txt").toString());
        assertThat(instructions.exitCode()).isEqualTo(ExitCode.FILE.code());
        assertThat(instructions.err()).contains("Cannot read the instructions file");
    }
}
