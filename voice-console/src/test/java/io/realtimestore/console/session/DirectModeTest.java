package io.realtimestore.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimestore.console.ExitCode;
import io.realtimestore.console.support.ConsoleRunner;
import io.realtimestore.console.support.FakeRealtimeService;
import io.realtimestore.console.support.ScriptedStdin;
import io.realtimestore.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Straight to a provider (Azure OpenAI, OpenAI), against a scripted fake of the GA Realtime service: the URL and
 * headers each provider expects, the console's own session set-up, and the exit codes of refusals and failures.
 */
class DirectModeTest {

    @TempDir
    Path dir;

    private FakeRealtimeService azure;

    @AfterEach
    void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void azureGetsTheGaPathTheApiKeyHeaderAndTheConsolesOwnSessionSetUp() throws Exception {
        azure = FakeRealtimeService.start("api-key", "azure-key-1", List.of());
        Path instructions = Files.writeString(dir.resolve("persona.txt"), "You are a pirate. Answer in one line.\n");

        ConsoleRunner.Result result = ConsoleRunner.run(new ScriptedStdin().type("hello there").end(), Map.of(),
                "--azure-endpoint", azure.httpUrl(), "--deployment", "rt-deployment", "--api-key", "azure-key-1",
                "--text", "--voice", "cedar", "--instructions-file", instructions.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.DONE.code());
        assertThat(result.out()).isEqualTo("You: hello there\nAssistant: You said: hello there\n");
        FakeRealtimeService.Handshake handshake = azure.handshakes.get(0);
        assertThat(handshake.path()).isEqualTo("/openai/v1/realtime");
        assertThat(handshake.query()).isEqualTo("model=rt-deployment");
        assertThat(handshake.headers()).containsEntry("api-key", "azure-key-1").doesNotContainKey("sec-websocket-protocol");
        JsonNode update = azure.received.get(0);
        assertThat(update.path("type").asText()).isEqualTo("session.update");
        assertThat(update.at("/session/instructions").asText()).isEqualTo("You are a pirate. Answer in one line.");
        assertThat(update.at("/session/audio/output/voice").asText()).isEqualTo("cedar");
        assertThat(update.at("/session/output_modalities/0").asText()).isEqualTo("text");
        assertThat(update.at("/session/audio/input/transcription/model").asText()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(update.has("tools")).isFalse();
    }

    @Test
    void theKeyCanComeFromTheEnvironment() {
        azure = FakeRealtimeService.start("api-key", "env-key", List.of());
        ConsoleRunner.Result result = ConsoleRunner.run(new ScriptedStdin().type("hi").end(), Map.of("AZURE_OPENAI_API_KEY", "env-key"),
                "--azure-endpoint", azure.httpUrl(), "--deployment", "d", "--text");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("Assistant: You said: hi");
    }

    @Test
    void openAiGetsTheKeyAsABearerTokenAndTheModelInTheUrl() {
        azure = FakeRealtimeService.start("authorization", "Bearer sk-test", List.of());
        ConsoleRunner.Result result = ConsoleRunner.run(new ScriptedStdin().type("what is up").end(), Map.of(),
                "--openai", "--openai-base-url", azure.httpUrl() + "/v1", "--api-key", "sk-test", "--text");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(azure.handshakes.get(0).path()).isEqualTo("/v1/realtime");
        assertThat(azure.handshakes.get(0).query()).isEqualTo("model=gpt-realtime");
        assertThat(result.out()).contains("Assistant: You said: what is up");
    }

    @Test
    void aRefusedKeyExitsWithTheAuthenticationCodeAndSaysWhatToCheckWithoutAStackTrace() {
        azure = FakeRealtimeService.start("api-key", "right-key", List.of());
        ConsoleRunner.Result result = ConsoleRunner.run("--azure-endpoint", azure.httpUrl(), "--deployment", "d",
                "--api-key", "wrong-key", "--text");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTHENTICATION.code());
        assertThat(result.err()).contains("refused the credentials (401)").contains("--api-key");
        assertThat(result.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void nothingListeningExitsWithTheConnectionCode() {
        int port = ServiceProcess.freePort();
        ConsoleRunner.Result result = ConsoleRunner.run("--openai", "--openai-base-url", "http://127.0.0.1:" + port + "/v1",
                "--api-key", "k", "--text");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONNECTION.code());
        assertThat(result.err()).contains("Could not connect to 127.0.0.1:" + port).contains("connection refused");
        assertThat(result.all()).doesNotContain("Exception");
    }

    @Test
    void aServiceThatNeverAnswersRunsIntoTheTimeout() {
        azure = FakeRealtimeService.start("api-key", "k", List.of());
        azure.onResponse = (service, request) -> { };
        ConsoleRunner.Result result = ConsoleRunner.run(new ScriptedStdin().type("hello"), Map.of(),
                "--azure-endpoint", azure.httpUrl(), "--deployment", "d", "--api-key", "k", "--text", "--timeout", "2");

        assertThat(result.exitCode()).isEqualTo(ExitCode.TIMEOUT.code());
        assertThat(result.err()).contains("Gave up after 2 s (--timeout)");
        assertThat(azure.closeCode).isEqualTo((short) 1000);
    }

    @Test
    void aRecordingInWhichTheServiceHearsNoSpeechEndsWithTheSessionCode() throws Exception {
        azure = FakeRealtimeService.start("api-key", "k", List.of());
        Path silence = Files.write(dir.resolve("silence.wav"), io.realtimestore.console.wav.WavFilesForTests.silence(24_000, 200));
        ConsoleRunner.Result result = ConsoleRunner.run("--azure-endpoint", azure.httpUrl(), "--deployment", "d", "--api-key", "k",
                "--input", silence.toString(), "--output", dir.resolve("a.wav").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.SESSION.code());
        assertThat(result.err()).contains("detected no speech in silence.wav");
    }

    @Test
    void theServiceFailingMidSessionEndsTheRunWithTheSessionCode() {
        azure = FakeRealtimeService.start("api-key", "k", List.of());
        azure.onResponse = (service, request) -> service.closeSocket((short) 1011, "internal error");
        ConsoleRunner.Result result = ConsoleRunner.run(new ScriptedStdin().type("hello"), Map.of(),
                "--azure-endpoint", azure.httpUrl(), "--deployment", "d", "--api-key", "k", "--text");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SESSION.code());
        assertThat(result.err()).contains("The service closed the session (1011, the service failed): internal error.");
    }
}
