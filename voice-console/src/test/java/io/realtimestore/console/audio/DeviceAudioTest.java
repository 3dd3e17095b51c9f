package io.realtimestore.console.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.realtimestore.console.support.Signals;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The microphone and speaker classes on simulated lines (no sound hardware here). */
class DeviceAudioTest {

    @Test
    void aMicrophoneAt48kHzDeliversItsAudioAt24kHz() throws Exception {
        AtomicLong reads = new AtomicLong();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Microphone microphone = new Microphone(FakeLines.microphone(48_000, reads));
        try {
            microphone.start(block -> {
                synchronized (received) {
                    received.writeBytes(block);
                }
            }, () -> { });
            Thread.sleep(1200);
        } finally {
            microphone.close();
        }
        float[] samples;
        synchronized (received) {
            samples = Pcm16.toFloats(received.toByteArray(), 0, received.size());
        }
        assertThat(samples.length).isBetween(Pcm16.RATE, Pcm16.RATE * 13 / 10); // ~1.2 s of 24 kHz audio
        int from = 2400;
        int to = from + 24 * 800; // whole periods of 1 kHz
        assertThat(Signals.amplitudeAt(samples, from, to, 1000, Pcm16.RATE)).isCloseTo(8000 / 32768.0, within(0.01));
        assertThat(microphone.droppedBytes()).isZero();
    }

    @Test
    void aStalledNetworkNeverStopsTheCaptureThread() throws Exception {
        AtomicLong reads = new AtomicLong();
        CountDownLatch release = new CountDownLatch(1);
        Microphone microphone = new Microphone(FakeLines.microphone(Pcm16.RATE, reads));
        try {
            microphone.start(block -> {
                try {
                    release.await(5, TimeUnit.SECONDS); // the sender is stuck, as on a stalled connection
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, () -> { });
            Thread.sleep(300);
            long before = reads.get();
            Thread.sleep(500);
            assertThat(reads.get() - before).as("20 ms blocks read from the device while the sender was stuck").isGreaterThan(15);
        } finally {
            release.countDown();
            microphone.close();
        }
    }

    @Test
    void aSpeakerAt48kHzGetsUpsampledAudioAndReportsItsPositionIn24kHzFrames() {
        AtomicLong written = new AtomicLong();
        AtomicLong position = new AtomicLong();
        AtomicLong flushes = new AtomicLong();
        SpeakerSink speaker = new SpeakerSink(FakeLines.speaker(48_000, written, position, flushes));

        byte[] block = Signals.tonePcm(440, 100);
        for (int i = 0; i < 10; i++) {
            speaker.write(block, 0, block.length);
        }
        position.set(48_000);

        assertThat(written.get()).isBetween(2L * block.length * 10 - 400, 2L * block.length * 10);
        assertThat(speaker.framesHeard()).isEqualTo(24_000);
        speaker.discardQueued();
        assertThat(flushes.get()).isEqualTo(1);
        assertThat(speaker.needsContinuousFeed()).isTrue();
    }
}
