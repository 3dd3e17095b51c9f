package io.realtimestore.console.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimestore.console.support.Signals;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlaybackTest {

    private static final int MS = Pcm16.RATE / 1000;

    /** A device that takes everything at once, so the test decides alone how much of it has been heard. */
    private final SimulatedDevice device = new SimulatedDevice(10_000 * MS);
    private final Playback playback = new Playback(device, Playback.DEFAULT_CAPACITY);

    @AfterEach
    void close() throws Exception {
        playback.close();
    }

    @Test
    void heardIsWhatTheDeviceHasPlayedNotWhatItWasGiven() {
        playback.play("item_a", Signals.tonePcm(440, 1000));
        await(() -> device.framesWritten() == 1000 * MS);
        assertThat(playback.heardMs("item_a")).isZero();

        device.advance(300 * MS);
        await(() -> playback.heardMs("item_a") == 300);
        assertThat(playback.idle()).isFalse();

        device.advance(700 * MS);
        await(playback::idle);
        assertThat(playback.heardMs("item_a")).isEqualTo(1000);
    }

    @Test
    void bargeInStopsAtOnceAndKeepsWhatWasHeard() {
        playback.play("item_a", Signals.tonePcm(440, 2000));
        await(() -> device.framesWritten() == 2000 * MS);
        device.advance(250 * MS);
        await(() -> playback.heardMs("item_a") == 250);

        playback.interrupt();

        assertThat(device.discards()).isEqualTo(1);
        assertThat(playback.heardMs("item_a")).isEqualTo(250);
        assertThat(playback.idle()).isTrue();
        // late audio of the interrupted answer is not played
        playback.play("item_a", Signals.tonePcm(440, 500));
        assertThat(playback.idle()).isTrue();
        device.advance(1000 * MS);
        assertThat(device.heardAudio()).hasSize(250 * MS * 2);
    }

    @Test
    void theNextAnswerPlaysAfterABargeIn() {
        playback.play("item_a", Signals.tonePcm(440, 1000));
        await(() -> device.framesWritten() == 1000 * MS);
        device.advance(100 * MS);
        await(() -> playback.heardMs("item_a") == 100);
        playback.interrupt();

        playback.play("item_b", Signals.tonePcm(660, 400));
        await(() -> device.framesWritten() == 500 * MS);
        device.advance(200 * MS);
        await(() -> playback.heardMs("item_b") == 200);
        assertThat(playback.heardMs("item_a")).isEqualTo(100);
        device.advance(200 * MS);
        await(playback::idle);
        assertThat(device.heardAudio()).hasSize(500 * MS * 2);
    }

    @Test
    void anAnswerRecordedToAFileIsWrittenAtThePaceOfPlayback() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("paced", ".wav");
        try (Playback recorder = new Playback(new PacedWavSink(io.realtimestore.console.wav.WavWriter.create(file, Pcm16.RATE),
                new RealTimePacer(Pcm16.RATE)), Playback.DEFAULT_CAPACITY)) {
            long start = System.nanoTime();
            recorder.play("item_a", Signals.tonePcm(440, 300));
            assertThat(recorder.awaitIdle(5000)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(260), Duration.ofMillis(1000));
            assertThat(recorder.heardMs("item_a")).isEqualTo(300);
        }
        assertThat(io.realtimestore.console.wav.WavReader.read(file).durationMs()).isEqualTo(300);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
