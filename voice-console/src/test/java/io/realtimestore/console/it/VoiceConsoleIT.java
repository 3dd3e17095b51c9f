package io.realtimestore.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.console.ExitCode;
import io.realtimestore.console.audio.Pcm16;
import io.realtimestore.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged console, run as users run it, against the packaged gateway on its offline voice engine and the real
 * catalog: spoken and typed questions, barge-in, goodbye, and the exit codes scripts rely on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceConsoleIT {

    private StoreServices store;

    @BeforeAll
    void startTheStore() {
        store = StoreServices.start();
    }

    @AfterAll
    void stopTheStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aSpokenQuestionIsTranscribedAnsweredWithACatalogProductAndTheAnswerRecorded() throws Exception {
        Path question = SpokenQuestions.make("sleeping-bags", 0.3, "do you have sleeping bags under two hundred dollars", 1.0);
        Path answer = Path.of("target/console-runs/sleeping-bags-answer.wav").toAbsolutePath();
        Files.createDirectories(answer.getParent());

        PackagedConsole.Result result = PackagedConsole.run(List.of(), 120, "--gateway", store.gatewayUrl(),
                "--api-key", StoreServices.GATEWAY_KEY, "--input", question.toString(), "--output", answer.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.DONE.code());
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("You: ").contains("sleeping bags");
        assertThat(lines.get(1)).startsWith("Assistant: ");
        assertThat(store.productNames("Sleeping Bags", 200)).anySatisfy(name -> assertThat(lines.get(1)).contains(name));
        try (AudioInputStream recorded = AudioSystem.getAudioInputStream(answer.toFile())) {
            AudioFormat format = recorded.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(24_000f);
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            byte[] pcm = recorded.readAllBytes();
            assertThat(pcm.length / Pcm16.BYTES_PER_MS).as("answer length in ms").isGreaterThan(2000);
            assertThat(Pcm16.rmsDbfs(pcm)).as("answer level in dBFS").isGreaterThan(-30);
        }
    }

    @Test
    void typedQuestionsAreAnsweredInWritingOneAfterTheOtherInTheVoiceAskedFor() {
        PackagedConsole.Result result = PackagedConsole.run(List.of("show me headlamps", "is the second one in stock?"), 60,
                "--gateway", store.gatewayUrl(), "--api-key", StoreServices.GATEWAY_KEY, "--text", "--voice", "cedar", "--verbose");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.DONE.code());
        assertThat(result.err()).doesNotContain("Error");
        assertThat(result.out()).containsPattern("\\[session.updated\\] .* voice cedar, answers in \\[\"text\"\\]");
        List<String> conversation = result.out().lines().filter(line -> !line.startsWith("[")).toList();
        assertThat(conversation).hasSize(4);
        assertThat(conversation.get(0)).isEqualTo("You: show me headlamps");
        assertThat(store.productNames("Headlamps", null)).anySatisfy(name -> assertThat(conversation.get(1)).contains(name));
        assertThat(conversation.get(2)).isEqualTo("You: is the second one in stock?");
        assertThat(conversation.get(3)).startsWith("Assistant: ").contains("in stock");
        assertThat(result.out()).contains("[tool] search_products").contains("[tool] check_availability")
                .contains("[products] search_products (ok");
    }

    @Test
    void speakingOverTheAnswerInterruptsItAndTheNewQuestionIsAnswered() {
        Path question = SpokenQuestions.make("barge-in", 0.3, "do you have sleeping bags under two hundred dollars", 3.5,
                "i need a waterproof backpack", 1.0);

        PackagedConsole.Result result = PackagedConsole.run(List.of(), 120, "--gateway", store.gatewayUrl(),
                "--api-key", StoreServices.GATEWAY_KEY, "--input", question.toString(), "--output",
                Path.of("target/console-runs/barge-in-answer.wav").toAbsolutePath().toString(), "--verbose");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.DONE.code());
        List<String> answers = result.out().lines().filter(line -> line.startsWith("Assistant: ")).toList();
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0)).endsWith("[interrupted]");
        assertThat(result.out()).contains("[barge-in] you spoke over the answer").contains("[truncated] the service keeps");
        assertThat(result.out()).containsPattern("You: .*backpack");
        assertThat(store.productNames("Backpacks", null)).anySatisfy(name -> assertThat(answers.get(1)).contains(name));
    }

    @Test
    void whenTheAssistantSaysGoodbyeTheConsoleEndsEvenWithItsInputStillOpen() {
        try (PackagedConsole console = PackagedConsole.start("--gateway", store.gatewayUrl(), "--api-key",
                StoreServices.GATEWAY_KEY, "--text", "--verbose")) {
            console.type(List.of("thank you, goodbye"));

            PackagedConsole.Result result = console.await(60);

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.DONE.code());
            assertThat(result.out()).contains("[tool] end_conversation").containsPattern("Assistant: .*[Gg]oodbye");
            assertThat(result.err()).contains("The assistant ended the conversation.");
        }
    }

    @Test
    void aWrongKeyExitsWithTheAuthenticationCodeAndAPlainMessage() {
        PackagedConsole.Result result = PackagedConsole.run(List.of("hello"), 30, "--gateway", store.gatewayUrl(),
                "--api-key", "not-the-key", "--text");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTHENTICATION.code());
        assertThat(result.err()).contains("The service refused the credentials (401)").contains("--api-key");
        assertThat(result.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableGatewayExitsWithTheConnectionCode() {
        PackagedConsole.Result result = PackagedConsole.run(List.of("hello"), 30, "--gateway",
                "ws://127.0.0.1:" + ServiceProcess.freePort(), "--api-key", "k", "--text");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONNECTION.code());
        assertThat(result.err()).contains("Could not connect").contains("connection refused");
        assertThat(result.all()).doesNotContain("Exception");
    }

    @Test
    void withoutSoundDevicesListingWorksAndTheMicrophoneModeSaysWhatToUseInstead() {
        PackagedConsole.Result list = PackagedConsole.run(List.of(), 30, "--list-devices");
        assertThat(list.exitCode()).isZero();
        if (!list.out().contains("No audio devices found")) {
            return; // a machine with sound: nothing more to check here
        }
        PackagedConsole.Result microphone = PackagedConsole.run(List.of(), 30, "--gateway", store.gatewayUrl(),
                "--api-key", StoreServices.GATEWAY_KEY);
        assertThat(microphone.exitCode()).isEqualTo(ExitCode.AUDIO_DEVICE.code());
        assertThat(microphone.err()).contains("No microphone is available").contains("--input").contains("--text");
        assertThat(microphone.all()).doesNotContain("Exception");
    }
}
