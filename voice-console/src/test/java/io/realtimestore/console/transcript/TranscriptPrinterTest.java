package io.realtimestore.console.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TranscriptPrinterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private long now;
    private final TranscriptPrinter printer = new TranscriptPrinter(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), () -> now, 4000);

    @Test
    void theQuestionIsPrintedBeforeTheAnswerEvenWhenItsTranscriptComesLast() {
        printer.userTurn("user_1");
        printer.assistantItem("answer_1");
        printer.assistantText("answer_1", "We have ");
        printer.assistantText("answer_1", "three tents.");
        assertThat(out()).isEmpty(); // held back behind the question

        printer.userSaid("user_1", "do you have tents");
        assertThat(out()).isEqualTo("You: do you have tents\nAssistant: We have three tents.");

        printer.assistantDone("answer_1", "We have three tents.");
        assertThat(out()).isEqualTo("You: do you have tents\nAssistant: We have three tents.\n");
    }

    @Test
    void twoTurnsInterleavedKeepTheirOrder() {
        printer.userTurn("user_1");
        printer.userSaid("user_1", "show me tents");
        printer.assistantItem("answer_1");
        printer.assistantText("answer_1", "Here are tents");
        printer.userTurn("user_2"); // spoken while the first answer is still printing
        printer.userSaid("user_2", "the cheapest");
        printer.assistantItem("answer_2");
        printer.assistantText("answer_2", "The Basic is cheapest.");
        printer.assistantDone("answer_2", null);
        printer.assistantDone("answer_1", "Here are tents.");

        assertThat(out()).isEqualTo("""
                You: show me tents
                Assistant: Here are tents.
                You: the cheapest
                Assistant: The Basic is cheapest.
                """);
    }

    @Test
    void notesTakeTheirPlaceInTheConversation() {
        printer.userTurn("user_1");
        printer.note("[tool] search_products {\"query\":\"tent\"}");
        printer.assistantItem("answer_1");
        printer.assistantText("answer_1", "Three tents.");
        printer.note("[latency] 300 ms"); // arrives while the answer is still open
        printer.userSaid("user_1", "tents please");
        printer.assistantDone("answer_1", null);

        assertThat(out()).isEqualTo("""
                You: tents please
                [tool] search_products {"query":"tent"}
                Assistant: Three tents.
                [latency] 300 ms
                """);
    }

    @Test
    void aTranscriptThatNeverComesStopsHoldingUpTheConversationAfterAWhile() {
        printer.userTurn("user_1");
        printer.assistantItem("answer_1");
        printer.assistantText("answer_1", "Sorry?");
        printer.releaseOverdue();
        assertThat(out()).isEmpty();

        now += 4_001_000_000L;
        printer.releaseOverdue();
        assertThat(out()).isEqualTo("You: (no transcript)\nAssistant: Sorry?");

        printer.userTurn("user_2");
        printer.userSaid("user_2", null); // transcription failed
        printer.assistantDone("answer_1", null);
        assertThat(out()).endsWith("Assistant: Sorry?\nYou: (no transcript)\n");
    }

    @Test
    void anInterruptedAnswerIsMarkedAndOneCutBeforeItSaidAnythingIsLeftOut() {
        printer.userSaid("user_1", "tell me about tents");
        printer.assistantItem("answer_1");
        printer.assistantText("answer_1", "Tents come in");
        printer.interrupted("answer_1");
        printer.assistantItem("answer_2");
        printer.interrupted("answer_2");
        printer.userSaid("user_2", "stop");

        assertThat(out()).isEqualTo("You: tell me about tents\nAssistant: Tents come in [interrupted]\nYou: stop\n");
    }

    @Test
    void anAsideEndsAHalfPrintedAnswerLineAndTheAnswerGoesOnAfterIt() {
        printer.userSaid("user_1", "hi");
        printer.assistantItem("answer_1");
        printer.assistantText("answer_1", "Hello");
        printer.aside("Error: something happened");
        printer.assistantText("answer_1", " there.");
        printer.assistantDone("answer_1", null);

        assertThat(out()).isEqualTo("You: hi\nAssistant: Hello\nAssistant:  there.\n");
        assertThat(new String(err.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("Error: something happened\n");
    }

    @Test
    void finishPrintsWhatIsStillWaiting() {
        printer.userTurn("user_1");
        printer.assistantItem("answer_1");
        printer.assistantText("answer_1", "Partial");
        assertThat(printer.hasPending()).isTrue();
        printer.finish();
        assertThat(out()).isEqualTo("You: (no transcript)\nAssistant: Partial\n");
        assertThat(printer.hasPending()).isFalse();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
